"""A coordinator planning a network meeting in the week a round of the fund closes, or decides,
is warned (fund/meeting_clashes.py through meetings/clashes.py): a warning, never a block."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from fund.allocation import release_round
from fund.meeting_clashes import KIND_CLOSING, KIND_DECIDING, round_deadlines
from initiatives.models import Municipality
from meetings.clashes import PlannedMeeting, clashes_for
from meetings.models import Meeting
from tests.factories import InitiativeFactory
from tests.fund.factories import RoundFactory
from tests.meetings.factories_organise import form_data, quiet_day

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def planned(day: date) -> PlannedMeeting:
    starts = datetime(day.year, day.month, day.day, 19, 30, tzinfo=AMSTERDAM)
    return PlannedMeeting(
        starts, starts + timedelta(hours=2), Municipality.objects.get(name="Utrecht")
    )


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def test_a_round_closing_in_the_week_of_the_meeting_is_named() -> None:
    meeting_day = quiet_day(60)
    sunday = monday_of(meeting_day) + timedelta(days=6)
    RoundFactory(name="Voorjaar 2027", opens_on=meeting_day - timedelta(days=30), closes_on=sunday)
    found = [c for c in clashes_for(planned(meeting_day)) if c.kind.startswith("fund")]
    assert [c.kind for c in found] == [KIND_CLOSING]
    assert found[0].message.startswith("In deze week sluit ronde Voorjaar 2027 van het fonds")
    assert sunday.strftime("%Y") in found[0].message


def test_decisions_due_in_the_week_are_named_too() -> None:
    meeting_day = quiet_day(60)
    RoundFactory(
        name="Najaar",
        opens_on=meeting_day - timedelta(days=60),
        closes_on=meeting_day - timedelta(days=30),
        decisions_by=monday_of(meeting_day),
    )
    found = round_deadlines(planned(meeting_day))
    assert [c.kind for c in found] == [KIND_DECIDING]
    assert "In deze week besluit de fondscommissie over ronde Najaar" in found[0].message


def test_other_weeks_and_closed_rounds_do_not_clash() -> None:
    meeting_day = quiet_day(60)
    monday = monday_of(meeting_day)
    RoundFactory(opens_on=monday - timedelta(days=30), closes_on=monday - timedelta(days=1))
    RoundFactory(opens_on=monday - timedelta(days=30), closes_on=monday + timedelta(days=7))
    closed = RoundFactory(
        opens_on=monday - timedelta(days=90),
        closes_on=monday - timedelta(days=60),
        decisions_by=monday,
    )
    release_round(closed, by=None)
    assert round_deadlines(planned(meeting_day)) == []


def test_the_coordinator_sees_the_warning_on_the_meeting_form_and_may_go_ahead(
    client: Client, coordinator: User
) -> None:
    client.force_login(coordinator)
    host = InitiativeFactory(name="Buurthuis De Linde")
    meeting_day = quiet_day()
    RoundFactory(
        name="Voorjaar 2027",
        opens_on=timezone.localdate(),
        closes_on=meeting_day,
    )
    response = client.post("/meetings/new/", form_data(host))
    assert response.status_code == 200
    assert "In deze week sluit ronde Voorjaar 2027 van het fonds" in response.content.decode()
    assert not Meeting.objects.exists()
    response = client.post("/meetings/new/", form_data(host, schedule_anyway="on"))
    assert response.status_code == 302
    assert Meeting.objects.count() == 1
