"""Small reads for the pages and e-mails about hosting.

{% load host_tags %}
{{ offer.preferred_months|month_names }}   "maart, april"
{{ capability.weekdays|weekday_names }}    "dinsdag, donderdag"
"""

from collections.abc import Iterable

from django import template
from django.utils.dates import MONTHS

from meetings.models import DayPart, Weekday

register = template.Library()


@register.filter
def month_names(months: Iterable[int]) -> str:
    return ", ".join(str(MONTHS[month]) for month in sorted(months) if month in MONTHS)


@register.filter
def weekday_names(days: Iterable[int]) -> str:
    return ", ".join(str(Weekday(day).label).lower() for day in sorted(days) if day in Weekday)


@register.filter
def day_part_names(parts: Iterable[str]) -> str:
    order = list(DayPart.values)
    known = sorted((part for part in parts if part in order), key=order.index)
    return ", ".join(str(DayPart(part).label) for part in known)
