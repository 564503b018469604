"""The demo meetings that `make run` loads: the source texts' meetings, a history, upcoming ones."""

from datetime import date

import pytest
from django.db.models import Count
from django.test import Client
from django.utils import timezone

from accounts.demo import load_people
from initiatives.demo import load_initiatives
from initiatives.models import Initiative
from meetings.demo import KNOWLEDGE_AGENDA_GUESTS, MARKER, load_meetings
from meetings.models import (
    HostCapability,
    HostOffer,
    Meeting,
    MeetingTask,
    Registration,
    WalkIn,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded() -> list[str]:
    # In the order load_demo_data runs them.
    return load_people() + load_initiatives() + load_meetings()


def test_the_meetings_of_the_source_texts(loaded: list[str], client: Client) -> None:
    february = Meeting.objects.get(slug=MARKER)
    assert timezone.localtime(february.starts_at).date() == date(2018, 2, 21)
    assert february.venue_name == "Krachtstation Kanaleneiland"
    assert february.address == "Amerikalaan 199, 3526 VD Utrecht"
    assert february.host.name == "Krachtstation Kanaleneiland"
    assert "samen optrekken" in february.report.conclusions_html
    march = Meeting.objects.get(starts_at__date=date(2018, 3, 27))
    assert timezone.localtime(march.starts_at).strftime("%H:%M") == "16:30"
    september = Meeting.objects.get(starts_at__date=date(2018, 9, 10))
    present = set(
        WalkIn.objects.filter(meeting=september).values_list("initiative__name", flat=True)
    )
    assert present == set(KNOWLEDGE_AGENDA_GUESTS)
    assert "27 maart 2018, 16.30–18.30 uur" in client.get(march.get_absolute_url()).content.decode()


def test_two_years_of_held_meetings_by_different_hosts_and_regions(loaded: list[str]) -> None:
    two_years_ago = timezone.now() - timezone.timedelta(days=730)
    held = Meeting.objects.filter(status=Meeting.Status.HELD, starts_at__gte=two_years_ago)
    assert held.count() >= 12
    assert held.values("host").distinct().count() == held.count()
    regions = held.values_list("municipality__regions", flat=True).distinct()
    assert len(set(regions)) >= 5
    attended = Registration.objects.filter(meeting__in=held, attended=True)
    assert attended.count() > 100
    assert WalkIn.objects.filter(meeting__in=held).exists()


def test_upcoming_meetings_one_with_a_waiting_list(loaded: list[str], client: Client) -> None:
    upcoming = Meeting.objects.upcoming()
    assert upcoming.count() >= 4
    full = upcoming.annotate(
        waiting=Count("registrations", filter=models_q(Registration.Status.WAITING))
    ).filter(waiting__gt=0)
    assert full.count() == 1
    assert MeetingTask.objects.filter(meeting__in=upcoming).count() == 6 * upcoming.count()
    assert client.get("/meetings/").status_code == 200
    for meeting in upcoming:
        assert client.get(meeting.get_absolute_url()).status_code == 200


def models_q(status: str) -> object:
    from django.db.models import Q

    return Q(registrations__status=status)


def test_host_offers_in_every_state_and_capabilities_for_a_third(loaded: list[str]) -> None:
    assert set(HostOffer.objects.values_list("status", flat=True)) == set(HostOffer.Status.values)
    approved = Initiative.objects.approved().count()
    assert approved // 4 < HostCapability.objects.count() < approved // 2
    assert len(set(HostCapability.objects.values_list("capacity", flat=True))) > 3


def test_loading_twice_keeps_what_the_first_run_made(loaded: list[str]) -> None:
    counts = (Meeting.objects.count(), Registration.objects.count(), HostOffer.objects.count())
    load_meetings()
    assert (
        Meeting.objects.count(),
        Registration.objects.count(),
        HostOffer.objects.count(),
    ) == counts
