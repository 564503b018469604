"""A meeting's time the Dutch way: "27 maart 2027, 16.30–18.30 uur".

{% load meeting_time %}
{{ meeting|meeting_when }}
"""

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.templatetags.dutch_time import date_and_time, long_date

register = template.Library()


def when(starts_at: datetime, ends_at: datetime) -> str:
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    if start.date() != end.date():
        return f"{date_and_time(start)} – {date_and_time(end)}"
    # Translators: a date and a span of time on it; Dutch writes "27 maart 2027, 16.30–18.30 uur".
    return _("%(date)s, %(start_hours)s:%(start_minutes)s–%(end_hours)s:%(end_minutes)s") % {
        "date": long_date(start),
        "start_hours": start.hour,
        "start_minutes": f"{start.minute:02d}",
        "end_hours": end.hour,
        "end_minutes": f"{end.minute:02d}",
    }


@register.filter
def meeting_when(meeting: object) -> str:
    starts_at = getattr(meeting, "starts_at", None)
    ends_at = getattr(meeting, "ends_at", None)
    if starts_at is None or ends_at is None:
        return ""
    return when(starts_at, ends_at)
