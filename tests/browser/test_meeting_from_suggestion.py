"""A coordinator asks who could host, picks the first suggestion, and schedules and publishes the
meeting for it: the offered theme comes along, and the offer is tied to the meeting. Checked with
axe and photographed at a phone's and a desktop's width on every page."""

import pytest
from playwright.sync_api import Page, expect

from accounts.roles import COORDINATOR
from initiatives.models import Municipality
from meetings.models import HostOffer, Meeting
from tests.browser.test_initiatives_journey import (
    Check,
    log_in_as,
    says_in_dutch,
    status_message,
)
from tests.factories import role_user
from tests.meetings.factories import HostCapabilityFactory, HostOfferFactory
from tests.meetings.factories_organise import quiet_day

pytestmark = pytest.mark.browser


def test_a_coordinator_schedules_and_publishes_a_meeting_for_a_suggested_host(
    portal: str, page: Page, check: Check
) -> None:
    amersfoort = Municipality.objects.get(name="Amersfoort")
    kei = HostCapabilityFactory(
        initiative__name="Buurtkamer De Kei",
        initiative__municipality=amersfoort,
        capacity=60,
        venue_name="Buurtkamer De Kei",
        address="Keistraat 10, 3811 AA Amersfoort",
    ).initiative
    offer = HostOfferFactory(initiative=kei, theme="Nieuwe vrijwilligers vinden")
    HostCapabilityFactory(initiative__name="Het Slot van Zeist", capacity=25)
    day = quiet_day()

    log_in_as(page, portal, role_user(COORDINATOR, is_staff=True, name="Coby Coördinator"))
    page.goto(f"{portal}/meetings/suggestions/")
    page.locator("#id_month").select_option(str(day.month))
    page.locator("#id_people").fill("40")
    page.locator("#id_theme").fill("vrijwilligers")
    page.locator("form.rotation-form button[type='submit']").click()
    first = page.locator("section[aria-labelledby='results-title'] .rotation-list > li").first
    expect(first.locator("h3")).to_contain_text("Buurtkamer De Kei")
    says_in_dutch(first, "bood aan gastheer te zijn, met hetzelfde thema")
    check(page, "suggestions")

    first.get_by_role("link", name="Plan een bijeenkomst met deze gastheer").click()
    says_in_dutch(page.get_by_role("heading", level=1), "Een netwerkbijeenkomst inplannen")
    says_in_dutch(page.get_by_role("main"), "Buurtkamer De Kei bood aan gastheer te zijn")
    expect(page.locator("#id_host option:checked")).to_have_text("Buurtkamer De Kei")
    expect(page.locator("#id_question")).to_have_value("Nieuwe vrijwilligers vinden")
    expect(page.locator("#id_address")).to_have_value("Keistraat 10, 3811 AA Amersfoort")
    expect(page.locator("#id_municipality option:checked")).to_have_text("Amersfoort")
    check(page, "form-from-suggestion")

    page.locator("#id_title").fill("Vrijwilligers vinden en houden")
    page.locator("#id_date").fill(day.isoformat())
    page.locator("#id_start_time").fill("16:30")
    page.locator("#id_end_time").fill("18:30")
    page.locator("#id_capacity").fill("40")
    page.locator("form[action='/meetings/new/'] button[type='submit']").click()
    says_in_dutch(status_message(page).first, "opgeslagen als concept")
    says_in_dutch(page.get_by_role("main"), "Het aanbod van Buurtkamer De Kei hoort nu bij")
    meeting = Meeting.objects.get()
    expect(page).to_have_url(f"{portal}/meetings/{meeting.slug}/organise/")
    says_in_dutch(page.get_by_role("heading", level=1), "‘Vrijwilligers vinden en houden’")
    check(page, "organise-draft")

    page.locator(f"form[action='/meetings/{meeting.slug}/publish/'] button").click()
    says_in_dutch(status_message(page), "De bijeenkomst is gepubliceerd")
    says_in_dutch(page.locator(".omzien-facts"), "Gepubliceerd")
    check(page, "organise-published")

    meeting.refresh_from_db()
    offer.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED
    assert meeting.host == kei
    assert meeting.question == "Nieuwe vrijwilligers vinden"
    assert offer.meeting == meeting
    assert offer.status == HostOffer.Status.PROPOSED
