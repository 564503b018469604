"""A member of an initiative contributes a practice on its behalf, with a PDF, and sends it for
review; a coordinator publishes it from the queue; a visitor then finds it by a word that is only
in the PDF."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from accounts.roles import COORDINATOR
from knowledgebase.models import Attachment, Item
from tests.browser.test_initiatives_journey import (
    Check,
    links_in_emails_lead_to_the_live_server,  # noqa: F401 - an autouse fixture
    log_in_as,
    no_rate_limits_from_other_tests,  # noqa: F401 - an autouse fixture
    says_in_dutch,
    status_message,
)
from tests.factories import InitiativeFactory, UserFactory, role_user
from tests.knowledgebase.factories_attachments import pdf_bytes

pytestmark = pytest.mark.browser

TITLE = "Samen koken in de buurtkamer"
# Only in the PDF: neither the title nor any field of the form has this word.
PDF_WORD = "pompoensoep"
PDF_LINES = [
    "Draaiboek Samen koken in de buurtkamer",
    f"Elke dinsdag maken tien buren samen {PDF_WORD} voor de hele straat.",
    "De boodschappen komen van de buurtsupermarkt.",
]
PRACTICE = {
    "#id_summary": "Buren koken één keer per week samen en eten daarna aan een lange tafel.",
    "#id_goal": "Buren leren elkaar kennen en niemand eet alleen.",
    "#id_target_group": "Ouderen die alleen wonen, en iedereen die graag kookt.",
    "#id_approach": "We zetten een briefje in de app van de straat en koken met wie er komt.",
    "#id_success_factors": "Een vaste dag en een vast gezicht bij de deur.",
    "#id_costs": "Ongeveer 40 euro per keer voor de boodschappen.",
    "#id_results": "Twintig vaste gasten, en drie nieuwe vrijwilligers.",
}


def test_a_member_contributes_a_practice_with_a_pdf_and_a_coordinator_publishes_it(
    portal: str, page: Page, desktop_page: Page, check: Check
) -> None:
    member = UserFactory(name="Samira Bouzid", email="samira@example.nl")
    initiative = InitiativeFactory(name="Buurtkamer Oog in Al", admin=member)
    coordinator = role_user(COORDINATOR, is_staff=True, name="Coby Coördinator")

    # On a phone: the member chooses what to share and fills in the practice's template.
    log_in_as(page, portal, member)
    page.goto(f"{portal}/knowledge/new/")
    says_in_dutch(page.get_by_role("heading", level=1), "Kennis delen")
    check(page, "choose-kind")
    page.get_by_role("link", name="Praktijkvoorbeeld", exact=True).click()
    expect(page.locator("#id_on_behalf_of")).to_have_value(str(initiative.pk))
    page.get_by_role("button", name="Concept bewaren").click()
    expect(page.locator("#id_title")).to_have_attribute("aria-invalid", "true")
    check(page, "practice-form-with-errors")

    page.locator("#id_title").fill(TITLE)
    for field, text in PRACTICE.items():
        page.locator(field).fill(text)
    page.get_by_role("button", name="Concept bewaren").click()
    says_in_dutch(status_message(page), "concept")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    says_in_dutch(page.locator(".omzien-kb-moderation"), "Concept")
    check(page, "practice-draft")
    practice = Item.objects.get(title=TITLE)
    assert practice.status == Item.Status.DRAFT
    assert practice.initiative == initiative

    # The PDF, whose text is read by a task (the tests run tasks at once).
    page.get_by_role("link", name="Bijlage toevoegen").click()
    page.get_by_label("Bestand").set_input_files(
        files=[
            {"name": "draaiboek.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes(PDF_LINES)}
        ]
    )
    page.get_by_role("button", name="Uploaden").click()
    says_in_dutch(page.locator(".omzien-kb-files"), "draaiboek.pdf")
    check(page, "attachments")
    attachment = Attachment.objects.get(item=practice)
    assert PDF_WORD in attachment.text

    page.get_by_role("link", name="Terug naar het stuk").click()
    says_in_dutch(page.locator(".omzien-kb-attachments"), "draaiboek.pdf")
    page.get_by_role("button", name="Ter beoordeling versturen").click()
    says_in_dutch(status_message(page), "beoordel")
    check(page, "practice-submitted")
    practice.refresh_from_db()
    assert practice.status == Item.Status.SUBMITTED

    # Nobody outside the initiative finds it yet.
    desktop_page.goto(f"{portal}/knowledge/?q={PDF_WORD}")
    expect(desktop_page.locator(".omzien-kb-results")).to_have_count(0)
    expect(desktop_page.get_by_role("link", name=TITLE)).to_have_count(0)

    # At a desk: the coordinator opens the queue and publishes it.
    log_in_as(desktop_page, portal, coordinator)
    desktop_page.goto(f"{portal}/coordination/")
    says_in_dutch(desktop_page.get_by_role("main"), TITLE)
    check(desktop_page, "coordination")
    desktop_page.goto(f"{portal}/knowledge/moderation/")
    says_in_dutch(desktop_page.get_by_role("main"), initiative.name)
    check(desktop_page, "moderation-queue")
    desktop_page.get_by_role("link", name=re.compile(rf"^Beoordelen\s*: {TITLE}$")).click()
    expect(desktop_page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    check(desktop_page, "moderate-form")
    desktop_page.get_by_label("Publiceren").check()
    desktop_page.get_by_role("button", name="Besluit bevestigen").click()
    says_in_dutch(status_message(desktop_page), "Gepubliceerd; wie het instuurde krijgt een e-mail")
    check(desktop_page, "moderation-after-publishing")
    practice.refresh_from_db()
    assert practice.status == Item.Status.PUBLISHED
    [message] = [m for m in mail.outbox if m.to == ["samira@example.nl"]]
    assert TITLE in message.body

    # A visitor on a phone finds it by the word that only the PDF has.
    page.context.clear_cookies()
    page.goto(f"{portal}/knowledge/")
    page.get_by_label("Zoeken in de kennisbank").fill(PDF_WORD)
    page.get_by_role("button", name="Zoeken", exact=True).click()
    results = page.locator(".omzien-kb-results")
    expect(results.get_by_role("link", name=TITLE)).to_be_visible()
    says_in_dutch(page.get_by_role("main"), "1 resultaat gevonden")
    check(page, "found-by-the-pdf")
    results.get_by_role("link", name=TITLE).click()
    says_in_dutch(page.locator(".omzien-kb-item__by"), initiative.name)
    expect(page.get_by_role("main")).not_to_contain_text("Samira Bouzid")
    expect(page.get_by_role("main")).not_to_contain_text("samira@example.nl")
    says_in_dutch(page.locator(".omzien-kb-attachments"), "draaiboek.pdf")
    check(page, "published-practice")
