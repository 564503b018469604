"""Clash warnings when a coordinator schedules or moves a meeting: warnings, never a block.

Built in: another meeting (not cancelled) in the same region within 14 days, a Dutch public
holiday, and the school holidays of region Midden (`meetings/school_holidays.py`).

The seam for other apps (the fund's round deadlines, later): a callable that takes the planned
meeting and returns its clashes, registered once from the app's AppConfig.ready():

    from meetings.clashes import Clash, PlannedMeeting, register_clash_source

    def round_deadlines(planned: PlannedMeeting) -> list[Clash]:
        week = ...  # the week of planned.starts_at
        return [Clash("fund-deadline", _("...")) for round_ in rounds_closing_in(week)]

    register_clash_source(round_deadlines)

A source must not import `meetings` models it does not need and must be quick: it runs on each
submit of the meeting form.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import holidays
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from initiatives.models import Municipality
from meetings.models import Meeting, Region
from meetings.school_holidays import NAMES, school_holiday_on

NEARBY_DAYS = 14


@dataclass(frozen=True)
class PlannedMeeting:
    """What the form says, before anything is saved. `pk` is the meeting being moved, if any."""

    starts_at: datetime
    ends_at: datetime
    municipality: Municipality
    pk: int | None = None


@dataclass(frozen=True)
class Clash:
    kind: str  # "region", "public-holiday", "school-holiday", or a registered source's own
    message: str


ClashSource = Callable[[PlannedMeeting], list[Clash]]

_sources: list[ClashSource] = []


def register_clash_source(source: ClashSource) -> None:
    """Add a check of another app (see the module's docstring). Registering twice is harmless."""
    if source not in _sources:
        _sources.append(source)


def unregister_clash_source(source: ClashSource) -> None:
    """For tests."""
    if source in _sources:
        _sources.remove(source)


def _day(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "j F Y")


def meetings_nearby(planned: PlannedMeeting) -> list[Clash]:
    regions = list(Region.objects.filter(municipalities=planned.municipality))
    if not regions:
        return []
    window = timedelta(days=NEARBY_DAYS)
    others = (
        Meeting.objects.exclude(status=Meeting.Status.CANCELLED)
        .filter(
            municipality__regions__in=regions,
            starts_at__lt=planned.starts_at + window,
            ends_at__gt=planned.starts_at - window,
        )
        .select_related("municipality")
        .distinct()
        .order_by("starts_at")
    )
    if planned.pk is not None:
        others = others.exclude(pk=planned.pk)
    region_names = ", ".join(region.name for region in regions)
    return [
        Clash(
            "region",
            _(
                "On %(date)s there is already a meeting in region %(region)s: “%(title)s” in %(place)s."
            )
            % {
                "date": _day(other.starts_at),
                "region": region_names,
                "title": other.title,
                "place": other.municipality.name,
            },
        )
        for other in others
    ]


def public_holidays(planned: PlannedMeeting) -> list[Clash]:
    day = timezone.localtime(planned.starts_at).date()
    name = holidays.NL(years=day.year, language="nl").get(day)
    if not name:
        return []
    return [
        Clash(
            "public-holiday",
            _("%(date)s is a public holiday: %(name)s.")
            % {"date": _day(planned.starts_at), "name": name},
        )
    ]


def school_holidays(planned: PlannedMeeting) -> list[Clash]:
    holiday = school_holiday_on(timezone.localtime(planned.starts_at).date())
    if holiday is None:
        return []
    return [
        Clash(
            "school-holiday",
            _(
                "%(date)s falls in the %(name)s of school region Midden (%(first)s to %(last)s): "
                "parents and volunteers with children may be away."
            )
            % {
                "date": _day(planned.starts_at),
                "name": NAMES[holiday.kind],
                "first": date_format(holiday.first_day, "j F"),
                "last": date_format(holiday.last_day, "j F Y"),
            },
        )
    ]


BUILT_IN: list[ClashSource] = [meetings_nearby, public_holidays, school_holidays]


def clashes_for(planned: PlannedMeeting) -> list[Clash]:
    found: list[Clash] = []
    for source in [*BUILT_IN, *_sources]:
        found.extend(source(planned))
    return found
