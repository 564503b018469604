"""The fund committee at work, in the browser: a member declares a tie, reviews an application
(draft, then submitted), sees the other review, and decides; a member of the applying initiative
is refused and told why; a visitor reads the decision list with the recusal named. Every page is
checked with axe-core and photographed at 375 and 1280 px (test-artifacts/screenshots/)."""

from collections.abc import Callable

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import Page, expect

from accounts.models import User
from fund.models import Application, Decision, Review
from initiatives.models import Membership
from tests.factories import InitiativeFactory
from tests.fund.factories import RoundFactory, submitted_application
from tests.fund.factories_decisions import committee_member, review

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


def test_a_member_reviews_and_decides_and_a_recused_member_is_refused(
    portal: str, page: Page, check: Check
) -> None:
    anna = committee_member(name="Anna de Vries", email="anna@example.nl")
    bram = committee_member(name="Bram Jansen", email="bram@example.nl")
    cees = committee_member(name="Cees Bakker", email="cees@example.nl")
    initiative = InitiativeFactory(name="Buurtkracht Lombok")
    Membership.objects.create(initiative=initiative, user=cees)
    InitiativeFactory(name="Moestuin Overvecht")
    round_ = RoundFactory(
        name="Voorjaar 2027", slug="voorjaar-2027", budget_cents=5_000_00, first_timers_first=True
    )
    application = submitted_application(
        round=round_, initiative=initiative, title="Samen eten in Lombok", amount_cents=1_200_00
    )
    review(application, bram, [5, 4], comment="Sterk plan, goed begroot.")

    # Anna declares a tie to another initiative.
    log_in_as(page, portal, anna)
    page.goto(f"{portal}/fund/ties/")
    check(page, "banden")
    page.locator("#id_name").fill("moestuin")
    page.locator("#id_description").fill("Ik ben er vrijwilliger.")
    page.get_by_role("button", name="Band opgeven").click()
    expect(page.locator(".fund-tie-list")).to_contain_text("Moestuin Overvecht")
    check(page, "band-opgegeven")

    # Her work: one application to review.
    page.goto(f"{portal}/fund/committee/")
    expect(page.get_by_role("main")).to_contain_text("Samen eten in Lombok")
    check(page, "commissie")
    page.get_by_role("link", name="Samen eten in Lombok").first.click()
    expect(page.locator("h1")).to_contain_text("Samen eten in Lombok")
    expect(page.get_by_role("main")).not_to_contain_text("Sterk plan")
    check(page, "beoordelen")

    # A draft first, then the whole review.
    page.get_by_label("4 – goed").first.check()
    page.locator("#id_comment").fill("Mooi idee; de huur is aan de hoge kant.")
    page.get_by_role("button", name="Opslaan als concept").click()
    expect(page.locator(".omzien-messages")).to_contain_text("Je concept is opgeslagen")
    page.get_by_role("button", name="Beoordeling indienen (definitief)").click()
    expect(page.locator(".omzien-form-errors")).to_contain_text("Geef een score")
    check(page, "beoordeling-onvolledig")
    page.get_by_label("3 – redelijk").nth(1).check()
    page.get_by_role("radio", name="Gedeeltelijk toekennen").check()
    page.locator("#id_amount").fill("1.000")
    page.get_by_role("button", name="Beoordeling indienen (definitief)").click()
    expect(page.locator(".omzien-messages")).to_contain_text("Je beoordeling is ingediend")
    expect(page.get_by_role("main")).to_contain_text("Sterk plan, goed begroot.")
    check(page, "beoordeling-ingediend")
    assert Review.objects.get(reviewer=anna).submitted_at is not None

    # Two reviews are in: she decides.
    page.get_by_role("link", name="Besluit over deze aanvraag").click()
    check(page, "besluiten")
    page.get_by_role("radio", name="Gedeeltelijk toekennen").check()
    page.locator("#id_amount").fill("1.000")
    page.locator("#id_reason").fill("Een goed plan; de huur kan lager.")
    page.get_by_role("button", name="Besluit bevestigen").click()
    expect(page.locator(".omzien-messages")).to_contain_text("nummer 1 op de besluitenlijst")
    check(page, "besloten")
    assert Application.objects.get().status == Application.Status.AWARDED

    # Cees is a member of the applying initiative.
    log_in_as(page, portal, cees)
    page.goto(f"{portal}/fund/applications/{application.pk}/review/")
    expect(page.get_by_role("main")).to_contain_text(
        "Je doet niet mee aan dit besluit: je bent lid van het aanvragende initiatief."
    )
    check(page, "niet-mee")

    # Anyone reads the decision list.
    page.context.clear_cookies()
    page.goto(f"{portal}/fund/rounds/voorjaar-2027/decisions/")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Een goed plan; de huur kan lager.")
    expect(main).to_contain_text(
        "Cees Bakker doet niet mee aan dit besluit (lid van het aanvragende initiatief)."
    )
    expect(main).to_contain_text(Decision.objects.get().hash)
    check(page, "besluitenlijst")
