"""A member offers their initiative as host of a network meeting and fills in what it can offer;
a coordinator finds the offer in the queue on the work overview and takes the first step."""

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from meetings.models import HostCapability, HostOffer
from tests.browser.test_initiatives_journey import (
    Check,
    links_in_emails_lead_to_the_live_server,  # noqa: F401 - an autouse fixture
    log_in_as,
    no_rate_limits_from_other_tests,  # noqa: F401 - an autouse fixture
    says_in_dutch,
    status_message,
)
from tests.factories import InitiativeFactory, UserFactory, role_user

pytestmark = pytest.mark.browser

QUESTION = "Hoe bereiken we buren die niet snel ergens naartoe gaan?"


def test_a_member_offers_to_host_and_fills_in_the_capabilities(
    portal: str, page: Page, desktop_page: Page, check: Check
) -> None:
    member = UserFactory(name="Samira Bouzid")
    coordinator = role_user("coordinator", is_staff=True)
    initiative = InitiativeFactory(name="Krachtstation Kanaleneiland", admin=member)
    capability_url = f"{portal}/meetings/hosts/{initiative.slug}/"

    # On a phone: from the initiative's own page to the hosting page.
    log_in_as(page, portal, member)
    page.goto(f"{portal}{initiative.get_absolute_url()}")
    page.get_by_role("link", name="Gastheer zijn voor een netwerkbijeenkomst").click()
    expect(page).to_have_url(capability_url)
    says_in_dutch(page.get_by_role("main"), "Nog niet ingevuld")
    check(page, "capability-empty")

    # "We can host" with room for nobody: told next to the field, nothing lost.
    page.locator("#id_can_host").check()
    page.locator("#id_capacity").fill("0")
    page.locator("#id_venue_name").fill("Krachtstation")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#id_capacity")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_venue_name")).to_have_value("Krachtstation")
    check(page, "capability-error")

    page.locator("#id_capacity").fill("50")
    page.locator("#id_breakout_rooms").fill("3")
    page.get_by_label("Drempelvrij toegankelijk").check()
    page.get_by_label("Dinsdag").check()
    page.get_by_label("Middag").check()
    page.locator("#id_address").fill("Amerikalaan 199, 3526 VD Utrecht")
    page.get_by_role("button", name="Opslaan").click()
    says_in_dutch(status_message(page), "Opgeslagen")
    says_in_dutch(page.get_by_role("main"), "Laatst bevestigd op")
    check(page, "capability-saved")

    capability = HostCapability.objects.get(initiative=initiative)
    assert (capability.capacity, capability.breakout_rooms, capability.step_free) == (50, 3, True)
    assert (capability.weekdays, capability.day_parts) == ([2], ["afternoon"])

    # The offer itself.
    page.get_by_role("link", name="Bied aan om gastheer te zijn").click()
    check(page, "offer-form")
    page.get_by_role("button", name="Aanbod versturen").click()
    expect(page.locator("#id_theme")).to_have_attribute("aria-invalid", "true")
    page.locator("#id_theme").fill(QUESTION)
    page.get_by_label("maart").check()
    page.get_by_label("september").check()
    page.locator("#id_note").fill("Dinsdagmiddag past ons het best.")
    page.get_by_role("button", name="Aanbod versturen").click()
    expect(page).to_have_url(capability_url)
    says_in_dutch(status_message(page), "De coördinatoren van het netwerk hebben jullie aanbod")
    says_in_dutch(page.locator(".omzien-offers"), QUESTION)
    check(page, "offer-listed")
    assert [m.to for m in mail.outbox] == [[coordinator.email]]

    # At a desk: the coordinator finds the offer on the overview and takes the first step.
    log_in_as(desktop_page, portal, coordinator)
    desktop_page.goto(f"{portal}/coordination/")
    queue = desktop_page.locator("#queue-host-offers")
    says_in_dutch(queue, "Aanbiedingen om gastheer te zijn")
    expect(queue).to_contain_text("Krachtstation Kanaleneiland")
    check(desktop_page, "overview")
    queue.get_by_role("link", name="Alle aanbiedingen en hun stappen").click()
    expect(desktop_page).to_have_url(f"{portal}/meetings/offers/")
    check(desktop_page, "offers")
    offer = HostOffer.objects.get()
    desktop_page.locator(f"#offer-{offer.pk}").get_by_role(
        "button", name="Naar ‘voorlopig ingepland’"
    ).click()
    says_in_dutch(status_message(desktop_page), "het aanbod is nu ‘voorlopig ingepland’")
    check(desktop_page, "offers-after")
    offer.refresh_from_db()
    assert offer.status == HostOffer.Status.TENTATIVE
