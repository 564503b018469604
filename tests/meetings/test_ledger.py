"""The public rotation ledger (/meetings/ledger/) and its counts (meetings/ledger.py)."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone, translation

from accounts.models import User
from initiatives.models import Municipality
from meetings.ledger import build_ledger
from tests.factories import InitiativeFactory
from tests.meetings.factories import MeetingFactory, RegistrationFactory
from tests.meetings.factories_rotation import HeldMeetingFactory, WalkInFactory, days_ago

pytestmark = pytest.mark.django_db

URL = "/meetings/ledger/"


def _this_year_days_ago(days: int) -> int:
    """`days`, or fewer if that would leave this year (early January)."""
    return min(days, (timezone.localdate() - timezone.localdate().replace(month=1, day=1)).days)


@pytest.fixture
def history() -> dict[str, object]:
    amersfoort = Municipality.objects.get(name="Amersfoort")
    busy = InitiativeFactory(name="Buurthuis Vol")
    keen = InitiativeFactory(name="Komt Altijd", municipality=amersfoort)
    once = InitiativeFactory(name="Eenmaal Andermaal")
    held = [
        HeldMeetingFactory(host=busy, starts_at=days_ago(_this_year_days_ago(2) + 1)),
        HeldMeetingFactory(host=busy, starts_at=days_ago(_this_year_days_ago(1))),
        HeldMeetingFactory(host=once, starts_at=days_ago(500), municipality=amersfoort),
    ]
    for meeting in held:
        RegistrationFactory(meeting=meeting, initiative=keen, attended=True)
    WalkInFactory(meeting=held[0], initiative=once)
    # Not counted: a future meeting, a cancelled one, a registration without attendance.
    future = MeetingFactory(host=keen)
    RegistrationFactory(meeting=future, initiative=once, attended=True)
    HeldMeetingFactory(host=keen, status="cancelled")
    RegistrationFactory(meeting=held[1], initiative=once, attended=False)
    return {"busy": busy, "keen": keen, "once": once}


def test_counts(history: dict[str, object]) -> None:
    ledger = build_ledger()
    lines = {line.name: line for line in ledger.initiatives}
    assert list(lines) == ["Buurthuis Vol", "Eenmaal Andermaal", "Komt Altijd"]
    assert (lines["Buurthuis Vol"].hosted.times, lines["Buurthuis Vol"].attended) == (2, 0)
    assert lines["Buurthuis Vol"].hosted_often_this_year
    assert (lines["Eenmaal Andermaal"].hosted.times, lines["Eenmaal Andermaal"].attended) == (1, 1)
    assert lines["Eenmaal Andermaal"].hosted.last == timezone.localdate(days_ago(500))
    assert (lines["Komt Altijd"].hosted.times, lines["Komt Altijd"].attended) == (0, 3)
    assert lines["Komt Altijd"].attends_often_never_hosted
    regions = {line.name: line for line in ledger.regions}
    assert regions["Utrecht (stad)"].hosted.times == 2
    assert regions["Eemland"].hosted.times == 1
    assert regions["Eemland"].attended == 3
    assert regions["Vallei"].hosted.times == 0


def test_public_without_flags(visitor: Client, history: dict[str, object]) -> None:
    with translation.override("nl"):
        response = visitor.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Komt Altijd" in page
    assert "Eemland" in page
    assert "komt vaak, was nog nooit gastheer" not in page
    assert "Valt op" not in page


def test_flags_stand_out_for_coordinators_only(
    login: Callable[[User], Client], coordinator: User, member: User, history: dict[str, object]
) -> None:
    with translation.override("nl"):
        # The member first, so a copy cached for the public would show if the key missed the role.
        member_page = login(member).get(URL).content.decode()
        coordinator_page = login(coordinator).get(URL).content.decode()
    assert "komt vaak, was nog nooit gastheer" not in member_page
    assert "komt vaak, was nog nooit gastheer" in coordinator_page
    assert "was dit jaar al twee keer gastheer" in coordinator_page


def test_empty(visitor: Client) -> None:
    with translation.override("nl"):
        page = visitor.get(URL).content.decode()
    assert "Er is nog geen bijeenkomst geweest." in page


def _grow(n: int) -> None:
    for _ in range(n):
        meeting = HeldMeetingFactory()
        meeting.co_hosts.add(InitiativeFactory())
        RegistrationFactory(meeting=meeting, initiative=InitiativeFactory(), attended=True)
        WalkInFactory(meeting=meeting)


def test_query_count_is_constant(visitor: Client, django_assert_num_queries: Callable) -> None:
    from django.core.cache import caches

    _grow(2)
    # The content version, then the ledger's seven (meetings/ledger.py).
    with django_assert_num_queries(8):
        few = visitor.get(URL)
    caches["fragments"].clear()
    _grow(25)
    with django_assert_num_queries(8):
        many = visitor.get(URL)
    assert many.content.decode().count("<tr") > few.content.decode().count("<tr") + 40


def test_a_cached_copy_costs_no_ledger_queries(
    visitor: Client, django_assert_num_queries: Callable
) -> None:
    _grow(3)
    visitor.get(URL)
    # Only the content version.
    with django_assert_num_queries(1):
        visitor.get(URL)


def test_a_large_network_is_listed_a_page_at_a_time(client: Client) -> None:
    """Thousands of initiatives that came stay pages of 50, not one page of megabytes."""
    host = InitiativeFactory(name="Zwaluwnest")  # last in the alphabetical list
    meeting = HeldMeetingFactory(host=host, starts_at=days_ago(10))
    for number in range(55):
        WalkInFactory(meeting=meeting, initiative=InitiativeFactory(name=f"Initiatief {number:03}"))
    first = client.get(URL).content.decode()
    assert "Initiatief 000" in first
    assert "Initiatief 049" in first
    assert "Initiatief 050" not in first
    assert 'href="?page=2"' in first
    second = client.get(URL, {"page": "2"}).content.decode()
    assert "Initiatief 050" in second
    assert "Initiatief 000" not in second
    for odd in ("abc", "0", "-1", "99999999", "²"):
        response = client.get(URL, {"page": odd})
        assert response.status_code == 200, odd
