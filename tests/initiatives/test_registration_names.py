"""Names and addresses of new initiatives: a clash is told next to the name field, and nothing
on the page, in the message or in the address gives away what someone else registered."""

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from accounts.models import User
from initiatives.models import Initiative, Municipality
from tests.factories import InitiativeFactory, UserFactory
from tests.initiatives.test_logo import image_file
from tests.initiatives.test_profile_upkeep import edit_data
from tests.initiatives.test_registration_and_review import FORM, form_data

pytestmark = pytest.mark.django_db


def taken(initiative: Initiative) -> str:
    """The refusal, with a link to the public initiative that has the name."""
    link = (
        f'<a class="utrecht-link utrecht-link--html-a" href="{initiative.get_absolute_url()}">'
        f"{initiative.name}</a>"
    )
    return (
        f"Er is al een initiatief met deze naam in Utrecht: {link}. Kies een andere naam, of "
        "vraag of je mee mag doen."
    )


def register(client: Client, **changes: object) -> object:
    return client.post("/initiatives/register/", form_data(**changes))


def test_a_public_initiatives_name_is_refused_next_to_the_name_field(
    client: Client, person: User
) -> None:
    public = InitiativeFactory(name="Groene Buren Lunetten")
    client.force_login(person)
    response = register(client, name="GROENE BUREN LUNETTEN")
    assert response.status_code == 200
    assert response.context["form"].errors == {"name": [taken(public)]}
    assert taken(public) in response.content.decode()  # a link, not escaped
    assert "Beperking" not in response.content.decode()
    assert Initiative.objects.count() == 1


def test_renaming_to_a_public_initiatives_name_is_refused_next_to_the_name_field(
    client: Client, member: User
) -> None:
    public = InitiativeFactory(name="Groene Buren Lunetten")
    mine = InitiativeFactory(name="Groen Lunetten", admin=member)
    client.force_login(member)
    response = client.post(
        f"/initiatives/{mine.slug}/edit/", edit_data(mine, name="Groene buren Lunetten")
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"name": [taken(public)]}


def test_a_name_someone_else_registered_and_that_waits_gives_nothing_away(
    client: Client, person: User
) -> None:
    other = Client()
    other.force_login(UserFactory())
    register(other)
    theirs = Initiative.objects.get()

    client.force_login(person)
    response = register(client)
    assert response.status_code == 302
    mine = Initiative.objects.exclude(pk=theirs.pk).get()
    assert mine.name == theirs.name
    # Both addresses look alike: the name and a random ending, never a telling "-2".
    for initiative in (theirs, mine):
        assert re.fullmatch(r"groene-buren-lunetten-[0-9a-f]{6}", initiative.slug)


def test_on_approval_the_address_becomes_the_name_and_the_e_mail_links_it(
    client: Client, person: User, coordinator: User, committed: Callable
) -> None:
    client.force_login(person)
    register(client)
    initiative = Initiative.objects.get()
    client.force_login(coordinator)
    with committed():
        client.post(f"/initiatives/{initiative.slug}/approve/")
    initiative.refresh_from_db()
    assert initiative.slug == "groene-buren-lunetten"
    assert "/initiatives/groene-buren-lunetten/" in mail.outbox[-1].body


def test_a_coordinator_cannot_approve_a_namesake_of_a_public_initiative(
    client: Client, person: User, coordinator: User
) -> None:
    client.force_login(person)
    register(client)
    waiting = Initiative.objects.get()
    InitiativeFactory(name="Groene buren Lunetten")  # approved meanwhile
    client.force_login(coordinator)
    response = client.post(f"/initiatives/{waiting.slug}/approve/", follow=True)
    assert (
        "Groene Buren Lunetten kan niet worden goedgekeurd: een goedgekeurd initiatief in "
        "Utrecht heeft deze naam al. Vraag de aanmelder om een andere naam te kiezen."
    ) in [str(message) for message in response.context["messages"]]
    waiting.refresh_from_db()
    assert waiting.status == Initiative.Status.PENDING


@pytest.mark.parametrize(
    ("existing", "similar"),
    [
        ("Buurtmoestuin Houten-Noord", False),
        ("Moestuin Oost", False),
        ("De Zonnebloem", True),
        ("Moestuin de Zonnebloem", True),
    ],
)
def test_is_this_yours_asks_only_for_a_name_that_is_alike(
    client: Client, person: User, existing: str, similar: bool
) -> None:
    houten = Municipality.objects.get(name="Houten")
    InitiativeFactory(
        name=existing,
        municipality=houten,
        pitch="Een moestuin met zonnebloemen voor de hele buurt.",
        description="In onze moestuin groeien zonnebloemen.",
    )
    client.force_login(person)
    response = register(client, name="Moestuin De Zonnebloem", municipality=houten.pk)
    assert (response.status_code == 200) is similar
    assert Initiative.objects.filter(name="Moestuin De Zonnebloem").exists() is not similar


def test_the_logo_is_kept_through_the_is_this_yours_step(
    client: Client, person: User, settings: object, tmp_path: Path, committed: Callable
) -> None:
    settings.MEDIA_ROOT = tmp_path
    InitiativeFactory(name="Groene Buren Utrecht")
    client.force_login(person)
    logo = SimpleUploadedFile("logo.jpg", image_file("JPEG"))
    response = register(client, logo=logo)
    assert response.context["similar"]
    kept = response.context["kept_logo"]
    assert f'name="kept_logo" value="{kept["token"]}"' in response.content.decode()

    with committed():
        response = register(client, is_new="on", kept_logo=kept["token"])
    initiative = Initiative.objects.get(name=FORM["name"])
    with Image.open(initiative.logo.path) as stored:
        assert stored.format == "PNG"
    _folders, left = default_storage.listdir("logos/kept/")
    assert left == []  # the kept copy is gone once the initiative has its own


def test_a_kept_logo_is_only_for_the_person_who_chose_it(
    client: Client, person: User, settings: object, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    InitiativeFactory(name="Groene Buren Utrecht")
    client.force_login(person)
    logo = SimpleUploadedFile("logo.png", image_file("PNG"))
    token = register(client, logo=logo).context["kept_logo"]["token"]

    client.force_login(UserFactory())
    register(client, is_new="on", kept_logo=token)
    assert not Initiative.objects.get(name=FORM["name"]).logo
