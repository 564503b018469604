"""Calendar files (.ics) of network meetings, made with the `icalendar` package.

One VEVENT per meeting: its UID stays for the meeting's whole life and SEQUENCE goes up with every
change, so a calendar that subscribed or imported it updates the event in place. The online link
is only in a registrant's own copy. All text is escaped by icalendar.
"""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event

from meetings.models import Meeting, Registration

PRODID = "-//Omzien naar Elkaar//Netwerkbijeenkomsten//NL"


def meeting_path(meeting: Meeting) -> str:
    """The public meeting page (built by another part of the app; its address is fixed)."""
    try:
        return meeting.get_absolute_url()
    except NoReverseMatch:
        return f"/meetings/{meeting.slug}/"


def meeting_url(meeting: Meeting, base_url: str) -> str:
    return f"{base_url.rstrip('/')}{meeting_path(meeting)}"


def _location(meeting: Meeting) -> str:
    if meeting.kind == Meeting.Kind.ONLINE:
        # An online meeting's venue (its host's name, often) is no place to go to.
        return "Online"
    # Without an address a calendar app still needs the town to find the venue.
    place = meeting.address or meeting.municipality.name
    return ", ".join(part for part in (meeting.venue_name, place) if part)


def meeting_event(meeting: Meeting, *, base_url: str, online_link: bool = False) -> Event:
    event = Event()
    event.add("uid", f"{meeting.uid}@omzien-naar-elkaar")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", (meeting.updated_at or timezone.now()).astimezone(UTC))
    event.add("dtstart", meeting.starts_at.astimezone(UTC))
    event.add("dtend", meeting.ends_at.astimezone(UTC))
    event.add("summary", meeting.title)
    cancelled = meeting.status == Meeting.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    location = _location(meeting)
    if location:
        event.add("location", location)
    url = meeting_url(meeting, base_url)
    event.add("url", url)
    lines = []
    if cancelled:
        lines.append(f"Afgelast. {meeting.cancel_reason}".strip())
    if meeting.question:
        lines.append(meeting.question)
    if meeting.description:
        lines.append(strip_tags(meeting.description_html).strip() or meeting.description)
    if online_link and meeting.has_online_part and meeting.online_link:
        lines.append(f"Online meedoen: {meeting.online_link}")
    lines.append(url)
    event.add("description", "\n\n".join(lines))
    return event


def _calendar(events: Iterable[Event], *, name: str = "") -> str:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical().decode()


def meeting_calendar(meeting: Meeting, *, base_url: str) -> str:
    """The public file of one meeting: no online link."""
    return _calendar([meeting_event(meeting, base_url=base_url)])


def registration_calendar(registration: Registration, meeting: Meeting, *, base_url: str) -> str:
    """A registrant's own copy: the online link only once they have a place."""
    with_link = registration.status == Registration.Status.REGISTERED
    return _calendar([meeting_event(meeting, base_url=base_url, online_link=with_link)])


def feed_calendar(meetings: Iterable[Meeting], *, base_url: str, name: str) -> str:
    return _calendar((meeting_event(m, base_url=base_url) for m in meetings), name=name)


def feed_events(meetings: Iterable[Meeting], *, base_url: str) -> str:
    """The VEVENT blocks of a feed, without the calendar around them: the part a feed shares
    between requests (a fragment under the content version, views/registration.py)."""
    return "".join(meeting_event(m, base_url=base_url).to_ical().decode() for m in meetings)


def feed_around(events: str, *, name: str) -> str:
    """A feed made of events from feed_events: the calendar's own lines around them, as
    icalendar writes them (a calendar of those events is byte for byte the same)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    head, end = calendar.to_ical().decode().rsplit("END:VCALENDAR", 1)
    return f"{head}{events}END:VCALENDAR{end}"


def feed_window_start() -> datetime:
    """A feed holds meetings still to come and those of the last three months."""
    return timezone.now() - timedelta(days=92)
