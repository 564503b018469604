"""The directory's journeys in Chromium: registering, approving and finding an initiative, and
looking after one (its profile and its members).

The steps find their way by address, form action, field id and heading level, so that they do
not hang on wording; what a person reads is asserted with `says_in_dutch`, the only assertions
that depend on the Dutch catalogue (locale/nl).
"""

import datetime
import re
from collections.abc import Callable, Iterator

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Browser, Locator, Page, expect
from pytest_django.fixtures import Settings

from accounts.models import User
from accounts.roles import COORDINATOR
from initiatives.models import Initiative, Membership, Municipality
from tests.factories import PASSWORD, InitiativeFactory, UserFactory, role_user

pytestmark = pytest.mark.browser

Check = Callable[[Page, str], None]

NAME = "Fietsenwerkplaats Lopik"
PITCH = "In onze fietsenwerkplaats repareren buren samen fietsen, elke zaterdagochtend."
SEARCH_WORD = "fietsenwerkplaats"
INVITED = "nieuwe.helper@example.nl"


@pytest.fixture(autouse=True)
def links_in_emails_lead_to_the_live_server(settings: Settings, portal: str) -> None:
    settings.SITE_URL = portal


@pytest.fixture(autouse=True)
def no_rate_limits_from_other_tests(portal: str) -> Iterator[None]:
    """The rate-limit cache (a database table that `portal`'s flush leaves alone) must not carry
    another test's counts here, nor ours elsewhere."""
    cache.clear()
    yield
    cache.clear()


def says_in_dutch(locator: Locator, text: str) -> None:
    """Wording from the Dutch catalogue (locale/nl), apart from the steps' own assertions."""
    expect(locator).to_contain_text(text)


def log_in_as(page: Page, portal: str, user: User) -> None:
    """Give the browser the session of a Django test client: for people whose log-in is tested
    elsewhere (coordinators need a two-factor code, see test_account_journey)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": portal}]
    )


def fill_in_login_form(page: Page, user: User) -> None:
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form[action^='/accounts/login/'] button[type='submit']").click()


def link_in(body: str, path: str) -> str:
    found = re.search(rf"http://\S+{re.escape(path)}\S*", body)
    assert found is not None, f"no link to {path} in:\n{body}"
    return found.group()


def status_message(page: Page) -> Locator:
    """The confirmation that a message from the server (Django's messages framework) shows."""
    return page.get_by_role("main").locator(".omzien-messages").get_by_role("status")


def card(page: Page, name: str) -> Locator:
    return page.locator("#directory-results").get_by_role("heading", name=name, level=3)


def test_a_newcomer_registers_an_initiative_a_coordinator_approves_it_and_a_visitor_finds_it(
    portal: str, page: Page, desktop_page: Page, check: Check
) -> None:
    registrant = UserFactory(name="Fatima de Vries")
    coordinator = role_user(COORDINATOR, is_staff=True)
    neighbour = InitiativeFactory(name="Buurtkamer Oog in Al", pitch="Koffie en een praatje.")

    # On a phone: log in from the directory, and register from Mijn account.
    page.goto(f"{portal}/initiatives/")
    page.get_by_role("banner").locator("a[href='/accounts/login/']").click()
    fill_in_login_form(page, registrant)
    expect(page).to_have_url(f"{portal}/my-account/")
    page.get_by_role("main").locator("a[href='/initiatives/register/']").click()
    expect(page).to_have_url(f"{portal}/initiatives/register/")
    says_in_dutch(page.get_by_role("heading", level=1), "Een initiatief aanmelden")
    check(page, "register")

    page.locator("#id_name").fill(NAME)
    page.locator("#id_municipality").select_option(label="Lopik")
    page.locator("#id_place").fill("Benschop")
    page.locator("#id_pitch").fill(PITCH)
    page.get_by_label("Leefbaarheid", exact=True).check()
    page.locator("#id_founded_year").fill("2019")
    page.locator(".omzien-profile-form__actions button[type='submit']").click()

    initiative = Initiative.objects.get(name=NAME)
    expect(page).to_have_url(f"{portal}/initiatives/{initiative.slug}/")
    expect(page.get_by_role("heading", name=NAME, level=1)).to_be_visible()
    expect(status_message(page)).to_contain_text(NAME)  # the thank-you message
    says_in_dutch(status_message(page), f"Bedankt! Een coördinator bekijkt {NAME} binnenkort")
    says_in_dutch(page.locator(".omzien-status-banner"), "Wacht op goedkeuring.")
    check(page, "pending")
    assert initiative.status == Initiative.Status.PENDING
    assert initiative.memberships.get().user == registrant

    # At a desk: the coordinator follows the link in the e-mail to the review queue.
    (to_coordinator,) = [m for m in mail.outbox if m.to == [coordinator.email]]
    assert NAME in to_coordinator.body
    reviewer = desktop_page
    log_in_as(reviewer, portal, coordinator)
    reviewer.goto(link_in(to_coordinator.body, "/initiatives/review/"))
    expect(reviewer.get_by_role("heading", level=1)).to_be_visible()
    says_in_dutch(reviewer.get_by_role("heading", level=1), "Nieuwe initiatieven om te beoordelen")
    pending = reviewer.get_by_role("article", name=NAME)
    expect(pending).to_contain_text(PITCH)
    expect(pending).to_contain_text(registrant.name)
    check(reviewer, "review-queue")
    pending.locator(f"form[action='/initiatives/{initiative.slug}/approve/'] button").click()
    expect(reviewer).to_have_url(f"{portal}/initiatives/review/")
    expect(status_message(reviewer)).to_contain_text(NAME)
    says_in_dutch(status_message(reviewer), f"{NAME} is goedgekeurd")
    expect(reviewer.get_by_role("article", name=NAME)).to_have_count(0)
    check(reviewer, "review-queue-done")
    initiative.refresh_from_db()  # approved, its address is its name without a random ending
    assert initiative.slug == "fietsenwerkplaats-lopik"
    (to_registrant,) = [m for m in mail.outbox if m.to == [registrant.email]]
    assert link_in(to_registrant.body, f"/initiatives/{initiative.slug}/").startswith(portal)

    # A visitor on a phone (the same browser, its cookies gone) finds it at once: the registrant's
    # visit at the start cached the directory's fragments, but the approval moved the content
    # version they are kept under (omzien/content_version.py).
    page.context.clear_cookies()
    page.goto(f"{portal}/initiatives/")
    expect(card(page, NAME)).to_be_visible()
    expect(card(page, neighbour.name)).to_be_visible()
    says_in_dutch(page.get_by_role("heading", level=1), "Een initiatief zoeken")
    check(page, "directory")

    # On a phone the filters fold behind "Filters". Choosing a municipality updates the results
    # at once (htmx) and the address with them.
    page.locator("summary", has_text="Filters").click()
    page.locator("#id_municipality").select_option("lopik")  # the options show counts
    expect(page).to_have_url(re.compile(r"/initiatives/\?municipality=lopik$"))
    expect(card(page, neighbour.name)).to_have_count(0)
    expect(card(page, NAME)).to_be_visible()
    says_in_dutch(page.locator("#directory-status"), "1 initiatief gevonden")
    expect(page.locator("#directory-results")).not_to_have_attribute("aria-busy", "true")
    check(page, "directory-by-municipality")

    # A word from the pitch, sent with the Filter button, finds it in every municipality.
    page.locator("form[role='search'] a[href='/initiatives/']").click()
    expect(card(page, neighbour.name)).to_be_visible()
    page.locator("#id_q").fill(SEARCH_WORD)
    page.locator("form[role='search'] button[type='submit']").click()
    expect(page).to_have_url(re.compile(rf"/initiatives/\?q={SEARCH_WORD}$"))
    expect(card(page, neighbour.name)).to_have_count(0)
    expect(card(page, NAME)).to_be_visible()
    check(page, "directory-by-search")

    card(page, NAME).get_by_role("link").click()
    expect(page).to_have_url(f"{portal}/initiatives/{initiative.slug}/")
    expect(page.get_by_role("heading", name=NAME, level=1)).to_be_visible()
    expect(page.get_by_role("main").get_by_text(PITCH)).to_be_visible()
    expect(page.locator(".omzien-status-banner")).to_have_count(0)
    check(page, "approved-initiative")


def test_without_javascript_the_filter_button_narrows_the_directory(
    portal: str, browser: Browser, page: Page, check: Check
) -> None:
    InitiativeFactory(name=NAME, pitch=PITCH, municipality=Municipality.objects.get(name="Lopik"))
    InitiativeFactory(name="Buurtkamer Oog in Al")
    context = browser.new_context(
        viewport={"width": 375, "height": 812}, locale="nl-NL", java_script_enabled=False
    )
    context.set_default_timeout(10_000)
    plain = context.new_page()
    plain.goto(f"{portal}/initiatives/")
    plain.locator("summary", has_text="Filters").click()  # the fold works without JavaScript
    plain.locator("#id_municipality").select_option("lopik")
    plain.locator("form[role='search'] button[type='submit']").click()
    expect(plain).to_have_url(re.compile(r"/initiatives/\?.*municipality=lopik"))
    expect(card(plain, "Buurtkamer Oog in Al")).to_have_count(0)
    expect(card(plain, NAME)).to_be_visible()
    filtered = plain.url
    context.close()
    # axe-core needs JavaScript to run: audit the same address in an ordinary browser.
    page.goto(filtered)
    expect(card(page, NAME)).to_be_visible()
    check(page, "directory-filtered-without-javascript")


def test_an_admin_updates_the_profile_and_invites_a_member_who_accepts(
    portal: str, page: Page, desktop_page: Page, check: Check
) -> None:
    admin = UserFactory(name="Henk Jansen")
    invited = UserFactory(email=INVITED, name="Noor Bakker")
    initiative = InitiativeFactory(name="Repaircafé Zuilen", place="Zuilen", admin=admin)
    long_ago = datetime.datetime(2023, 3, 1, 12, tzinfo=datetime.UTC)
    Initiative.objects.filter(pk=initiative.pk).update(updated_at=long_ago)
    page_url = f"{portal}/initiatives/{initiative.slug}/"
    new_pitch = "Elke eerste zaterdag repareren vrijwilligers lampen, fietsen en kleding."
    last_updated = page.get_by_role("complementary").locator("time")

    # On a phone: the admin opens the page and edits it.
    log_in_as(page, portal, admin)
    page.goto(page_url)
    expect(last_updated).to_have_attribute("datetime", "2023-03-01")
    page.locator(f"a[href='/initiatives/{initiative.slug}/edit/']").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(initiative.name)
    check(page, "edit")
    expect(page.locator("#id_pitch")).to_have_value(initiative.pitch)
    page.locator("#id_pitch").fill(new_pitch)
    page.locator("#id_place").fill("Zuilen-Noord")
    page.locator(".omzien-profile-form__actions button[type='submit']").click()

    expect(page).to_have_url(page_url)
    expect(status_message(page)).to_be_visible()
    says_in_dutch(status_message(page), "Het profiel is opgeslagen.")
    expect(page.get_by_role("main").get_by_text(new_pitch)).to_be_visible()
    expect(page.locator(".omzien-profile-head__place")).to_contain_text("Zuilen-Noord")
    expect(last_updated).to_have_attribute("datetime", timezone.localdate().isoformat())
    says_in_dutch(page.get_by_role("complementary"), "Laatst bijgewerkt")
    check(page, "edited")

    # The members page: invite someone by e-mail.
    page.locator(f"a[href='/initiatives/{initiative.slug}/members/']").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(initiative.name)
    check(page, "members")
    invite_form = page.locator(f"form[action='/initiatives/{initiative.slug}/members/invite/']")
    invite_form.locator("#id_email").fill(INVITED)
    invite_form.get_by_role("button").click()
    expect(page).to_have_url(f"{page_url}members/")
    expect(status_message(page)).to_contain_text(INVITED)
    says_in_dutch(status_message(page), f"Uitnodiging verstuurd naar {INVITED}.")
    open_invitations = page.locator("section[aria-labelledby='invite-title'] li")
    expect(open_invitations.filter(has_text=INVITED)).to_be_visible()
    check(page, "invited")

    # At a desk, the invited person follows the link in the e-mail, logs in and accepts.
    (invitation_mail,) = [m for m in mail.outbox if m.to == [INVITED]]
    link = link_in(invitation_mail.body, "/initiatives/invitations/")
    guest = desktop_page
    guest.goto(link)
    expect(guest).to_have_url(re.compile(r"/accounts/login/\?next="))
    check(guest, "invitation-login")
    fill_in_login_form(guest, invited)
    expect(guest).to_have_url(link)
    expect(guest.get_by_role("heading", level=1)).to_contain_text(initiative.name)
    expect(guest.get_by_role("main")).to_contain_text(new_pitch)
    check(guest, "invitation")
    guest.locator(f"form[action='{link.removeprefix(portal)}'] button").click()
    expect(guest).to_have_url(page_url)
    expect(status_message(guest)).to_contain_text(initiative.name)
    says_in_dutch(status_message(guest), f"Welkom bij {initiative.name}!")
    # A member may keep the page current: the edit link is there now.
    expect(guest.locator(f"a[href='/initiatives/{initiative.slug}/edit/']")).to_be_visible()
    check(guest, "joined")
    membership = initiative.memberships.get(user=invited)
    assert membership.role == Membership.Role.MEMBER

    # The admin sees the new member, and the invitation is no longer open.
    page.reload()
    expect(page.get_by_role("main")).to_contain_text(invited.name)
    expect(open_invitations.filter(has_text=INVITED)).to_have_count(0)
    check(page, "members-after")
