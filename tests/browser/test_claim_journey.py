"""An imported initiative without a team gets its first admin: a person claims it ("dit is ons
initiatief") on a phone, a coordinator finds the claim on the work overview and confirms it."""

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from initiatives.models import Initiative, Membership
from tests.browser.test_initiatives_journey import (
    Check,
    links_in_emails_lead_to_the_live_server,  # noqa: F401 - an autouse fixture
    log_in_as,
    no_rate_limits_from_other_tests,  # noqa: F401 - an autouse fixture
    says_in_dutch,
    status_message,
)
from tests.factories import InitiativeFactory, UserFactory, role_user

pytestmark = pytest.mark.browser

CONNECTION = "Ik ben voorzitter van de werkgroep en regel de buurtmaaltijd."


def test_a_person_claims_an_initiative_without_a_team_and_a_coordinator_confirms_it(
    portal: str, page: Page, desktop_page: Page, check: Check
) -> None:
    claimant = UserFactory(name="Samira Bouzid")
    coordinator = role_user("coordinator", is_staff=True)
    imported: Initiative = InitiativeFactory(name="Krachtstation Kanaleneiland")

    # On a phone: the initiative's page offers "dit is ons initiatief", not a request to join.
    log_in_as(page, portal, claimant)
    page.goto(f"{portal}{imported.get_absolute_url()}")
    page.locator(f"a[href='/initiatives/{imported.slug}/claim/']").click()
    expect(page).to_have_url(f"{portal}/initiatives/{imported.slug}/claim/")
    check(page, "claim")
    page.locator("form[action$='/claim/'] button[type='submit']").click()
    expect(page.locator("#id_message")).to_have_attribute("aria-invalid", "true")
    check(page, "claim-without-message")
    page.locator("#id_message").fill(CONNECTION)
    page.locator("form[action$='/claim/'] button[type='submit']").click()
    expect(page).to_have_url(f"{portal}{imported.get_absolute_url()}")
    says_in_dutch(status_message(page), "Een coördinator bekijkt het binnenkort")

    # At a desk: the coordinator goes from the header to the overview and confirms the claim.
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    log_in_as(desktop_page, portal, coordinator)
    desktop_page.goto(f"{portal}/")
    desktop_page.get_by_role("banner").locator("a[href='/coordination/']").click()
    says_in_dutch(desktop_page.get_by_role("heading", level=1), "Coördinatie")
    claims = desktop_page.locator("#queue-claims")
    expect(claims).to_contain_text(CONNECTION)
    check(desktop_page, "overview")
    claims.locator("form[action$='/confirm/'] button").click()
    expect(desktop_page).to_have_url(f"{portal}/coordination/")
    says_in_dutch(status_message(desktop_page), "is nu beheerder van Krachtstation Kanaleneiland")
    check(desktop_page, "overview-after")

    membership = Membership.objects.get(initiative=imported)
    assert (membership.user, membership.role) == (claimant, Membership.Role.ADMIN)
    page.goto(f"{portal}{imported.get_absolute_url()}")
    expect(page.locator(f"a[href='/initiatives/{imported.slug}/edit/']")).to_be_visible()
