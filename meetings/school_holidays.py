"""The school holidays of region Midden (where the province of Utrecht lies), shipped as data.

The dates are those the Rijksoverheid publishes for region Midden, first to last day, weekends
included ("Overzicht schoolvakanties per schooljaar" on rijksoverheid.nl). Coordinators: check
rijksoverheid.nl when you add a school year, and when a date below is marked PROVISIONAL.

- The autumn (herfst) and spring (voorjaar) holidays are the ministry's advisory dates
  ("adviesdata"): schools may differ from them. Marked ADVISORY.
- The other holidays are fixed by the ministry.

tests/meetings/test_school_holidays.py fails when these data no longer cover the next 12 months:
add the next school year then.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SchoolHoliday:
    kind: str  # herfst, kerst, voorjaar, mei, zomer
    first_day: date
    last_day: date

    def covers(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day


NAMES: dict[str, Promise] = {
    "herfst": _("autumn holiday"),
    "kerst": _("Christmas holiday"),
    "voorjaar": _("spring holiday"),
    "mei": _("May holiday"),
    "zomer": _("summer holiday"),
}

REGION_MIDDEN: list[SchoolHoliday] = [
    # School year 2026-2027.
    SchoolHoliday("herfst", date(2026, 10, 17), date(2026, 10, 25)),  # ADVISORY
    SchoolHoliday("kerst", date(2026, 12, 19), date(2027, 1, 3)),
    SchoolHoliday("voorjaar", date(2027, 2, 20), date(2027, 2, 28)),  # ADVISORY
    SchoolHoliday("mei", date(2027, 4, 24), date(2027, 5, 2)),
    SchoolHoliday("zomer", date(2027, 7, 17), date(2027, 8, 29)),
    # School year 2027-2028.
    SchoolHoliday("herfst", date(2027, 10, 16), date(2027, 10, 24)),  # ADVISORY
    SchoolHoliday("kerst", date(2027, 12, 25), date(2028, 1, 9)),
    SchoolHoliday("voorjaar", date(2028, 2, 26), date(2028, 3, 5)),  # ADVISORY
    SchoolHoliday("mei", date(2028, 4, 29), date(2028, 5, 7)),
    SchoolHoliday("zomer", date(2028, 7, 8), date(2028, 8, 20)),
    # School year 2028-2029: PROVISIONAL, the government's early publication; check
    # rijksoverheid.nl before planning around them.
    SchoolHoliday("herfst", date(2028, 10, 21), date(2028, 10, 29)),  # ADVISORY, PROVISIONAL
    SchoolHoliday("kerst", date(2028, 12, 23), date(2029, 1, 7)),  # PROVISIONAL
    SchoolHoliday("voorjaar", date(2029, 2, 17), date(2029, 2, 25)),  # ADVISORY, PROVISIONAL
    SchoolHoliday("mei", date(2029, 4, 28), date(2029, 5, 6)),  # PROVISIONAL
    SchoolHoliday("zomer", date(2029, 7, 7), date(2029, 8, 19)),  # PROVISIONAL
]


def school_holiday_on(day: date) -> SchoolHoliday | None:
    return next((holiday for holiday in REGION_MIDDEN if holiday.covers(day)), None)


def covered_until() -> date:
    """The last day the data say anything about: the end of the last school year's summer."""
    return max(holiday.last_day for holiday in REGION_MIDDEN)


def covered_from() -> date:
    return min(holiday.first_day for holiday in REGION_MIDDEN)
