import itertools
from datetime import date, timedelta

from django.utils import timezone

from meetings.school_holidays import (
    REGION_MIDDEN,
    covered_from,
    covered_until,
    school_holiday_on,
)


def test_the_data_cover_the_next_twelve_months() -> None:
    """Fails when the school holidays run out: add the next school year from rijksoverheid.nl
    to meetings/school_holidays.py."""
    today = timezone.localdate()
    assert covered_from() <= today, "the data start after today"
    assert covered_until() >= today + timedelta(days=365), (
        f"the school holidays of region Midden end on {covered_until()}: add the next school year"
    )


def test_every_school_year_has_its_five_holidays_in_order() -> None:
    kinds = [holiday.kind for holiday in REGION_MIDDEN]
    assert kinds == ["herfst", "kerst", "voorjaar", "mei", "zomer"] * (len(kinds) // 5)
    for holiday in REGION_MIDDEN:
        assert holiday.first_day <= holiday.last_day
        assert holiday.first_day.weekday() == 5  # a holiday runs from a Saturday
        assert holiday.last_day.weekday() == 6  # to a Sunday
    for earlier, later in itertools.pairwise(REGION_MIDDEN):
        assert earlier.last_day < later.first_day


def test_a_day_in_a_holiday_is_found_and_a_school_day_is_not() -> None:
    assert school_holiday_on(date(2027, 7, 20)).kind == "zomer"
    assert school_holiday_on(date(2027, 12, 31)).kind == "kerst"
    assert school_holiday_on(date(2027, 3, 10)) is None
