"""An item's page in Chromium: a practice full of text, axe-clean at 375 and 1280 px, and on
paper a clean sheet of one or two pages without the menu, the forms or the related items."""

import io
from collections.abc import Callable

import pypdf
import pytest
from playwright.sync_api import Page, expect

from knowledgebase.models import Adoption
from tests.factories import InitiativeFactory
from tests.knowledgebase.factories import ItemFactory, ResearchQuestionFactory
from tests.knowledgebase.factories_reading import FullPracticeFactory

pytestmark = pytest.mark.browser

Check = Callable[[Page, str], None]


def test_a_practice_reads_well_and_prints_on_one_or_two_pages(
    portal: str, page: Page, check: Check
) -> None:
    initiative = InitiativeFactory(name="Buurtkracht Kanaleneiland")
    question = ResearchQuestionFactory(title="Hoe bereik je mensen die eenzaam zijn?")
    practice = FullPracticeFactory(
        initiative=initiative,
        themes=["Eenzaamheid", "Welzijn"],
        municipalities=["Utrecht"],
        research_questions=[question],
    )
    Adoption.objects.create(
        practice=practice, initiative=InitiativeFactory(name="Samen Sterk"), note="Op zondag."
    )
    ItemFactory(title="Een verwant voorbeeld", themes=["Eenzaamheid"])

    page.goto(f"{portal}{practice.get_absolute_url()}")
    expect(page.locator(".omzien-kb-kind").first).to_have_text("Praktijkvoorbeeld")
    expect(page.get_by_role("heading", name="Waarom het werkt", level=2)).to_be_visible()
    expect(page.get_by_text("1 initiatief deed dit ook")).to_be_visible()
    expect(page.get_by_role("link", name="Een verwant voorbeeld")).to_be_visible()
    check(page, "practice")

    page.emulate_media(media="print")
    expect(page.locator(".omzien-nav")).to_be_hidden()
    expect(page.locator(".omzien-kb-related")).to_be_hidden()
    expect(page.locator(".omzien-kb-adoptions")).to_be_hidden()
    expect(page.get_by_text("Deze pagina:")).to_be_visible()
    sheet = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert 1 <= len(sheet.pages) <= 2
    text = "".join(p.extract_text() for p in sheet.pages)
    assert "Wat het opleverde" in text
    assert "Bijgedragen door Buurtkracht Kanaleneiland" in text
    assert practice.get_absolute_url() in text
    assert "Gerelateerd" not in text
    assert "Inloggen" not in text
