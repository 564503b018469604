"""Finding a meeting in Chromium, as a visitor: the agenda, its filters, a meeting's page and
the map with meetings on one point; axe-clean at 375 and 1280 px (screenshots in
test-artifacts/)."""

import re
from collections.abc import Callable
from datetime import time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from initiatives.models import Municipality, Theme
from meetings.models import AgendaItem, Meeting, Registration
from tests.factories import InitiativeFactory
from tests.meetings.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.browser

Check = Callable[[Page, str], None]


def in_days(days: int) -> dict[str, object]:
    start = (timezone.localtime() + timedelta(days=days)).replace(
        hour=16, minute=30, second=0, microsecond=0
    )
    return {"starts_at": start, "ends_at": start + timedelta(hours=2)}


def make_agenda() -> Meeting:
    host = InitiativeFactory(name="Krachtstation Kanaleneiland")
    meeting = MeetingFactory(
        title="Samen bouwen aan de buurt",
        slug="samen-bouwen",
        question="Welke organisatievorm past bij ons netwerk?",
        description="We werken verder aan een **gezamenlijke visie**.",
        host=host,
        accessibility="Drempelvrij, met een invalidentoilet.",
        kind=Meeting.Kind.HYBRID,
        online_link="https://meet.example.nl/geheim",
        **in_days(12),
    )
    meeting.co_hosts.add(InitiativeFactory(name="De Kracht van Zuilen"))
    meeting.themes.set(Theme.objects.filter(name="Participatie"))
    AgendaItem.objects.create(meeting=meeting, starts_at=time(16, 30), title="Inloop")
    AgendaItem.objects.create(meeting=meeting, starts_at=time(17, 0), title="In gesprek")
    RegistrationFactory.create_batch(3, meeting=meeting)
    RegistrationFactory(meeting=meeting, status=Registration.Status.WAITING)
    zeist = Municipality.objects.get(name="Zeist")
    MeetingFactory(title="Eenzaamheid in Zeist", municipality=zeist, **in_days(30))
    MeetingFactory(title="Online over energie", kind=Meeting.Kind.ONLINE, **in_days(50))
    return meeting


def test_a_visitor_finds_a_meeting_through_the_agenda_and_its_filters(
    portal: str, page: Page, desktop_page: Page, check: Check
) -> None:
    make_agenda()
    page.goto(f"{portal}/")
    page.get_by_role("link", name="komende bijeenkomsten").click()
    expect(page.get_by_role("heading", name="Netwerkbijeenkomsten", level=1)).to_be_visible()
    expect(page.locator(".omzien-meeting-card")).to_have_count(3)
    check(page, "agenda")

    # On a phone the filters fold behind "Filters".
    region = page.get_by_label("Regio")
    expect(region).to_be_hidden()
    page.get_by_text("Filters", exact=True).click()
    region.select_option(label="Zuidoost-Utrecht")
    expect(page.locator(".omzien-meeting-card")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"region=zuidoost-utrecht"))
    expect(page.locator("#agenda-status")).to_contain_text("1 komende bijeenkomst gevonden")
    check(page, "agenda-filtered")

    # The address can be shared: it opens with the same filter, also on a wide screen.
    desktop_page.goto(page.url)
    expect(desktop_page.get_by_label("Regio")).to_be_visible()
    expect(desktop_page.locator(".omzien-meeting-card")).to_have_count(1)

    page.goto(f"{portal}/meetings/")
    page.get_by_role("link", name="Samen bouwen aan de buurt").click()
    expect(page.get_by_role("heading", name="Samen bouwen aan de buurt", level=1)).to_be_visible()
    expect(page.get_by_text("Te gast bij")).to_be_visible()
    expect(page.get_by_text("3 mensen aangemeld")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("geheim")
    expect(page.locator("#initiative-map")).to_be_visible()
    check(page, "meeting")


def test_the_filters_work_without_javascript(portal: str, browser: object) -> None:
    make_agenda()
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{portal}/meetings/")
    page.get_by_label("Soort").select_option(value="online")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"kind=online"))
    expect(page.locator(".omzien-meeting-card")).to_have_count(1)
    context.close()


def test_meetings_on_one_point_can_each_be_reached_on_the_map(
    portal: str, page: Page, check: Check
) -> None:
    for number in range(4):
        MeetingFactory(title=f"Bijeenkomst {number}", **in_days(number + 3))
    page.goto(f"{portal}/meetings/map/")
    circle = page.locator(".omzien-map-cluster", has_text=re.compile(r"^4$"))
    expect(circle).to_have_attribute("aria-label", re.compile("4 bijeenkomsten"))
    check(page, "meetings-map")
    circle.click()
    expect(page.locator(".omzien-map-marker")).to_have_count(4)
    page.get_by_role("button", name="Bijeenkomst 2").click()
    expect(
        page.locator(".leaflet-popup-content").get_by_role("link", name="Bijeenkomst 2")
    ).to_be_visible()
