from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client

from accounts.models import User
from initiatives.models import AuditEntry, Initiative, Membership, Municipality, Theme
from tests.factories import InitiativeFactory

FORM = {
    "name": "Groene Buren Lunetten",
    "pitch": "Buren vergroenen samen hun straat en delen gereedschap.",
    "place": "Lunetten",
    "legal_form": "informal",
    "description": "We beginnen **klein**.",
}


def form_data(**changes: object) -> dict[str, object]:
    municipality = Municipality.objects.get(name="Utrecht")
    theme = Theme.objects.get(name="Leefbaarheid")
    return {**FORM, "municipality": municipality.pk, "themes": [theme.pk], **changes}


@pytest.mark.django_db
def test_a_registered_initiative_waits_with_its_registrant_as_admin(
    client: Client, person: User, coordinator: User, committed: Callable
) -> None:
    client.force_login(person)
    with committed():
        response = client.post("/initiatives/register/", form_data())
    initiative = Initiative.objects.get(name="Groene Buren Lunetten")
    assert response["Location"] == initiative.get_absolute_url()
    assert initiative.status == Initiative.Status.PENDING
    assert initiative.memberships.get().user == person
    assert initiative.memberships.get().role == Membership.Role.ADMIN
    assert "<strong>klein</strong>" in initiative.description_html
    assert [m.to for m in mail.outbox] == [[coordinator.email]]


@pytest.mark.django_db
def test_a_similar_name_in_the_same_municipality_asks_is_this_yours(
    client: Client, person: User
) -> None:
    InitiativeFactory(
        name="Groene Buren Utrecht", municipality=Municipality.objects.get(name="Utrecht")
    )
    client.force_login(person)
    response = client.post("/initiatives/register/", form_data())
    assert response.status_code == 200
    assert [i.name for i in response.context["similar"]] == ["Groene Buren Utrecht"]
    assert not Initiative.objects.filter(name=FORM["name"]).exists()
    assert response.context["form"]["pitch"].value() == FORM["pitch"]  # nothing typed is lost

    response = client.post("/initiatives/register/", form_data(is_new="on"))
    assert Initiative.objects.filter(name=FORM["name"]).exists()


@pytest.mark.django_db
def test_the_same_name_elsewhere_is_no_duplicate(client: Client, person: User) -> None:
    InitiativeFactory(
        name="Groene Buren Lunetten", municipality=Municipality.objects.get(name="Zeist")
    )
    client.force_login(person)
    client.post("/initiatives/register/", form_data())
    assert Initiative.objects.filter(name=FORM["name"]).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"municipality": 99999}, "municipality"),
        ({"founded_year": "twintig"}, "founded_year"),
        ({"founded_year": 1850}, "founded_year"),
        ({"website": "geen adres"}, "website"),
        ({"latitude": "52.1"}, "longitude"),
        ({"latitude": "48.85", "longitude": "2.35"}, "latitude"),
    ],
)
def test_bad_input_is_named_next_to_its_field(
    client: Client, person: User, changes: dict, field: str
) -> None:
    client.force_login(person)
    response = client.post("/initiatives/register/", form_data(**changes))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Initiative.objects.exists()


@pytest.mark.django_db
def test_a_coordinator_approves_and_the_registrant_hears_it(
    client: Client, coordinator: User, member: User, committed: Callable
) -> None:
    initiative = InitiativeFactory(status=Initiative.Status.PENDING, admin=member)
    client.force_login(coordinator)
    assert initiative.name in client.get("/initiatives/review/").content.decode()
    with committed():
        client.post(f"/initiatives/{initiative.slug}/approve/")
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.APPROVED
    assert mail.outbox[-1].to == [member.email]
    assert AuditEntry.objects.filter(initiative=initiative, action="approved", user=coordinator)


@pytest.mark.django_db
def test_a_rejection_needs_a_reason_and_sends_it(
    client: Client, coordinator: User, member: User, committed: Callable
) -> None:
    initiative = InitiativeFactory(status=Initiative.Status.PENDING, admin=member)
    client.force_login(coordinator)
    response = client.post(f"/initiatives/{initiative.slug}/reject/", {"reason": "  "})
    assert response.context["form"].errors["reason"]
    with committed():
        client.post(f"/initiatives/{initiative.slug}/reject/", {"reason": "Dit is een bedrijf."})
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.REJECTED
    assert "Dit is een bedrijf." in mail.outbox[-1].body


@pytest.mark.django_db
def test_an_initiative_is_reviewed_only_once(client: Client, coordinator: User) -> None:
    initiative = InitiativeFactory(status=Initiative.Status.PENDING)
    client.force_login(coordinator)
    client.post(f"/initiatives/{initiative.slug}/approve/")
    client.post(f"/initiatives/{initiative.slug}/reject/", {"reason": "Te laat"})
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.APPROVED


@pytest.mark.django_db
def test_an_archived_initiative_leaves_the_directory_but_is_kept(
    client: Client, member: User
) -> None:
    initiative = InitiativeFactory(admin=member)
    client.force_login(member)
    client.post(f"/initiatives/{initiative.slug}/archive/")
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.ARCHIVED
    assert Client().get(initiative.get_absolute_url()).status_code == 404
    assert initiative not in Initiative.objects.approved()


@pytest.mark.django_db
def test_a_web_address_without_https_gets_it(client: Client, person: User) -> None:
    client.force_login(person)
    client.post("/initiatives/register/", form_data(website="groeneburen.nl"))
    assert Initiative.objects.get(name=FORM["name"]).website == "https://groeneburen.nl"
