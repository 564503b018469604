"""A member drafts an application for the fund on a phone (a mistake first, then the budget with
more lines), adds a quote, submits it, changes it once (a new version), and a committee member
reads it on a desktop; someone without an initiative is told how to get one. Every page is
checked with axe-core at both widths."""

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from accounts.roles import FUND_COMMITTEE
from fund.models import Application
from tests.browser.test_initiatives_journey import (
    Check,
    links_in_emails_lead_to_the_live_server,  # noqa: F401 - an autouse fixture
    log_in_as,
    no_rate_limits_from_other_tests,  # noqa: F401 - an autouse fixture
    says_in_dutch,
    status_message,
)
from tests.factories import InitiativeFactory, UserFactory, role_user
from tests.fund.factories import RoundFactory
from tests.knowledgebase.factories_attachments import pdf_bytes

pytestmark = pytest.mark.browser

TITLE = "Samen koken in de Dichterswijk"


def test_a_member_drafts_and_submits_an_application_and_the_committee_reads_it(
    portal: str, page: Page, desktop_page: Page, check: Check
) -> None:
    member = UserFactory(name="Samira Bouzid", email="samira@example.nl")
    InitiativeFactory(name="Buurtkamer Oog in Al", admin=member)
    round_ = RoundFactory(name="Voorjaar 2027", slug="voorjaar-2027", budget_cents=10_000_00)
    committee = role_user(FUND_COMMITTEE, name="Cor Commissie")

    # On a phone: the form, sent without a name first.
    log_in_as(page, portal, member)
    page.goto(f"{portal}/fund/rounds/{round_.slug}/apply/")
    says_in_dutch(page.get_by_role("heading", level=1), "Aanvragen in de ronde")
    says_in_dutch(page.get_by_role("main"), "Buurtkamer Oog in Al")
    page.locator("#id_amount").fill("-20")
    page.get_by_role("button", name="Concept bewaren").click()
    expect(page.locator("#id_title")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_amount")).to_have_value("-20")
    check(page, "apply-form-with-errors")

    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill("Elke maand koken buren samen voor wie alleen is.")
    page.locator("#id_plan").fill("We huren de keuken van het buurthuis en koken met tien buren.")
    page.locator("#id_why").fill("Veel ouderen in de wijk eten alleen.")
    page.locator("#id_for_whom").fill("Ouderen en alleenstaanden, zo'n dertig mensen.")
    page.locator("#id_amount").fill("")
    for index, (what, amount) in enumerate(
        [("Huur keuken, 10 avonden", "400"), ("Boodschappen", "550"), ("Schorten", "50")]
    ):
        page.locator(f"#id_lines-{index}-description").fill(what)
        page.locator(f"#id_lines-{index}-amount").fill(amount)
    page.get_by_role("button", name="Meer regels").click()
    expect(page.locator("#id_lines-5-description")).to_be_visible()
    expect(page.locator("#id_lines-2-description")).to_have_value("Schorten")
    page.locator("#id_lines-3-description").fill("Flyers")
    page.locator("#id_lines-3-amount").fill("25,50")
    page.get_by_role("button", name="Concept bewaren").click()
    says_in_dutch(status_message(page), "Bewaard als concept")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    says_in_dutch(page.get_by_role("main"), "€\xa01.025,50")
    check(page, "application-draft")
    application = Application.objects.get(title=TITLE)
    assert application.amount_cents == 1_025_50

    # A quote, then submitting after a confirmation.
    page.get_by_role("link", name="Bijlagen", exact=True).click()
    page.get_by_label("Bestand").set_input_files(
        files=[{"name": "offerte.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    page.get_by_role("button", name="Uploaden").click()
    says_in_dutch(status_message(page), "offerte.pdf is toegevoegd")
    check(page, "application-attachments")
    page.get_by_role("link", name="Terug naar de aanvraag").click()
    page.get_by_role("link", name="Indienen", exact=True).click()
    check(page, "application-submit")
    page.get_by_role("button", name="De aanvraag indienen").click()
    says_in_dutch(status_message(page), "Ingediend.")
    check(page, "application-submitted")
    assert [m.to for m in mail.outbox] == [[member.email]]

    # One change after submitting: version 2, and what changed.
    page.get_by_role("link", name="Wijzigen", exact=True).click()
    page.locator("#id_plan").fill("We huren de keuken van het buurthuis en koken met twaalf buren.")
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    says_in_dutch(status_message(page), "versie 2")
    page.get_by_role("link", name="2 versies").click()
    says_in_dutch(page.get_by_role("main"), "Wat er veranderde van versie 1 naar versie 2")
    check(page, "application-revisions")
    page.goto(f"{portal}/fund/applications/")
    says_in_dutch(page.get_by_role("main"), TITLE)
    check(page, "my-applications")
    page.goto(f"{portal}/fund/applications/{application.pk}/withdraw/")
    check(page, "application-withdraw")

    # On a desktop: a committee member reads it.
    log_in_as(desktop_page, portal, committee)
    desktop_page.goto(f"{portal}/fund/applications/{application.pk}/")
    expect(desktop_page.get_by_role("heading", level=1)).to_have_text(TITLE)
    says_in_dutch(desktop_page.get_by_role("main"), "offerte.pdf")
    check(desktop_page, "application-for-the-committee")


def test_someone_without_an_initiative_is_told_how_to_get_one(
    portal: str, page: Page, check: Check
) -> None:
    person = UserFactory(name="Piet Passant")
    round_ = RoundFactory(slug="najaar")
    log_in_as(page, portal, person)
    page.goto(f"{portal}/fund/rounds/{round_.slug}/apply/")
    says_in_dutch(page.get_by_role("main"), "Meld het aan bij het netwerk")
    check(page, "apply-without-initiative")
