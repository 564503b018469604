"""Where the fund's money went, in Chromium: the grants page with its filters (a plain form, so
no JavaScript is needed), its totals and the table of every municipality, and a grant's page;
axe-clean at 375 and 1280 px."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.fund.factories_transparency import money_world

pytestmark = pytest.mark.browser

Check = Callable[[Page, str], None]


def test_a_visitor_finds_where_the_money_went_and_narrows_it_down(
    portal: str, page: Page, check: Check
) -> None:
    world = money_world()
    page.goto(f"{portal}/fund/grants/")
    expect(page.get_by_role("heading", name="Waar het geld naartoe ging", level=1)).to_be_visible()
    expect(page.get_by_text("4 toekenningen, samen € 5.500,00 toegekend")).to_be_visible()
    matrix = page.get_by_role("table", name="Toegekende euro's per gemeente en jaar")
    expect(matrix.get_by_role("row", name="Oudewater niets ontvangen")).to_have_count(1)
    check(page, "grants")

    page.get_by_role("combobox", name="Gemeente").select_option(label="Amersfoort")
    page.get_by_role("button", name="Tonen").click()
    expect(page).to_have_url(f"{portal}/fund/grants/?municipality=amersfoort")
    expect(page.get_by_text("1 toekenning, samen € 2.500,00 toegekend")).to_be_visible()
    page.get_by_role("link", name="Buurtfeest Kruiskamp").click()

    grant = world.grants["amersfoort"]
    expect(page).to_have_url(f"{portal}{grant.get_absolute_url()}")
    expect(page.locator(".fund-paid-from")).to_contain_text(
        "Gemeente Amersfoort (geoormerkt voor Amersfoort) € 500,00"
    )
    expect(page.get_by_role("heading", name="Het besluit", level=2)).to_be_visible()
    check(page, "grant")
