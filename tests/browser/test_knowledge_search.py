"""A visitor searches the knowledge base in Dutch, narrows the results down by a facet and opens
one; and a coordinator makes a research question of a search that found nothing. Every page is
checked with axe-core and photographed at 375 and 1280 px (test-artifacts/screenshots/)."""

from collections.abc import Callable

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import Page, expect

from accounts.models import User
from knowledgebase.models import Item, MissedSearch
from tests.factories import role_user
from tests.knowledgebase.factories_search import (
    EENZAAMHEID_VRAAG,
    SAMEN_ETEN,
    build_corpus,
)

pytestmark = pytest.mark.browser

Check = Callable[[Page, str], None]


def log_in_as(page: Page, portal: str, user: User) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": portal}]
    )


def test_a_visitor_searches_narrows_down_and_opens_a_result(
    portal: str, page: Page, check: Check
) -> None:
    build_corpus()
    page.goto(f"{portal}/knowledge/")
    check(page, "kennisbank")

    page.locator("#id_q").fill("initiatieven eenzaamheid")
    page.locator("form[role='search'] .omzien-filters__search button[type='submit']").click()
    expect(page.locator("#results-count")).to_contain_text("2 resultaten gevonden")
    results = page.locator(".omzien-kb-results .omzien-card__link")
    expect(results).to_have_count(2)
    expect(page.locator(".omzien-kb-card__text mark").first).to_be_visible()
    check(page, "gezocht")

    # On a phone the other filters are folded away; the kind narrows it down to practices.
    page.locator(".omzien-filters__summary").click()
    page.locator("#id_kind_fieldset input[value='practice']").check()
    page.locator(".omzien-filters__actions button[type='submit']").click()
    expect(page.locator("#results-count")).to_contain_text("1 resultaat gevonden")
    expect(results).to_have_count(1)
    expect(results.first).to_have_text(SAMEN_ETEN)
    assert "kind=practice" in page.url
    assert "q=initiatieven+eenzaamheid" in page.url
    expect(page.locator("#id_kind_fieldset")).to_contain_text("Praktijkvoorbeeld (1)")
    expect(page.locator("#id_kind_fieldset")).to_contain_text("Onderzoeksvraag (1)")
    check(page, "gefilterd")

    results.first.click()
    expect(page.locator("h1")).to_have_text(SAMEN_ETEN)
    check(page, "praktijkvoorbeeld")


def test_a_search_of_only_common_words_and_one_that_finds_nothing(
    portal: str, page: Page, check: Check
) -> None:
    build_corpus()
    page.goto(f"{portal}/knowledge/?q=de+het+een")
    expect(page.locator("#search-notice")).to_contain_text("heel gewone woorden")
    check(page, "stopwoorden")
    page.goto(f"{portal}/knowledge/?q=zwerfkatten")
    expect(page.locator("#no-results")).to_contain_text("Probeer een ander woord")
    check(page, "niets-gevonden")
    assert MissedSearch.objects.get().words == "zwerfkatten"


def test_a_coordinator_makes_a_research_question_of_a_missed_search(
    portal: str, page: Page, check: Check
) -> None:
    build_corpus()
    MissedSearch.objects.create(
        month=MissedSearch._meta.get_field("month").to_python("2027-03-01"),
        words="zwerfkatten",
        count=4,
    )
    coordinator = role_user("coordinator", email="coordinator@example.nl")
    log_in_as(page, portal, coordinator)
    page.goto(f"{portal}/knowledge/missed/")
    expect(page.locator("h1")).to_have_text("Kennis die het netwerk mist")
    check(page, "gemiste-zoekopdrachten")
    title = page.locator("input[name$='-title']")
    expect(title).to_have_value("Wat weet het netwerk over zwerfkatten?")
    page.locator(".omzien-kb-missed__form button[type='submit']").click()
    expect(page.locator("h1")).to_have_text("Wat weet het netwerk over zwerfkatten?")
    question = Item.objects.get(title="Wat weet het netwerk over zwerfkatten?")
    assert question.is_published
    assert question.title != EENZAAMHEID_VRAAG
