"""A visitor without an account registers for a network meeting on a phone, confirms with the
link in the e-mail and cancels; a second visitor, on the waiting list, is moved up and told so."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from meetings.models import Registration
from tests.browser.test_initiatives_journey import (
    Check,
    links_in_emails_lead_to_the_live_server,  # noqa: F401 - an autouse fixture
    no_rate_limits_from_other_tests,  # noqa: F401 - an autouse fixture
    says_in_dutch,
    status_message,
)
from tests.meetings.factories import MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def link_in_last_mail_to(address: str, pattern: str) -> str:
    [message] = [m for m in mail.outbox if m.to == [address]][-1:]
    found = re.search(pattern, message.body)
    assert found, message.body
    return found.group(0)


def register_as_guest(page: Page, portal: str, slug: str, name: str, email: str) -> None:
    page.goto(f"{portal}/meetings/{slug}/register/")
    page.locator("#id_name").fill(name)
    page.locator("#id_email").fill(email)
    page.locator("#id_needs").fill("Graag een stoel dicht bij de deur.")
    page.locator("form[action$='/register/'] button[type='submit']").click()
    expect(page).to_have_url(f"{portal}/meetings/{slug}/register/sent/")
    says_in_dutch(page.get_by_role("heading", level=1), "Kijk in je e-mail")


def confirm_from_mail(page: Page, email: str) -> None:
    link = link_in_last_mail_to(email, r"https?://\S+/meetings/registration/\S+/confirm/")
    page.goto(link)
    says_in_dutch(page.get_by_role("heading", level=1), "Bevestig je aanmelding")
    expect(page.get_by_role("main")).to_contain_text("12 maanden na de bijeenkomst")


def test_a_guest_registers_confirms_by_email_and_cancels_and_the_next_one_moves_up(
    portal: str, page: Page, desktop_page: Page, check: Check
) -> None:
    meeting = MeetingFactory(
        title="Netwerkbijeenkomst Kanaleneiland", slug="kanaleneiland", capacity=1
    )

    # On a phone: register without an account, then confirm with the link in the e-mail.
    page.goto(f"{portal}/meetings/{meeting.slug}/register/")
    check(page, "register")
    page.locator("form[action$='/register/'] button[type='submit']").click()
    expect(page.locator("#id_email")).to_have_attribute("aria-invalid", "true")
    check(page, "register-empty")
    register_as_guest(page, portal, meeting.slug, "Samira Bouzid", "samira@example.nl")
    check(page, "sent")
    confirm_from_mail(page, "samira@example.nl")
    check(page, "confirm")
    page.get_by_role("button", name="Bevestig mijn aanmelding").click()
    says_in_dutch(status_message(page), "Je aanmelding is bevestigd: je hebt een plek.")
    says_in_dutch(page.locator("#registration-status"), "er is een plek voor je")
    check(page, "registered")
    confirmation = [m for m in mail.outbox if m.to == ["samira@example.nl"]][-1]
    assert confirmation.attachments[0][0].endswith(".ics")

    # At a desk: a second visitor finds the meeting full and goes on the waiting list.
    desktop_page.goto(f"{portal}/meetings/{meeting.slug}/register/")
    says_in_dutch(desktop_page.get_by_role("main"), "Vol: je komt op de wachtlijst")
    check(desktop_page, "register-full")
    register_as_guest(desktop_page, portal, meeting.slug, "Kees de Vries", "kees@example.nl")
    confirm_from_mail(desktop_page, "kees@example.nl")
    desktop_page.get_by_role("button", name="Bevestig mijn aanmelding").click()
    says_in_dutch(desktop_page.locator("#registration-status"), "wachtlijst, nummer 1")
    check(desktop_page, "waiting")

    # The first visitor cancels, with the button on their own page.
    page.get_by_role("button", name="Afmelden").click()
    says_in_dutch(status_message(page), "Je bent afgemeld.")
    expect(page.get_by_role("button", name="Afmelden")).to_have_count(0)
    check(page, "cancelled")

    # The second is moved up: an e-mail says so, and their page too.
    moved = [m for m in mail.outbox if m.to == ["kees@example.nl"]][-1]
    assert moved.subject == "Er is een plek voor je bij Netwerkbijeenkomst Kanaleneiland"
    link = link_in_last_mail_to("kees@example.nl", r"https?://\S+/meetings/registration/[^/\s]+/")
    desktop_page.goto(link)
    says_in_dutch(desktop_page.locator("#registration-status"), "er is een plek voor je")
    check(desktop_page, "moved-up")
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {"samira@example.nl": "cancelled", "kees@example.nl": "registered"}
