"""The pages every visitor sees, in Chromium: accessible at both widths, Dutch unless switched."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

Check = Callable[[Page, str], None]


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/", id="home"),
        pytest.param("/privacy/", id="privacy"),
        pytest.param("/accessibility/", id="accessibility"),
        pytest.param("/contact/", id="contact"),
    ],
)
def test_a_public_page_is_dutch_and_passes_axe_at_both_widths(
    portal: str, page: Page, check: Check, path: str
) -> None:
    response = page.goto(portal + path)
    assert response is not None
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check(page, "page")


def test_a_missing_page_says_so_and_leads_back_to_the_home_page(
    portal: str, page: Page, check: Check
) -> None:
    response = page.goto(f"{portal}/bestaat-niet/")
    assert response is not None
    assert response.status == 404
    expect(page).to_have_title("Deze pagina bestaat niet (meer) – Omzien naar Elkaar")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check(page, "not-found")
    page.get_by_role("main").locator("a[href='/']").click()
    expect(page).to_have_url(f"{portal}/")


def test_the_language_switch_turns_the_portal_english_and_back(
    portal: str, page: Page, check: Check
) -> None:
    page.goto(f"{portal}/accounts/login/")
    switch = page.get_by_role("banner").locator("form[action='/language/']")

    switch.get_by_role("combobox").select_option("en")
    switch.get_by_role("button").click()
    expect(page).to_have_url(f"{portal}/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Sign In", level=1)).to_be_visible()
    check(page, "english")

    switch.get_by_role("combobox").select_option("nl")
    switch.get_by_role("button").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", name="Inloggen", level=1)).to_be_visible()
