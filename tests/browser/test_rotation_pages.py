"""The fair-rotation pages in Chromium: a coordinator asks who could host the next meeting, and
the public rotation ledger; axe-checked and photographed at a phone's and a desktop's width."""

from collections.abc import Callable

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import Page, expect

from accounts.models import User
from accounts.roles import COORDINATOR
from initiatives.models import Municipality
from tests.factories import InitiativeFactory, role_user
from tests.meetings.factories import HostCapabilityFactory, HostOfferFactory, RegistrationFactory
from tests.meetings.factories_rotation import HeldMeetingFactory, WalkInFactory, days_ago

pytestmark = pytest.mark.browser

Check = Callable[[Page, str], None]


def log_in_as(page: Page, portal: str, user: User) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": portal}]
    )


def a_network_with_history() -> None:
    amersfoort = Municipality.objects.get(name="Amersfoort")
    zeist = Municipality.objects.get(name="Zeist")
    kei = HostCapabilityFactory(
        initiative__name="Buurtkamer De Kei",
        initiative__municipality=amersfoort,
        capacity=60,
        breakout_rooms=3,
        hybrid_kit=True,
    ).initiative
    HostOfferFactory(initiative=kei, theme="Nieuwe vrijwilligers vinden", preferred_months=[4, 5])
    vaart = HostCapabilityFactory(
        initiative__name="Krachtstation Kanaleneiland", capacity=80, breakout_rooms=4
    ).initiative
    slot = HostCapabilityFactory(
        initiative__name="Het Slot van Zeist", initiative__municipality=zeist, capacity=25
    ).initiative
    keen = InitiativeFactory(name="Samen aan Tafel Bunnik")
    meetings = [
        HeldMeetingFactory(host=vaart, starts_at=days_ago(days)) for days in (700, 400, 250, 120)
    ] + [HeldMeetingFactory(host=slot, municipality=zeist, starts_at=days_ago(30))]
    for meeting in meetings:
        RegistrationFactory(meeting=meeting, initiative=keen, attended=True)
        WalkInFactory(meeting=meeting, initiative=kei)


def test_a_coordinator_asks_who_could_host(portal: str, page: Page, check: Check) -> None:
    a_network_with_history()
    log_in_as(page, portal, role_user(COORDINATOR, is_staff=True))
    page.goto(f"{portal}/meetings/suggestions/")
    check(page, "suggestions-empty")
    page.locator("#id_month").select_option("4")
    page.locator("#id_region").select_option("eemland")
    page.locator("#id_people").fill("40")
    page.locator("#id_breakout_rooms").fill("2")
    page.locator("#id_needs_6").check()  # hybrid
    page.locator("#id_theme").fill("vrijwilligers")
    page.locator("form.rotation-form button[type='submit']").click()
    fitting = page.locator("section[aria-labelledby='results-title'] .rotation-list")
    expect(fitting.locator("h3").first).to_contain_text("Buurtkamer De Kei")
    expect(fitting).to_contain_text("bood aan gastheer te zijn, met hetzelfde thema")
    misfitting = page.locator("section[aria-labelledby='misfits-title'] .rotation-list")
    expect(misfitting).to_contain_text("te klein: 25 plaatsen voor 40 mensen")
    check(page, "suggestions")
    page.locator("#id_people").fill("0")
    page.locator("#id_month").select_option("1")
    page.locator("form.rotation-form button[type='submit']").click()
    expect(page.locator("#id_people_error")).to_contain_text("Verwacht minstens één persoon.")
    check(page, "suggestions-bad-input")


def test_the_ledger_for_visitors_and_coordinators(portal: str, page: Page, check: Check) -> None:
    a_network_with_history()
    page.goto(f"{portal}/meetings/ledger/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie was gastheer en wie kwam")
    expect(page.locator(".rotation-flag")).to_have_count(0)
    check(page, "ledger-visitor")
    log_in_as(page, portal, role_user(COORDINATOR, is_staff=True))
    page.goto(f"{portal}/meetings/ledger/")
    expect(page.locator(".rotation-flags")).to_contain_text("Samen aan Tafel Bunnik")
    check(page, "ledger-coordinator")
