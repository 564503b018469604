"""The coordinators' host suggestions page (/meetings/suggestions/)."""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from accounts.models import User
from initiatives.models import Initiative, Municipality
from meetings.host_candidates import load_candidates
from meetings.models import HostOffer
from tests.factories import InitiativeFactory
from tests.meetings.factories import HostCapabilityFactory, HostOfferFactory, RegistrationFactory
from tests.meetings.factories_rotation import HeldMeetingFactory, WalkInFactory, days_ago

pytestmark = pytest.mark.django_db

URL = "/meetings/suggestions/"
QUESTION = {"month": "4", "people": "30", "region": "", "breakout_rooms": "1"}


def test_visitors_are_sent_to_log_in(visitor: Client) -> None:
    response = visitor.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_only_coordinators(login: Callable[[User], Client], member: User) -> None:
    assert login(member).get(URL).status_code == 403


def test_the_empty_question_shows_the_form_only(
    login: Callable[[User], Client], coordinator: User
) -> None:
    HostCapabilityFactory(initiative__name="De Kei")
    response = login(coordinator).get(URL)
    assert response.status_code == 200
    assert "De Kei" not in response.content.decode()
    assert 'name="people"' in response.content.decode()


def test_ranked_with_reasons_and_offer(login: Callable[[User], Client], coordinator: User) -> None:
    amersfoort = Municipality.objects.get(name="Amersfoort")
    fresh = HostCapabilityFactory(
        initiative__name="Buurtkamer De Kei", initiative__municipality=amersfoort, capacity=60
    ).initiative
    HostOfferFactory(initiative=fresh, theme="Vrijwilligers vinden", preferred_months=[4])
    veteran = HostCapabilityFactory(initiative__name="Aan de Vaart", capacity=60).initiative
    HeldMeetingFactory(host=veteran, starts_at=days_ago(40))
    small = HostCapabilityFactory(initiative__name="Klein Huis", capacity=10).initiative
    # Not approved, or not able to host: never suggested.
    HostCapabilityFactory(initiative__name="In afwachting", initiative__status="pending")
    HostCapabilityFactory(initiative__name="Kan niet", can_host=False)
    with translation.override("nl"):
        response = login(coordinator).get(URL, QUESTION | {"region": "eemland"})
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Buurtkamer De Kei") < page.index("Aan de Vaart") < page.index(small.name)
    assert "was nog nooit gastheer" in page
    assert "Vrijwilligers vinden" in page
    assert "te klein: 10 plaatsen voor 30 mensen" in page
    assert "In afwachting" not in page
    assert "Kan niet" not in page


def test_the_plan_link_only_once_the_create_page_exists(
    login: Callable[[User], Client], coordinator: User
) -> None:
    HostCapabilityFactory(initiative__name="De Kei")
    page = login(coordinator).get(URL, QUESTION).content.decode()
    try:
        create = reverse("meetings:create")
    except NoReverseMatch:  # built by another part of issue 7
        assert "?host=" not in page
    else:
        assert f"{create}?host=de-kei" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"month": "13"}, "month", "Kies een maand van januari tot en met december."),
        ({"month": "0"}, "month", "Kies een maand van januari tot en met december."),
        ({"month": "mei"}, "month", "Kies een maand van januari tot en met december."),
        ({"people": "0"}, "people", "Verwacht minstens één persoon."),
        ({"people": "100000"}, "people", "Een netwerkbijeenkomst heeft hoogstens 1000 mensen."),
        ({"people": "veel"}, "people", "Vul een heel aantal mensen in."),
        ({"region": "mars"}, "region", "Deze regio kennen we niet. Kies er een uit de lijst."),
        ({"breakout_rooms": "-1"}, "breakout_rooms", "Vul 0 of meer zalen in."),
        ({"needs": "lift"}, "needs", "Kies de behoeften uit de lijst."),
    ],
)
def test_bad_input_gets_a_dutch_message_next_to_the_field(
    login: Callable[[User], Client],
    coordinator: User,
    changes: dict[str, str],
    field: str,
    message: str,
) -> None:
    HostCapabilityFactory(initiative__name="De Kei")
    with translation.override("nl"):
        response = login(coordinator).get(URL, QUESTION | changes)
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        f'id="id_{field}_error"' in page
        or f'id="id_{field}_0_error"' in page
        or (f"id_{field}_error" in page)
    )
    assert message in page
    assert "De Kei" not in page
    # What was typed stays.
    for value in changes.values():
        if value and field not in ("region", "month", "needs"):
            assert f'value="{value}"' in page


def test_candidates_in_a_constant_number_of_queries(
    django_assert_max_num_queries: Callable, coordinator: User
) -> None:
    def grow(n: int) -> None:
        for _ in range(n):
            host = HostCapabilityFactory().initiative
            offer = HostOfferFactory(initiative=host, preferred_months=[3])
            offer.themes.set([])
            meeting = HeldMeetingFactory(host=host)
            meeting.co_hosts.add(InitiativeFactory())
            RegistrationFactory(meeting=meeting, initiative=InitiativeFactory(), attended=True)
            WalkInFactory(meeting=meeting)

    grow(2)
    with django_assert_max_num_queries(8):
        few = load_candidates()
    grow(10)
    with django_assert_max_num_queries(8):
        many = load_candidates()
    assert len(many) == len(few) + 10


def test_candidates_carry_their_history() -> None:
    host = HostCapabilityFactory(initiative__name="Gastheer").initiative
    guest = HostCapabilityFactory(initiative__name="Gast").initiative
    HostOfferFactory(initiative=guest, theme="Open", preferred_months=[5])
    HostOfferFactory(initiative=guest, theme="Afgewezen", status=HostOffer.Status.DECLINED)
    first = HeldMeetingFactory(host=host, starts_at=days_ago(400))
    HeldMeetingFactory(host=host, starts_at=days_ago(100))
    # A cancelled meeting and a draft never count; a published one that has ended does.
    HeldMeetingFactory(host=guest, status="cancelled")
    HeldMeetingFactory(host=guest, status="draft")
    published = HeldMeetingFactory(host=host, status="published", starts_at=days_ago(30))
    RegistrationFactory(meeting=first, initiative=guest, attended=True)
    RegistrationFactory(meeting=first, initiative=guest, attended=True)  # the same meeting
    RegistrationFactory(meeting=published, initiative=guest, attended=False)
    WalkInFactory(meeting=published, initiative=guest)
    candidates = {c.name: c for c in load_candidates()}
    assert candidates["Gastheer"].times_hosted == 3
    assert candidates["Gastheer"].last_hosted == timezone.localdate(days_ago(30))
    assert candidates["Gast"].times_hosted == 0
    assert candidates["Gast"].attended == 2
    assert [o.theme for o in candidates["Gast"].offers] == ["Open"]
    assert candidates["Gast"].region == "Utrecht (stad)"
    assert candidates["Gast"].region_last_hosted == timezone.localdate(days_ago(30))
    assert Initiative.objects.count() == 2


def test_the_page_in_a_constant_number_of_queries(
    login: Callable[[User], Client], coordinator: User
) -> None:
    def grow(n: int) -> None:
        for _ in range(n):
            host = HostCapabilityFactory(weekdays=[2], day_parts=["evening"]).initiative
            HostOfferFactory(initiative=host, preferred_months=[4])
            meeting = HeldMeetingFactory(host=host)
            RegistrationFactory(meeting=meeting, initiative=InitiativeFactory(), attended=True)

    client = login(coordinator)
    client.get(URL)  # the session settles
    grow(2)
    with CaptureQueriesContext(connection) as few_queries:
        few = client.get(URL, QUESTION)
    grow(15)
    with CaptureQueriesContext(connection) as many_queries:
        many = client.get(URL, QUESTION)
    # The person, the themes, the candidates (8) and the regions of the form.
    assert len(few_queries) == len(many_queries) <= 16
    assert many.content.decode().count("rotation-item__title") == 17
    assert few.content.decode().count("rotation-item__title") == 2


def test_candidates_say_when_their_details_are_stale() -> None:
    HostCapabilityFactory(initiative__name="Vers")
    HostCapabilityFactory(initiative__name="Oud", confirmed_at=days_ago(400))
    stale = {c.name: c.details_stale for c in load_candidates()}
    assert stale == {"Vers": False, "Oud": True}
