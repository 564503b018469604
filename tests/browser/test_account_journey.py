"""A newcomer's and a coordinator's way through sign-up, log-in and two-factor log-in, in Chromium.

The account pages speak allauth's own Dutch; the header and the account overview are the
portal's own words, found here by role and address so that these tests do not hang on wording.
"""

import re
import time
from collections.abc import Callable

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from playwright.sync_api import Locator, Page, expect
from pytest_django.fixtures import Settings

from accounts.roles import COORDINATOR
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser

Check = Callable[[Page, str], None]

EMAIL = "nieuwkomer@example.nl"
PASSPHRASE = "de buurtmoestuin bloeit weer in september"


@pytest.fixture(autouse=True)
def authenticator_one_period_ahead(settings: Settings) -> None:
    """Accept the code of the next period too, as many real authenticator set-ups are allowed to.

    allauth refuses a code that was used once already; the journey uses a code to activate and
    the next period's code to log in, instead of waiting up to 30 seconds for the clock.
    """
    settings.MFA_TOTP_TOLERANCE = 1


def authenticator_code(secret: str, *, periods_ahead: int = 0) -> str:
    """What an authenticator app holding this secret shows now (or so many periods later)."""
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD + periods_ahead
    return format_hotp_value(hotp_value(secret, counter))


def header(page: Page) -> Locator:
    return page.get_by_role("banner")


def log_out(page: Page) -> None:
    header(page).locator("form[action='/accounts/logout/']").get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(header(page).locator("a[href='/accounts/login/']")).to_be_visible()


def log_in(page: Page, check: Check, email: str, password: str, *, step: str = "login") -> None:
    header(page).locator("a[href='/accounts/login/']").click()
    expect(page.get_by_role("heading", name="Inloggen", level=1)).to_be_visible()
    check(page, step)
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(password)
    page.get_by_role("button", name="Inloggen").click()


def activate_authenticator(page: Page, check: Check, password: str) -> str:
    """Confirm the password, set up the authenticator app; return the secret it was given."""
    # allauth asks for the password again before it changes how one logs in.
    expect(page.get_by_role("heading", name="Toegang bevestigen", level=1)).to_be_visible()
    check(page, "reauthenticate")
    page.get_by_label("Wachtwoord", exact=True).fill(password)
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", name="Authenticator-app instellen")).to_be_visible()
    check(page, "activate-authenticator")
    secret = page.get_by_label("Geheime sleutel voor je authenticator-app").input_value()
    page.get_by_label("Authenticator code").fill(authenticator_code(secret))
    page.get_by_role("button", name="Aanzetten").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/recovery-codes/$"))
    expect(page.get_by_role("heading", name="Herstelcodes", level=1)).to_be_visible()
    codes = page.get_by_role("textbox", name="Ongebruikte codes").input_value().split()
    assert len(codes) == 10
    check(page, "recovery-codes")
    return secret


def test_a_newcomer_signs_up_confirms_logs_in_and_protects_the_account_with_two_factor(
    portal: str, page: Page, check: Check
) -> None:
    page.goto(portal)
    header(page).locator("a[href='/accounts/signup/']").click()
    expect(page.get_by_role("heading", name="Account aanmaken", level=1)).to_be_visible()
    check(page, "signup")
    page.get_by_label("E-mailadres").fill(EMAIL)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSPHRASE)
    page.get_by_label("Wachtwoord (bevestigen)").fill(PASSPHRASE)
    page.get_by_role("button", name="Account aanmaken").click()

    expect(page.get_by_role("heading", name="Bevestig je e-mailadres")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text(EMAIL)
    check(page, "check-your-email")
    (message,) = mail.outbox
    assert message.to == [EMAIL]
    found = re.search(r"http://\S+/accounts/confirm-email/\S+/", message.body)
    assert found is not None
    link = found.group()
    assert link.startswith(portal)  # allauth builds the link from the address the browser used

    page.goto(link)
    expect(page.get_by_role("heading", name="E-mailadres bevestigen")).to_be_visible()
    check(page, "confirm-email")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page).to_have_url(f"{portal}/my-account/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check(page, "my-account")

    log_out(page)
    check(page, "logged-out")
    log_in(page, check, EMAIL, PASSPHRASE)
    expect(page).to_have_url(f"{portal}/my-account/")

    page.get_by_role("main").locator("a[href='/accounts/2fa/']").first.click()
    expect(page.get_by_role("heading", name="Tweestapsverificatie", level=1)).to_be_visible()
    check(page, "two-factor")
    page.get_by_role("main").locator("a[href='/accounts/2fa/totp/activate/']").click()
    secret = activate_authenticator(page, check, PASSPHRASE)

    log_out(page)
    log_in(page, check, EMAIL, PASSPHRASE, step="login-with-two-factor")
    expect(page.get_by_role("heading", name="Tweestapsverificatie", level=1)).to_be_visible()
    check(page, "authenticator-code")
    page.get_by_role("textbox").fill(authenticator_code(secret, periods_ahead=1))
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(f"{portal}/my-account/")


def test_a_coordinator_without_two_factor_is_sent_to_set_it_up_first(
    portal: str, desktop_page: Page, check: Check
) -> None:
    # Coordinators do their work at a desk, mostly.
    page = desktop_page
    coordinator = UserFactory(groups=[COORDINATOR], is_staff=True)
    page.goto(portal)
    log_in(page, check, coordinator.email, PASSWORD)

    # The warning that the role asks for two-factor login, on the way to the set-up.
    expect(page.get_by_role("alert")).to_be_visible()
    activate_authenticator(page, check, PASSWORD)
    page.goto(f"{portal}/my-account/")
    expect(page).to_have_url(f"{portal}/my-account/")
