"""Dates and times the Dutch way (GLOSSARY.md): "1 december 2026", "18.51 uur".

{% load dutch_time %}
{{ value|long_date }}       1 december 2026
{{ value|clock_time }}      18.51 uur
{{ value|date_and_time }}   1 december 2026, 18.51 uur

A value may be a date, a datetime or an ISO string (the personal-data export keeps those);
an aware datetime is shown in the portal's time zone.
"""

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

register = template.Library()

Moment = date | datetime | str | None


def _parsed(value: date | datetime | str) -> date | datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value


@register.filter
def long_date(value: Moment) -> str:
    return date_format(_parsed(value), "j F Y") if value else ""


@register.filter
def clock_time(value: Moment) -> str:
    if not value:
        return ""
    moment = _parsed(value)
    if not isinstance(moment, datetime):
        return ""  # a date has no time of day
    # Translators: a time of day; Dutch writes "18.51 uur".
    return _("%(hours)s:%(minutes)s") % {"hours": moment.hour, "minutes": f"{moment.minute:02d}"}


@register.filter
def date_and_time(value: Moment) -> str:
    return f"{long_date(value)}, {clock_time(value)}" if value else ""
