import json
import re
from collections.abc import Callable

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from initiatives.models import Initiative, Listing, Municipality, TargetGroup
from tests.factories import InitiativeFactory, ListingFactory


@pytest.fixture
def initiative(member: User) -> Initiative:
    return InitiativeFactory(
        name="Zegveld Zorgt",
        municipality=Municipality.objects.get(name="Woerden"),
        place="Zegveld",
        description="Wij <script>alert(1)</script> **helpen**.",
        admin=member,
    )


@pytest.fixture
def contact(client: Client, committed: Callable) -> Callable[..., object]:
    def send(initiative: Initiative, **changes: str) -> object:
        data = {"name": "Anna", "email": "anna@example.nl", "message": "Mag ik meedoen?"}
        with committed():
            return client.post(f"/initiatives/{initiative.slug}/contact/", data | changes)

    return send


@pytest.mark.django_db
def test_the_page_shows_the_profile_with_user_text_sanitised(
    client: Client, initiative: Initiative
) -> None:
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "<strong>helpen</strong>" in page
    assert "<script>alert(1)</script>" not in page
    assert "Zegveld" in page


@pytest.mark.django_db
def test_the_page_carries_schema_org_and_opengraph(client: Client, initiative: Initiative) -> None:
    page = client.get(initiative.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "Organization"
    assert data["name"] == "Zegveld Zorgt"
    assert '<meta property="og:title" content="Zegveld Zorgt">' in page


@pytest.mark.django_db
def test_the_page_links_the_places_on_the_web_that_the_initiative_filled_in(
    client: Client, initiative: Initiative
) -> None:
    initiative.website = "https://zegveldzorgt.example.nl"
    initiative.instagram = "https://instagram.example.com/zegveldzorgt"
    initiative.save()
    page = client.get(initiative.get_absolute_url()).content.decode()
    links = re.findall(r'href="([^"]+)"\s+rel="external nofollow ugc">([^<]+)<', page)
    assert links == [
        ("https://zegveldzorgt.example.nl", "Website"),
        ("https://instagram.example.com/zegveldzorgt", "Instagram"),
    ]
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    assert json.loads(block)["sameAs"] == [url for url, _label in links]


@pytest.mark.django_db
def test_the_page_never_shows_the_admins_address(
    client: Client, initiative: Initiative, member: User
) -> None:
    assert member.email not in client.get(initiative.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_contact_message_reaches_the_admins_with_reply_to_the_sender(
    contact: Callable, initiative: Initiative, member: User
) -> None:
    response = contact(initiative)
    assert response["Location"] == initiative.get_absolute_url()
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert message.reply_to == ["anna@example.nl"]
    assert "Mag ik meedoen?" in message.body


@pytest.mark.django_db
def test_a_bot_filling_the_hidden_field_is_thanked_but_sends_nothing(
    contact: Callable, initiative: Initiative
) -> None:
    response = contact(initiative, website="http://spam.example")
    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_contact_form_with_a_bad_address_keeps_the_message(
    contact: Callable, initiative: Initiative
) -> None:
    response = contact(initiative, email="anna-at-example")
    form = response.context["contact_form"]
    assert form.errors["email"]
    assert form["message"].value() == "Mag ik meedoen?"
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_contact_form_is_rate_limited(contact: Callable, initiative: Initiative) -> None:
    statuses = [contact(initiative).status_code for _attempt in range(6)]
    assert statuses == [302] * 5 + [429]
    assert len(mail.outbox) == 5


@pytest.mark.django_db
def test_a_sixth_message_within_the_hour_keeps_what_was_typed_and_says_how_long_to_wait(
    contact: Callable, initiative: Initiative
) -> None:
    for _attempt in range(5):
        contact(initiative)
    response = contact(initiative, message="Nog een vraag over dinsdag")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Je kunt maximaal 5 berichten per uur sturen. Probeer het over een uur opnieuw" in page
    assert "Nog een vraag over dinsdag" in page
    assert "Een nieuw wachtwoord instellen" not in page


@pytest.mark.django_db
def test_a_need_gets_offers_from_the_same_municipality_first_then_the_nearest(
    client: Client, initiative: Initiative
) -> None:
    need = ListingFactory(initiative=initiative, kind=Listing.Kind.NEED, category="space")
    place = Municipality.objects.get
    near = InitiativeFactory(name="Oudewater Helpt", municipality=place(name="Oudewater"))
    far = InitiativeFactory(name="Rhenen Ruimte", municipality=place(name="Rhenen"))
    same = InitiativeFactory(name="Woerden Samen", municipality=place(name="Woerden"))
    for offering in (far, near, same):
        ListingFactory(initiative=offering, kind=Listing.Kind.OFFER, category="space")
    ListingFactory(initiative=near, kind=Listing.Kind.OFFER, category="expertise")

    suggestions = client.get(initiative.get_absolute_url()).context["suggestions"][need.pk]
    assert [s.initiative_name for s in suggestions] == [
        "Woerden Samen",
        "Oudewater Helpt",
        "Rhenen Ruimte",
    ]
    assert suggestions[1].km < suggestions[2].km


def _queries_for(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.usefixtures("no_page_cache")
def test_the_initiative_page_queries_stay_the_same_with_5_and_with_200_initiatives(
    client: Client, initiative: Initiative
) -> None:
    ListingFactory(initiative=initiative, kind=Listing.Kind.NEED)
    InitiativeFactory.create_batch(4)
    few = _queries_for(client, initiative.get_absolute_url())
    for other in InitiativeFactory.create_batch(195):
        ListingFactory(initiative=other)
    # 1 session-free lookup of the initiative, 1 reload with its municipality,
    # 2 prefetches (themes, target groups), 1 listings, 1 suggestions for all needs,
    # 1 for each section other apps show (the knowledge base's contributions, what the
    # initiative did with the community fund).
    assert _queries_for(client, initiative.get_absolute_url()) == few == 8


@pytest.mark.django_db
def test_the_target_groups_read_as_a_list_without_a_space_before_a_comma(client: Client) -> None:
    initiative = InitiativeFactory()
    groups = list(TargetGroup.objects.all()[:2])
    initiative.target_groups.set(groups)
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert f"{groups[0].display_name}," in page
    assert " ," not in page
