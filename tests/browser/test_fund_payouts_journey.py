"""A treasurer proposes a payout and a committee member approves it; the initiative reports on
its grant with a story, a photo and figures; the committee accepts the report, which settles the
grant; a visitor reads what the network does. Every page is checked with axe-core and
photographed at 375 and 1280 px (test-artifacts/screenshots/)."""

from collections.abc import Callable

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import Page, expect

from accounts.models import User
from accounts.roles import FUND_COMMITTEE
from fund.models import Grant, Payout, Report
from tests.factories import InitiativeFactory, UserFactory, role_user
from tests.fund.factories import awarded_grant
from tests.fund.factories_payouts import image_bytes, treasurer_user

pytestmark = pytest.mark.browser

Check = Callable[[Page, str], None]


def log_in_as(page: Page, portal: str, user: User) -> None:
    page.context.clear_cookies()
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": portal}]
    )


def test_a_payout_with_four_eyes_and_a_report_that_settles_the_grant(
    portal: str, page: Page, check: Check
) -> None:
    member = UserFactory(email="lid@example.nl")
    initiative = InitiativeFactory(name="Samen aan tafel", admin=member)
    grant = awarded_grant(800_00, initiative=initiative, amount_cents=800_00)
    treasurer = treasurer_user(name="Petra Penning")
    committee = role_user(FUND_COMMITTEE, name="Karel Commissie")

    # The treasurer proposes paying the grant.
    log_in_as(page, portal, treasurer)
    page.goto(f"{portal}/fund/payouts/")
    check(page, "uitbetalingen")
    page.get_by_role("link", name="Stel een uitbetaling voor").first.click()
    expect(page.locator("h1")).to_have_text("Stel een uitbetaling voor")
    page.locator("#id_amount").fill("800")
    page.locator("#id_description").fill("In één keer")
    check(page, "voorstellen")
    page.get_by_role("button", name="Stel de uitbetaling voor").click()
    expect(page.locator(".omzien-messages")).to_contain_text("is voorgesteld")
    payout = Payout.objects.get(grant=grant)
    assert payout.status == Payout.Status.PROPOSED

    # A member of the committee checks and approves it.
    log_in_as(page, portal, committee)
    page.goto(f"{portal}/fund/payouts/")
    page.get_by_role("link", name="Controleer en keur goed").first.click()
    expect(page.locator("h1")).to_have_text("Een uitbetaling goedkeuren")
    check(page, "goedkeuren")
    page.get_by_role("button", name="Keur de uitbetaling goed").click()
    expect(page.locator(".omzien-messages")).to_contain_text("Goedgekeurd")
    grant.refresh_from_db()
    assert grant.paid_cents == 800_00

    # The initiative reports.
    log_in_as(page, portal, member)
    page.goto(f"{portal}/fund/grants/{grant.pk}/report/")
    check(page, "verantwoording")
    page.locator("#id_story").fill(
        "Elke maand kookten we met twintig buren. Er kwamen steeds nieuwe mensen bij."
    )
    page.locator("#id_photo").set_input_files(
        {"name": "tafel.jpg", "mimeType": "image/jpeg", "buffer": image_bytes("JPEG", (640, 480))}
    )
    page.locator("#id_photo_description").fill("Buren aan een lange tafel")
    page.locator("#id_people_reached").fill("120")
    page.locator("#id_volunteers").fill("8")
    page.locator("#id_volunteer_hours").fill("160")
    page.get_by_role("button", name="Dien de verantwoording in").click()
    expect(page.locator(".omzien-messages")).to_contain_text("ingediend")
    check(page, "ingediend")
    assert Report.objects.get(grant=grant).status == Report.Status.SUBMITTED

    # The committee accepts it.
    log_in_as(page, portal, committee)
    page.goto(f"{portal}/fund/grants/{grant.pk}/report/review/")
    check(page, "beoordelen")
    page.locator("input[name='decision'][value='accept']").check()
    page.locator("#id_note").fill("Mooi gedaan, dank jullie wel!")
    page.get_by_role("button", name="Verstuur het besluit").click()
    expect(page.locator(".omzien-messages")).to_contain_text("afgerond")
    grant.refresh_from_db()
    assert grant.status == Grant.Status.SETTLED

    # Anyone sees what the network does.
    page.context.clear_cookies()
    page.goto(f"{portal}/fund/impact/")
    expect(page.locator("table")).to_contain_text("120")
    check(page, "wat-het-netwerk-doet")
