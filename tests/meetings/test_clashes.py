from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from initiatives.models import Municipality
from meetings.clashes import (
    Clash,
    PlannedMeeting,
    clashes_for,
    register_clash_source,
    unregister_clash_source,
)
from meetings.models import Meeting
from tests.meetings.factories_organise import meeting_on, quiet_day

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def planned(day: date, place: str = "Utrecht", pk: int | None = None) -> PlannedMeeting:
    starts = datetime(day.year, day.month, day.day, 16, 30, tzinfo=AMSTERDAM)
    return PlannedMeeting(
        starts, starts + timedelta(hours=2), Municipality.objects.get(name=place), pk
    )


def kinds(found: list[Clash]) -> list[str]:
    return [clash.kind for clash in found]


def test_a_quiet_day_has_no_clashes() -> None:
    assert clashes_for(planned(quiet_day())) == []


@pytest.mark.parametrize(
    ("other_place", "days_apart", "clashes"),
    [
        ("Utrecht", 0, True),
        ("Utrecht", 13, True),
        ("Utrecht", -13, True),
        ("Utrecht", 15, False),
        ("Amersfoort", 3, False),  # region Eemland, not Utrecht (stad)
    ],
)
def test_another_meeting_in_the_same_region_within_two_weeks(
    other_place: str, days_apart: int, clashes: bool
) -> None:
    day = quiet_day(60)
    meeting_on(
        day + timedelta(days=days_apart),
        title="Buurtfeest",
        municipality=Municipality.objects.get(name=other_place),
    )
    found = clashes_for(planned(day))
    assert ("region" in kinds(found)) is clashes
    if clashes:
        assert "Buurtfeest" in found[0].message
        assert "Utrecht (stad)" in found[0].message


def test_neighbouring_municipalities_of_one_region_clash() -> None:
    day = quiet_day(60)
    meeting_on(day + timedelta(days=2), municipality=Municipality.objects.get(name="Soest"))
    assert kinds(clashes_for(planned(day, "Amersfoort"))) == ["region"]


def test_a_cancelled_meeting_and_the_meeting_itself_do_not_clash() -> None:
    day = quiet_day(60)
    meeting_on(day, status=Meeting.Status.CANCELLED)
    itself = meeting_on(day)
    assert clashes_for(planned(day, pk=itself.pk)) == []


def test_a_public_holiday_is_named_in_dutch() -> None:
    found = clashes_for(planned(date(2027, 4, 27)))
    assert "public-holiday" in kinds(found)
    assert any("Koningsdag" in clash.message for clash in found)
    assert any("27 april 2027" in clash.message for clash in found)


def test_the_school_holidays_of_region_midden() -> None:
    found = clashes_for(planned(date(2027, 10, 19)))
    assert kinds(found) == ["school-holiday"]
    assert "herfstvakantie" in found[0].message
    assert "16 oktober tot en met 24 oktober 2027" in found[0].message


def test_another_app_adds_its_clashes_through_the_seam() -> None:
    def fund_deadline(plan: PlannedMeeting) -> list[Clash]:
        return [Clash("fund-deadline", "De ronde sluit deze week.")]

    register_clash_source(fund_deadline)
    register_clash_source(fund_deadline)  # twice is harmless
    try:
        assert kinds(clashes_for(planned(quiet_day()))) == ["fund-deadline"]
    finally:
        unregister_clash_source(fund_deadline)
    assert clashes_for(planned(quiet_day())) == []
