"""An initiative offers to host a network meeting; the coordinators move the offer along."""

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from accounts.roles import COORDINATOR
from initiatives.models import Initiative, Membership, Theme
from meetings import offers
from meetings.hosting import HostingRuleError
from meetings.models import HostOffer
from tests.factories import InitiativeFactory, UserFactory
from tests.meetings.factories import HostCapabilityFactory, HostOfferFactory, MeetingFactory

HOSTILE = '<script>alert("x")</script> & "quotes" <b>vet</b>'
Status = HostOffer.Status
# Where a coordinator sees offers: the offers page, the overview, the queue in full.
OFFER_PAGES = ["/meetings/offers/", "/coordination/", "/coordination/host-offers/"]


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> None:
    cache.clear()


@pytest.fixture
def initiative(member: User) -> Initiative:
    return InitiativeFactory(name="Krachtstation Kanaleneiland", admin=member)


def offer_url(initiative: Initiative) -> str:
    return f"/meetings/hosts/{initiative.slug}/offer/"


def offer_data(**changes: Any) -> dict[str, Any]:
    theme = Theme.objects.first()
    assert theme is not None
    return {
        "theme": "Hoe houden we vrijwilligers vast?",
        "themes": [theme.pk],
        "preferred_months": ["3", "9"],
        "note": "Liefst op een dinsdagmiddag.",
        **changes,
    }


@pytest.mark.django_db
def test_a_member_offers_the_initiative_and_the_coordinators_hear_of_it(
    client: Client,
    member: User,
    coordinator: User,
    initiative: Initiative,
    committed: Callable[[], AbstractContextManager],
) -> None:
    client.force_login(member)
    assert client.get(offer_url(initiative)).status_code == 200
    with committed():
        response = client.post(offer_url(initiative), offer_data())
    assert response.status_code == 302
    offer = HostOffer.objects.get()
    assert (offer.initiative, offer.offered_by, offer.status) == (initiative, member, "proposed")
    assert offer.preferred_months == [3, 9]
    assert offer.themes.count() == 1

    (message,) = mail.outbox
    assert message.to == [coordinator.email]
    assert "Krachtstation Kanaleneiland" in message.subject
    assert "Hoe houden we vrijwilligers vast?" in message.body
    assert "maart, september" in message.body
    assert f"/meetings/offers/#offer-{offer.pk}" in message.body

    page = client.get(f"/meetings/hosts/{initiative.slug}/").content.decode()
    assert "Hoe houden we vrijwilligers vast?" in page
    assert "Aangeboden" in page  # the status "proposed"


@pytest.mark.django_db
def test_an_offer_without_a_theme_keeps_what_was_typed(
    client: Client, member: User, initiative: Initiative
) -> None:
    client.force_login(member)
    response = client.post(offer_url(initiative), offer_data(theme=""))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vertel wat jullie met de anderen willen uitzoeken." in page
    assert "Liefst op een dinsdagmiddag." in page
    assert not HostOffer.objects.exists()


@pytest.mark.django_db
def test_a_month_that_does_not_exist_is_refused(
    client: Client, member: User, initiative: Initiative
) -> None:
    client.force_login(member)
    response = client.post(offer_url(initiative), offer_data(preferred_months=["13"]))
    assert response.status_code == 200
    assert "geen beschikbare keuze" in response.content.decode()
    assert not HostOffer.objects.exists()


@pytest.mark.django_db
def test_offers_are_rate_limited_per_person(
    client: Client, member: User, initiative: Initiative
) -> None:
    client.force_login(member)
    for _ in range(5):
        assert client.post(offer_url(initiative), offer_data()).status_code == 302
    response = client.post(offer_url(initiative), offer_data(note="Nummer zes"))
    assert response.status_code == 429
    page = response.content.decode()
    assert "hooguit 5 aanbiedingen per dag" in page
    assert "Nummer zes" in page
    assert HostOffer.objects.count() == 5


@pytest.mark.django_db
def test_only_members_of_an_approved_initiative_offer_it(
    client: Client, member: User, coordinator: User, initiative: Initiative
) -> None:
    pending = InitiativeFactory(status=Initiative.Status.PENDING, admin=member)
    client.force_login(member)
    assert client.get(offer_url(pending)).status_code == 403
    page = client.get(f"/meetings/hosts/{pending.slug}/").content.decode()
    assert "Als een coördinator het initiatief heeft goedgekeurd" in page
    client.force_login(coordinator)
    assert client.post(offer_url(initiative), offer_data()).status_code == 403
    client.force_login(UserFactory())
    assert client.post(offer_url(initiative), offer_data()).status_code == 403
    assert not HostOffer.objects.exists()


@pytest.mark.django_db
def test_the_initiative_withdraws_an_open_offer_but_not_a_closed_one(
    client: Client, member: User, coordinator: User, initiative: Initiative
) -> None:
    open_offer = HostOfferFactory(initiative=initiative)
    held = HostOfferFactory(initiative=initiative, status=Status.HELD)
    client.force_login(member)
    base = f"/meetings/hosts/{initiative.slug}/offers"
    client.post(f"{base}/{open_offer.pk}/withdraw/")
    open_offer.refresh_from_db()
    assert open_offer.status == Status.WITHDRAWN

    response = client.post(f"{base}/{held.pk}/withdraw/", follow=True)
    assert "niet meer open" in response.content.decode()
    held.refresh_from_db()
    assert held.status == Status.HELD

    # Another initiative's offer cannot be reached through this one's address.
    other = HostOfferFactory()
    assert client.post(f"{base}/{other.pk}/withdraw/").status_code == 404
    # A coordinator declines instead of withdrawing.
    again = HostOfferFactory(initiative=initiative)
    client.force_login(coordinator)
    assert client.post(f"{base}/{again.pk}/withdraw/").status_code == 403


@pytest.mark.django_db
def test_a_coordinator_moves_an_offer_all_the_way(client: Client, coordinator: User) -> None:
    offer = HostOfferFactory()
    client.force_login(coordinator)
    for seen, to in [
        ("proposed", "tentative"),
        ("tentative", "confirmed"),
        ("confirmed", "held"),
        ("held", "reported"),
    ]:
        response = client.post(f"/meetings/offers/{offer.pk}/move/", {"seen": seen, "to": to})
        assert response.status_code == 302
        assert response["Location"].endswith(f"/meetings/offers/#offer-{offer.pk}")
        offer.refresh_from_db()
        assert offer.status == to
    # Nothing comes after the report.
    client.post(f"/meetings/offers/{offer.pk}/move/", {"seen": "reported", "to": "held"})
    offer.refresh_from_db()
    assert offer.status == Status.REPORTED


@pytest.mark.django_db
def test_declining_needs_a_reason_and_tells_the_admins(
    client: Client,
    member: User,
    coordinator: User,
    initiative: Initiative,
    committed: Callable[[], AbstractContextManager],
) -> None:
    offer = HostOfferFactory(initiative=initiative, theme=HOSTILE)
    client.force_login(coordinator)
    response = client.post(
        f"/meetings/offers/{offer.pk}/move/", {"seen": "proposed", "to": "declined", "reason": " "}
    )
    assert response.status_code == 400
    assert "Vertel het initiatief waarom." in response.content.decode()
    offer.refresh_from_db()
    assert offer.status == Status.PROPOSED

    with committed():
        client.post(
            f"/meetings/offers/{offer.pk}/move/",
            {"seen": "proposed", "to": "declined", "reason": f"Dit jaar vol. {HOSTILE}"},
        )
    offer.refresh_from_db()
    assert offer.status == Status.DECLINED
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert f"Dit jaar vol. {HOSTILE}" in message.body  # plain text: as typed
    assert "\n" not in message.subject

    page = client.get(f"/meetings/hosts/{initiative.slug}/").content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


@pytest.mark.django_db
def test_a_step_on_an_offer_that_changed_meanwhile_is_refused_with_a_message(
    client: Client, coordinator: User
) -> None:
    offer = HostOfferFactory(status=Status.TENTATIVE)
    client.force_login(coordinator)
    # The page showed "proposed"; another coordinator moved it on meanwhile.
    response = client.post(
        f"/meetings/offers/{offer.pk}/move/",
        {"seen": "proposed", "to": "declined", "reason": "x"},
        follow=True,
    )
    assert "Iemand anders heeft dit aanbod" in response.content.decode()
    offer.refresh_from_db()
    assert (offer.status, offer.decline_reason) == (Status.TENTATIVE, "")


@pytest.mark.django_db
def test_a_made_up_step_is_refused(client: Client, coordinator: User) -> None:
    offer = HostOfferFactory()
    client.force_login(coordinator)
    for data in [{"seen": "proposed", "to": "reported"}, {"seen": "x", "to": "y"}, {}]:
        response = client.post(f"/meetings/offers/{offer.pk}/move/", data, follow=True)
        assert response.status_code == 200
        assert "Deze stap kan vanaf hier niet." in response.content.decode()
    offer.refresh_from_db()
    assert offer.status == Status.PROPOSED
    assert client.post("/meetings/offers/999999/move/", {}).status_code == 404


@pytest.mark.django_db
def test_a_coordinator_ties_an_offer_to_a_meeting(client: Client, coordinator: User) -> None:
    offer = HostOfferFactory(status=Status.TENTATIVE)
    meeting = MeetingFactory(host=offer.initiative, title=HOSTILE)
    client.force_login(coordinator)
    page = client.get("/meetings/offers/").content.decode()
    assert "&lt;script&gt;alert" in page
    assert "<script>alert" not in page
    client.post(
        f"/meetings/offers/{offer.pk}/meeting/", {"seen": "tentative", "meeting": meeting.pk}
    )
    offer.refresh_from_db()
    assert offer.meeting == meeting
    for bad in ["999999", "abc"]:
        response = client.post(
            f"/meetings/offers/{offer.pk}/meeting/",
            {"seen": "tentative", "meeting": bad},
            follow=True,
        )
        assert "Kies een bijeenkomst uit de lijst." in response.content.decode()
    client.post(f"/meetings/offers/{offer.pk}/meeting/", {"seen": "tentative", "meeting": ""})
    offer.refresh_from_db()
    assert offer.meeting is None


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_at_once_one_step_wins_and_the_other_is_told(
    reference_data: None,
) -> None:
    """Real threads with their own connections: the second re-reads the offer under the lock."""
    Group.objects.get_or_create(name=COORDINATOR)
    offer = HostOfferFactory()
    barrier = threading.Barrier(2)
    outcomes: list[Any] = [None, None]

    def run(index: int, to: str) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes[index] = offers.move_offer(
                offer.pk, seen="proposed", to=to, reason="Geen plek"
            ).status
        except Exception as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(0, "tentative")),
        threading.Thread(target=run, args=(1, "declined")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    won = [o for o in outcomes if isinstance(o, str)]
    told = [o for o in outcomes if isinstance(o, HostingRuleError)]
    assert (len(won), len(told)) == (1, 1), outcomes
    assert "Iemand anders" in told[0].message or "Someone else" in told[0].message
    offer.refresh_from_db()
    assert offer.status == won[0]


@pytest.mark.django_db
def test_the_queue_lists_open_offers_oldest_first_and_keeps_unscheduled_ones(
    client: Client, coordinator: User
) -> None:
    now = timezone.now()
    old = HostOfferFactory(theme="Oudste aanbod")
    HostOffer.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=800))
    newer = HostOfferFactory(theme="Nieuwer aanbod", status=Status.TENTATIVE)
    for status in (Status.HELD, Status.REPORTED, Status.DECLINED, Status.WITHDRAWN):
        HostOfferFactory(theme=f"Dicht {status}", status=status)
    assert list(offers.open_offers()) == [old, newer]

    client.force_login(coordinator)
    page = client.get("/coordination/").content.decode()
    assert "Aanbiedingen om gastheer te zijn" in page
    assert page.index("Oudste aanbod") < page.index("Nieuwer aanbod")
    assert "Dicht" not in page
    assert 'href="/meetings/offers/"' in page


def _offers(count: int) -> None:
    theme = Theme.objects.first()
    for number in range(count):
        initiative = InitiativeFactory()
        if number % 2:
            HostCapabilityFactory(initiative=initiative)
        offer = HostOfferFactory(
            initiative=initiative,
            status=list(Status)[number % len(Status)],
            meeting=MeetingFactory(host=initiative) if number % 3 == 0 else None,
        )
        offer.themes.set([theme])


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize(
    ("url", "few"),
    [
        ("/meetings/offers/", 3),
        # Enough that every queue on the overview shows its first five and counts the rest.
        ("/coordination/", 14),
        ("/coordination/host-offers/", 3),
    ],
)
def test_the_offers_page_and_the_queue_cost_the_same_queries_for_few_and_many(
    client: Client, coordinator: User, url: str, few: int
) -> None:
    client.force_login(coordinator)
    _offers(few)
    _queries(client, url)  # the first request of a session does some work once
    with_few = _queries(client, url)
    _offers(40)
    assert _queries(client, url) == with_few
    assert with_few <= 25


@pytest.mark.django_db
@pytest.mark.usefixtures("no_page_cache")
def test_the_initiatives_page_about_hosting_costs_the_same_for_few_and_many_offers(
    client: Client, member: User, initiative: Initiative
) -> None:
    HostCapabilityFactory(initiative=initiative)
    theme = Theme.objects.first()
    client.force_login(member)
    url = f"/meetings/hosts/{initiative.slug}/"

    def offer(count: int) -> None:
        for _ in range(count):
            HostOfferFactory(initiative=initiative, meeting=MeetingFactory()).themes.set([theme])

    offer(1)
    _queries(client, url)
    with_one = _queries(client, url)
    offer(30)
    assert _queries(client, url) == with_one


@pytest.mark.django_db
def test_only_coordinators_see_the_offers(client: Client, member: User) -> None:
    offer = HostOfferFactory()
    client.force_login(member)
    assert client.get("/meetings/offers/").status_code == 403
    assert client.post(f"/meetings/offers/{offer.pk}/move/", {}).status_code == 403
    assert client.post(f"/meetings/offers/{offer.pk}/meeting/", {}).status_code == 403
    Membership.objects.all()  # members of the offering initiative are no exception
    client.logout()
    assert client.get("/meetings/offers/").status_code == 302


@pytest.mark.django_db
def test_hostile_text_in_every_field_stays_text_wherever_it_shows(
    client: Client,
    member: User,
    coordinator: User,
    committed: Callable[[], AbstractContextManager],
) -> None:
    initiative = InitiativeFactory(name=f"{HOSTILE}\nBcc: iemand@example.nl", admin=member)
    client.force_login(member)
    with committed():
        client.post(offer_url(initiative), offer_data(theme=HOSTILE[:200], note=HOSTILE))
    (message,) = mail.outbox
    assert "\n" not in message.subject
    assert "<script>" not in message.subject  # tags are stripped from subjects
    assert message.body.count(HOSTILE[:40]) >= 2  # plain text: as typed, theme and note

    pages = [client.get(f"/meetings/hosts/{initiative.slug}/")]
    client.force_login(coordinator)
    pages += [client.get(url) for url in OFFER_PAGES]
    for response in pages:
        page = response.content.decode()
        assert response.status_code == 200
        assert "<script>alert" not in page
        assert "<b>vet</b>" not in page
        assert "&lt;script&gt;alert" in page


@pytest.mark.django_db
def test_a_persons_offers_are_in_their_export_and_stay_with_the_initiative_after_them(
    client: Client, member: User, initiative: Initiative
) -> None:
    offer = HostOfferFactory(initiative=initiative, offered_by=member, note="Graag in maart")
    client.force_login(member)
    export = client.get("/my-account/export/").json()
    assert export["host_offers"][0]["theme"] == offer.theme
    assert export["host_offers"][0]["note"] == "Graag in maart"
    member.delete()
    offer.refresh_from_db()
    assert offer.offered_by is None
