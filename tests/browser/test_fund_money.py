"""Money in, in Chromium: a treasurer adds a funder, records an earmarked contribution (the
form's mistakes first), reverses one recorded twice; a visitor reads the funder's statement and
the fund's ledger. Each page axe-checked and photographed at a phone's and a desktop's width."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import User
from accounts.roles import TREASURER
from fund.models import Contribution, Funder
from fund.money import euros
from tests.factories import role_user
from tests.fund.factories import ContributionFactory, awarded_grant

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

Check = Callable[[Page, str], None]
A_MONTH_AGO = (timezone.localdate() - timedelta(days=30)).isoformat()


def log_in_as(page: Page, portal: str, user: User) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": portal}]
    )


def test_a_treasurer_records_money_and_everyone_sees_where_it_went(
    portal: str, page: Page, check: Check
) -> None:
    # Money that went somewhere already: a round and a grant paid by another funder.
    awarded_grant(cents=1_200_00, initiative__name="Buurtkamer De Kei")
    log_in_as(page, portal, role_user(TREASURER))

    page.goto(f"{portal}/fund/money/")
    check(page, "money")
    page.get_by_role("link", name="Financier toevoegen").click()
    page.locator("#id_name").fill("Gemeente Amersfoort")
    page.locator("#id_kind").select_option("municipality")
    page.locator("#id_description").fill("De gemeente steunt initiatieven in Amersfoort.")
    page.locator("#id_website").fill("javascript:alert(1)")
    page.get_by_role("button", name="Financier toevoegen").click()
    expect(page.locator("#id_website_error")).to_contain_text("Typ een webadres")
    check(page, "funder-form-error")
    page.locator("#id_website").fill("https://www.amersfoort.nl")
    page.get_by_role("button", name="Financier toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gemeente Amersfoort")

    page.get_by_role("link", name="Bijdrage invoeren").click()
    funder = Funder.objects.get(name="Gemeente Amersfoort")
    expect(page.locator("#id_funder")).to_have_value(str(funder.pk))
    page.locator("#id_amount").fill("-25")
    page.locator("#id_received_on").fill(A_MONTH_AGO)
    page.get_by_role("button", name="Bijdrage invoeren").click()
    expect(page.locator("#id_amount_error")).to_contain_text("Een bedrag kan niet negatief zijn.")
    check(page, "contribution-form-error")
    page.locator("#id_amount").fill("2.500")
    page.locator("#id_reference").fill("Afschrift 2026-11")
    page.locator("#id_earmark_municipality").select_option(label="Amersfoort")
    page.get_by_role("button", name="Bijdrage invoeren").click()
    expect(page.locator(".omzien-messages")).to_contain_text(
        f"De bijdrage van {euros(2_500_00)} van Gemeente Amersfoort is ingevoerd."
    )
    expect(page.locator("body")).to_contain_text("alleen voor initiatieven in Amersfoort")
    check(page, "money-after")

    # The same money again, by mistake (a second treasurer, say): asked first, then reversed.
    page.goto(f"{portal}/fund/contributions/new/")
    page.locator("#id_funder").select_option(label="Gemeente Amersfoort")
    page.locator("#id_amount").fill("2500")
    page.locator("#id_received_on").fill(A_MONTH_AGO)
    page.get_by_role("button", name="Bijdrage invoeren").click()
    expect(page.locator("#id_record_anyway_error")).to_contain_text("Is dit hetzelfde geld?")
    check(page, "contribution-look-alike")
    page.locator("#id_record_anyway").check()
    page.get_by_role("button", name="Bijdrage invoeren").click()
    second = Contribution.objects.filter(funder__name="Gemeente Amersfoort").order_by("pk").last()
    assert second is not None
    page.goto(f"{portal}/fund/contributions/{second.pk}/reverse/")
    check(page, "reverse")
    page.locator("#id_reason").fill("Twee keer ingevoerd")
    page.get_by_role("button", name="Bijdrage terugdraaien").click()
    expect(page.locator("body")).to_contain_text("is teruggedraaid")

    # A visitor: the statement and the ledger.
    page.context.clear_cookies()
    page.goto(f"{portal}/fund/funders/")
    check(page, "funders")
    page.get_by_role("link", name="Gemeente Amersfoort").click()
    expect(page.locator("body")).to_contain_text(
        "Geoormerkt: alleen voor initiatieven in Amersfoort"
    )
    expect(page.locator("body")).to_contain_text("Per ongeluk ingevoerd en gecorrigeerd")
    check(page, "funder-statement")
    page.goto(f"{portal}/fund/ledger/")
    expect(page.locator("body")).to_contain_text("Reden: Twee keer ingevoerd")
    expect(page.locator("body")).to_contain_text("Buurtkamer De Kei")
    check(page, "ledger")


def test_a_funder_whose_money_paid_for_grants(portal: str, page: Page, check: Check) -> None:
    grant = awarded_grant(cents=900_00, initiative__name="Samen aan Tafel")
    funder = grant.fundings.get().contribution.funder
    ContributionFactory(funder=funder, amount_cents=300_00)
    page.goto(f"{portal}{funder.get_absolute_url()}")
    expect(page.locator("body")).to_contain_text("Samen aan Tafel")
    check(page, "funder-with-grants")
