"""Calendar files: one per meeting, a registrant's own copy, and the feeds."""

from datetime import UTC, timedelta

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from meetings.models import Meeting, Region
from tests.meetings.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

HOSTILE = "Koffie, thee; en\r\nBEGIN:VEVENT\nSUMMARY:nep\\n <script>x</script>"
SECRET = "https://meet.example.nl/geheim"


def events(response: object) -> list:
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert response["Content-Type"].startswith("text/calendar")  # type: ignore[index]
    calendar = Calendar.from_ical(response.content)  # type: ignore[attr-defined]
    return list(calendar.walk("VEVENT"))


def test_a_meeting_file_has_a_stable_uid_sequence_status_and_a_way_back(client: Client) -> None:
    meeting = MeetingFactory(kind=Meeting.Kind.HYBRID, online_link=SECRET)
    Meeting.objects.filter(pk=meeting.pk).update(sequence=3)
    [event] = events(client.get(f"/meetings/{meeting.slug}/calendar.ics"))
    assert str(event["UID"]).startswith(str(meeting.uid))
    assert event["SEQUENCE"] == 3
    assert event["STATUS"] == "CONFIRMED"
    assert event["DTSTART"].dt == meeting.starts_at.astimezone(UTC)
    assert event["DTEND"].dt == meeting.ends_at.astimezone(UTC)
    assert event["URL"] == f"http://testserver/meetings/{meeting.slug}/"
    assert "Krachtstation Kanaleneiland, Amerikalaan 199" in event["LOCATION"]
    assert SECRET not in client.get(f"/meetings/{meeting.slug}/calendar.ics").content.decode()


def test_a_cancelled_meeting_says_so_with_the_same_uid(client: Client) -> None:
    meeting = MeetingFactory(status=Meeting.Status.CANCELLED, cancel_reason="De zaal is dicht.")
    [event] = events(client.get(f"/meetings/{meeting.slug}/calendar.ics"))
    assert event["STATUS"] == "CANCELLED"
    assert "De zaal is dicht." in event["DESCRIPTION"]


def test_a_draft_has_no_calendar_file(client: Client) -> None:
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    assert client.get(f"/meetings/{meeting.slug}/calendar.ics").status_code == 404


def test_the_own_copy_has_the_online_link_only_once_registered(client: Client) -> None:
    meeting = MeetingFactory(kind=Meeting.Kind.ONLINE, online_link=SECRET, capacity=1)
    registered = RegistrationFactory(meeting=meeting)
    waiting = RegistrationFactory(meeting=meeting, status="waiting")
    [event] = events(client.get(f"/meetings/registration/{registered.token}/calendar.ics"))
    assert SECRET in event["DESCRIPTION"]
    [event] = events(client.get(f"/meetings/registration/{waiting.token}/calendar.ics"))
    assert SECRET not in event["DESCRIPTION"]


def test_hostile_text_stays_inside_its_property(client: Client) -> None:
    meeting = MeetingFactory(
        title=HOSTILE, question=HOSTILE, venue_name=HOSTILE, address=HOSTILE, description=HOSTILE
    )
    response = client.get(f"/meetings/{meeting.slug}/calendar.ics")
    raw = response.content.decode()
    # One event, whatever the text says; no line of the file starts with the injected property.
    lines = raw.split("\r\n")
    assert [line for line in lines if line.startswith("BEGIN:VEVENT")] == ["BEGIN:VEVENT"]
    assert not [line for line in lines if line.startswith("SUMMARY:nep")]
    assert "\\;" in raw
    assert "\\," in raw
    [event] = events(response)
    assert "BEGIN:VEVENT" in str(event["SUMMARY"])
    assert str(event["SUMMARY"]).startswith("Koffie, thee; en")
    assert "Koffie, thee; en" in str(event["LOCATION"])


def test_the_feed_holds_public_upcoming_and_recent_meetings(client: Client) -> None:
    now = timezone.now()
    upcoming = MeetingFactory()
    recent = MeetingFactory(
        status=Meeting.Status.HELD,
        starts_at=now - timedelta(days=10),
        ends_at=now - timedelta(days=10) + timedelta(hours=2),
    )
    cancelled = MeetingFactory(status=Meeting.Status.CANCELLED)
    draft = MeetingFactory(status=Meeting.Status.DRAFT)
    old = MeetingFactory(
        status=Meeting.Status.HELD,
        starts_at=now - timedelta(days=400),
        ends_at=now - timedelta(days=400) + timedelta(hours=2),
    )
    uids = {str(e["UID"]).split("@")[0] for e in events(client.get("/meetings/feed.ics"))}
    assert {str(upcoming.uid), str(recent.uid), str(cancelled.uid)} <= uids
    assert str(draft.uid) not in uids
    assert str(old.uid) not in uids


def test_the_region_feed(client: Client) -> None:
    utrecht_region = Region.objects.filter(municipalities__name="Utrecht").first()
    assert utrecht_region is not None
    elsewhere = Region.objects.exclude(pk=utrecht_region.pk).first()
    assert elsewhere is not None
    meeting = MeetingFactory()
    here = events(client.get(f"/meetings/regions/{utrecht_region.slug}/feed.ics"))
    assert [str(e["UID"]).split("@")[0] for e in here] == [str(meeting.uid)]
    assert events(client.get(f"/meetings/regions/{elsewhere.slug}/feed.ics")) == []
    assert client.get("/meetings/regions/atlantis/feed.ics").status_code == 404


@pytest.mark.parametrize("count", [1, 30])
def test_the_feed_reads_a_constant_number_of_queries(
    client: Client, django_assert_max_num_queries: object, count: int
) -> None:
    MeetingFactory.create_batch(count)
    with django_assert_max_num_queries(4):  # type: ignore[operator]
        response = client.get("/meetings/feed.ics")
    assert len(events(response)) == count
