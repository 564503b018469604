"""A fund committee member opens a round on a phone (a budget the fund lacks first), adds money
and looks at the closing page; a visitor reads the rounds and the round's page. Axe-clean at
375 and 1280 px (screenshots in test-artifacts/)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.roles import FUND_COMMITTEE
from fund.models import Round
from initiatives.models import Municipality
from tests.browser.test_initiatives_journey import (
    Check,
    log_in_as,
    says_in_dutch,
    status_message,
)
from tests.factories import role_user
from tests.fund.factories import ContributionFactory, FunderFactory

pytestmark = pytest.mark.browser


def test_the_committee_opens_a_round_and_a_visitor_reads_it(
    portal: str, page: Page, desktop_page: Page, check: Check
) -> None:
    member = role_user(FUND_COMMITTEE, name="Fenna Fondscommissie")
    ContributionFactory(
        funder=FunderFactory(name="Provincie Utrecht", slug="provincie-utrecht"),
        amount_cents=30_000_00,
    )
    earmarked = ContributionFactory(
        funder=FunderFactory(name="Gemeente Amersfoort", slug="gemeente-amersfoort"),
        amount_cents=5_000_00,
        earmark_municipality=Municipality.objects.get(name="Amersfoort"),
    )
    today = timezone.localdate()

    log_in_as(page, portal, member)
    page.goto(f"{portal}/fund/rounds/")
    page.get_by_role("link", name="Een ronde openen").click()
    says_in_dutch(page.get_by_role("heading", level=1), "Een ronde openen")
    page.locator("#id_name").fill("Voorjaar 2027")
    page.locator("#id_description").fill("Geld voor wat buren samen doen tegen eenzaamheid.")
    page.locator("#id_opens_on").fill(today.isoformat())
    page.locator("#id_closes_on").fill((today + timedelta(days=30)).isoformat())
    page.locator("#id_budget").fill("99.000")
    page.get_by_label("Gemeente Amersfoort", exact=False).check()
    page.locator("#id_max_per_application_cents").fill("2.500")
    page.locator("#id_criteria-0-name").fill("Past bij de buurt")
    page.locator("#id_criteria-0-weight").fill("3")
    page.locator("#id_criteria-1-name").fill("Haalbaar plan")
    page.get_by_role("button", name="Ronde openen").click()
    expect(page.locator("#id_budget")).to_have_attribute("aria-invalid", "true")
    says_in_dutch(page.locator(".omzien-form-errors"), "Het fonds heeft hiervoor")
    expect(page.locator("#id_name")).to_have_value("Voorjaar 2027")
    expect(page.locator("#id_criteria-0-name")).to_have_value("Past bij de buurt")
    check(page, "open-with-errors")

    page.locator("#id_budget").fill("20.000")
    page.get_by_role("button", name="Ronde openen").click()
    says_in_dutch(status_message(page), "De ronde is open.")
    round_ = Round.objects.get()
    assert {f.contribution_id: f.reserved_cents for f in round_.fundings.all()}[
        earmarked.pk
    ] == 5_000_00
    expect(page).to_have_url(f"{portal}/fund/rounds/voorjaar-2027/")
    says_in_dutch(page.locator("main"), "hiervan is alleen voor initiatieven in Amersfoort")
    check(page, "round-committee")

    page.get_by_role("link", name="Geld aan het budget toevoegen").click()
    page.locator("#id_budget").fill("1.000")
    page.get_by_role("button", name="Aan het budget toevoegen").click()
    says_in_dutch(status_message(page), "Het budget is nu € 21.000,00")
    page.goto(f"{portal}/fund/rounds/voorjaar-2027/close/")
    says_in_dutch(page.locator("main"), "Je kunt de ronde na die dag sluiten.")
    check(page, "close")

    desktop_page.goto(f"{portal}/fund/rounds/")
    desktop_page.get_by_role("link", name="Voorjaar 2027").click()
    says_in_dutch(desktop_page.get_by_role("heading", level=1), "Voorjaar 2027")
    says_in_dutch(desktop_page.locator("main"), "Hoe aanvragen beoordeeld worden")
    expect(desktop_page.get_by_role("link", name="Ronde wijzigen")).to_have_count(0)
    check(desktop_page, "round-visitor")
    desktop_page.goto(f"{portal}/fund/rounds/")
    check(desktop_page, "rounds")
