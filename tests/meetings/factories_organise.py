"""What the organise tests need beyond tests/meetings/factories.py."""

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from initiatives.models import Municipality
from meetings.models import Meeting
from meetings.school_holidays import school_holiday_on
from tests.meetings.factories import MeetingFactory

HOSTILE = '<script>alert("x")</script> & "quotes" \'single\' {{ template }} =HYPERLINK("x")'


def quiet_day(after_days: int = 40) -> date:
    """A weekday without a public or school holiday, at least `after_days` from today."""
    import holidays

    day = timezone.localdate() + timedelta(days=after_days)
    while (
        day.weekday() >= 5
        or day in holidays.NL(years=day.year)
        or school_holiday_on(day) is not None
    ):
        day += timedelta(days=1)
    return day


def form_data(host: Any, **changes: Any) -> dict[str, Any]:
    """A valid meeting form on a quiet day, with an empty programme."""
    data = {
        "title": "Samen sterker in de wijk",
        "question": "Hoe vinden we nieuwe vrijwilligers?",
        "host": host.pk,
        "date": quiet_day().isoformat(),
        "start_time": "16:30",
        "end_time": "18:30",
        "kind": "in_person",
        "venue_name": "Krachtstation Kanaleneiland",
        "address": "Amerikalaan 199, 3526 VD Utrecht",
        "municipality": Municipality.objects.get(name="Utrecht").pk,
        "capacity": "40",
        "accessibility": "Rolstoeltoegankelijk",
        "description": "We praten **samen** over vrijwilligers.",
        "agenda-TOTAL_FORMS": "3",
        "agenda-INITIAL_FORMS": "0",
        "agenda-MIN_NUM_FORMS": "0",
        "agenda-MAX_NUM_FORMS": "12",
    }
    for key in ("agenda-0", "agenda-1", "agenda-2"):
        data[f"{key}-starts_at"] = ""
        data[f"{key}-title"] = ""
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def edit_data(meeting: Meeting, **changes: Any) -> dict[str, Any]:
    """The edit form as the page shows it for `meeting`."""
    starts = timezone.localtime(meeting.starts_at)
    ends = timezone.localtime(meeting.ends_at)
    items = list(meeting.agenda_items.all())
    data = {
        "title": meeting.title,
        "question": meeting.question,
        "host": meeting.host_id,
        "co_hosts": [i.pk for i in meeting.co_hosts.all()],
        "themes": [t.pk for t in meeting.themes.all()],
        "date": starts.date().isoformat(),
        "start_time": starts.strftime("%H:%M"),
        "end_time": ends.strftime("%H:%M"),
        "kind": meeting.kind,
        "venue_name": meeting.venue_name,
        "address": meeting.address,
        "municipality": meeting.municipality_id,
        "latitude": "" if meeting.latitude is None else str(meeting.latitude),
        "longitude": "" if meeting.longitude is None else str(meeting.longitude),
        "online_link": meeting.online_link,
        "capacity": str(meeting.capacity),
        "accessibility": meeting.accessibility,
        "description": meeting.description,
        "agenda-TOTAL_FORMS": str(len(items)),
        "agenda-INITIAL_FORMS": str(len(items)),
        "agenda-MIN_NUM_FORMS": "0",
        "agenda-MAX_NUM_FORMS": "12",
    }
    for number, item in enumerate(items):
        data[f"agenda-{number}-id"] = item.pk
        data[f"agenda-{number}-meeting"] = meeting.pk
        data[f"agenda-{number}-starts_at"] = item.starts_at.strftime("%H:%M")
        data[f"agenda-{number}-title"] = item.title
    data.update(changes)
    return data


def meeting_on(day: date, hour: int = 16, **kwargs: Any) -> Meeting:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    starts = datetime(day.year, day.month, day.day, hour, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))
    return MeetingFactory(starts_at=starts, ends_at=starts + timedelta(hours=2), **kwargs)
