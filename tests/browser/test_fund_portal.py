"""The fund in the portal, in Chromium with the demo fund loaded: its front page for a visitor, a
member and the committee, the home page's figures and open rounds, "my account" with the fund's
panel, and the "Te doen" overview of a treasurer; axe-clean at 375 and 1280 px."""

from collections.abc import Callable

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import Page, expect

from accounts.demo import MEMBER_EMAIL, load_people
from accounts.models import User
from accounts.permissions import group_names
from fund.demo import load_fund
from fund.demo_data import COMMITTEE_EMAIL, TREASURER_EMAIL
from initiatives.demo import load_initiatives
from initiatives.models import Initiative
from omzien import work_queues
from omzien.work_queues import WorkQueue, register_work_queue
from tests.factories import enable_totp

pytestmark = pytest.mark.browser

Check = Callable[[Page, str], None]


def log_in_as(page: Page, portal: str, user: User) -> None:
    """The session of a Django test client, as the other browser tests give it."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": portal}]
    )


@pytest.fixture
def demo(portal: str) -> str:
    load_people()
    load_initiatives()
    load_fund()
    for email in (COMMITTEE_EMAIL, TREASURER_EMAIL):
        enable_totp(User.objects.get(email=email))  # as they would on their first login
    return portal


@pytest.fixture
def fund_queue(monkeypatch: pytest.MonkeyPatch) -> None:
    """A queue for the fund's roles, as the fund's other parts register theirs."""
    monkeypatch.setattr(work_queues, "_queues", dict(work_queues._queues))
    register_work_queue(
        WorkQueue(
            key="fund-payouts",
            title="Uitbetalingen goed te keuren",
            items=lambda: Initiative.objects.filter(name="Buurthuis De Nieuwe Jutter"),
            item_template="initiatives/partials/_queue_without_team.html",
            visible_to=lambda user: bool({"fund committee", "treasurer"} & group_names(user)),
            empty="Niets goed te keuren.",
        )
    )


def test_a_visitor_reads_the_fund_and_the_home_page(demo: str, page: Page, check: Check) -> None:
    page.goto(f"{demo}/")
    expect(page.get_by_role("heading", name="Open voor aanvragen", level=2)).to_be_visible()
    expect(page.locator(".omzien-figure").filter(has_text="toegekend in")).to_contain_text("€")
    check(page, "home")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Fonds").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gemeenschapsfonds")
    expect(page.get_by_role("heading", name="Het fonds in cijfers", level=2)).to_be_visible()
    expect(page.get_by_text("Stichting Nabuurfonds Utrecht")).to_be_visible()
    check(page, "fund-visitor")


def test_a_member_finds_the_way_to_apply_and_their_draft(
    demo: str, page: Page, check: Check
) -> None:
    log_in_as(page, demo, User.objects.get(email=MEMBER_EMAIL))
    page.goto(f"{demo}/fund/")
    expect(page.get_by_text("Je kunt aanvragen voor De Kracht van Zuilen.")).to_be_visible()
    check(page, "fund-member")
    page.goto(f"{demo}/my-account/")
    panel = page.locator("#my-fund")
    expect(panel).to_contain_text("Huiskamer op zaterdag")
    check(page, "my-account-member")


@pytest.mark.usefixtures("fund_queue")
def test_the_committee_and_the_treasurer_find_their_work(
    demo: str, page: Page, check: Check
) -> None:
    log_in_as(page, demo, User.objects.get(email=COMMITTEE_EMAIL))
    page.goto(f"{demo}/my-account/")
    expect(page.locator("#my-fund")).to_contain_text("Jouw beoordelingen")
    check(page, "my-account-committee")
    page.goto(f"{demo}/fund/")
    expect(page.get_by_role("heading", name="Jouw werk voor het fonds", level=3)).to_be_visible()
    check(page, "fund-committee")

    page.context.clear_cookies()
    log_in_as(page, demo, User.objects.get(email=TREASURER_EMAIL))
    page.goto(f"{demo}/")
    page.get_by_role("banner").get_by_role("link", name="Te doen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Te doen")
    expect(page.locator("#queue-fund-payouts")).to_contain_text("Buurthuis De Nieuwe Jutter")
    check(page, "to-do")
