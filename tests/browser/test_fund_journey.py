"""The community fund from application to public account, in one journey across its parts:

a member drafts and submits an application for their initiative on a phone; two committee
members review it while a third, a member of the applying initiative, is recused (told so, and
refused when they try to decide all the same); a reviewer awards it in part with a reason, and
the initiative's members get the e-mail; a treasurer proposes the payout, cannot approve it
herself, and a second treasurer approves it from the e-mail; the initiative reports (the short
report: the grant is below the threshold of fund/accountability.py) from the e-mail's link; a
committee member accepts the report; a visitor finds the grant, settled and accounted for, on
the transparency page, and the recusal on the round's decision list.

Every step goes through the portal's own forms; only the fund's money, the round and the people
are made by factories. Every page is checked with axe-core and photographed at 375 and 1280 px
(test-artifacts/screenshots/).
"""

import re

import pytest
from django.conf import settings as django_settings
from django.core import mail
from playwright.sync_api import Page, expect

from accounts.models import User
from fund.accountability import FULL_REPORT_FROM_CENTS
from fund.models import Application, Decision, Grant, Payout, Recusal, Report, Review
from fund.money import euros
from initiatives.models import Membership
from tests.browser.test_initiatives_journey import (
    Check,
    link_in,
    links_in_emails_lead_to_the_live_server,  # noqa: F401 - an autouse fixture
    log_in_as,
    no_rate_limits_from_other_tests,  # noqa: F401 - an autouse fixture
    says_in_dutch,
    status_message,
)
from tests.factories import InitiativeFactory, UserFactory
from tests.fund.factories import ContributionFactory, FunderFactory, RoundFactory
from tests.fund.factories_decisions import committee_member
from tests.fund.factories_payouts import image_bytes, treasurer_user

pytestmark = pytest.mark.browser

TITLE = "Samen koken in de Dichterswijk"
INITIATIVE = "Buurtkamer Oog in Al"
REASON = "Een goed plan voor de wijk; de boodschappen kunnen wat zuiniger."


def sign_in_as(page: Page, portal: str, user: User) -> None:
    """Another person at the same browser: the previous one's session gone first."""
    page.context.clear_cookies()
    log_in_as(page, portal, user)


def forged_post(page: Page, url: str, data: dict[str, str]) -> tuple[int, str]:
    """A POST the page offers no button for, sent with the browser's session and CSRF token (as
    someone who copied a form would); returns the status and the page's text."""
    token = next(
        c["value"] for c in page.context.cookies() if c["name"] == django_settings.CSRF_COOKIE_NAME
    )
    response = page.request.post(url, form=data, headers={"X-CSRFToken": token})
    return response.status, response.text()


def mails_to(user: User) -> list[mail.EmailMessage]:
    return [m for m in mail.outbox if m.to == [user.email]]


def test_an_application_goes_from_draft_to_a_settled_grant_in_the_open(
    portal: str, page: Page, desktop_page: Page, check: Check
) -> None:
    # The people: an initiative with two members, three committee members (one of them also a
    # member of the initiative), two treasurers.
    samira = UserFactory(name="Samira Bouzid", email="samira@example.nl")
    joost = UserFactory(name="Joost Verbeek", email="joost@example.nl")
    initiative = InitiativeFactory(name=INITIATIVE, admin=samira)
    Membership.objects.create(initiative=initiative, user=joost)
    anna = committee_member(name="Anna de Vries", email="anna@example.nl")
    bram = committee_member(name="Bram Jansen", email="bram@example.nl")
    cees = committee_member(name="Cees Bakker", email="cees@example.nl")
    Membership.objects.create(initiative=initiative, user=cees)
    petra = treasurer_user(name="Petra Penning", email="petra@example.nl")
    tom = treasurer_user(name="Tom de Munt", email="tom@example.nl")
    # The money: a province's contribution, 10.000 euros of it in an open round.
    province = ContributionFactory(
        funder=FunderFactory(name="Provincie Utrecht", slug="provincie-utrecht"),
        amount_cents=25_000_00,
    )
    round_ = RoundFactory(
        name="Winterronde 2026",
        slug="winterronde-2026",
        max_per_application_cents=2_500_00,
        min_reviews=2,
        budget_cents=10_000_00,
        budget_cents__contributions=[province],
    )

    # --- 1. Samira, on her phone, drafts and submits the application. ---
    member = page
    log_in_as(member, portal, samira)
    member.goto(f"{portal}/fund/rounds/{round_.slug}/")
    says_in_dutch(member.get_by_role("heading", level=1), "Winterronde 2026")
    check(member, "round")
    member.get_by_role("link", name=f"Aanvragen voor {INITIATIVE}").click()
    expect(member).to_have_url(f"{portal}/fund/rounds/{round_.slug}/apply/")
    says_in_dutch(member.get_by_role("heading", level=1), "Aanvragen in de ronde")
    member.locator("#id_title").fill(TITLE)
    member.locator("#id_summary").fill("Elke maand koken buren samen voor wie alleen is.")
    member.locator("#id_plan").fill("We huren de keuken van het buurthuis en koken met tien buren.")
    member.locator("#id_why").fill("Veel ouderen in de wijk eten alleen.")
    member.locator("#id_for_whom").fill("Ouderen en alleenstaanden, zo'n dertig mensen.")
    for index, (what, amount) in enumerate(
        [("Huur keuken, 10 avonden", "400"), ("Boodschappen", "550"), ("Schorten", "50")]
    ):
        member.locator(f"#id_lines-{index}-description").fill(what)
        member.locator(f"#id_lines-{index}-amount").fill(amount)
    check(member, "apply-form")
    member.get_by_role("button", name="Concept bewaren").click()
    says_in_dutch(status_message(member), "Bewaard als concept")
    expect(member.get_by_role("heading", level=1)).to_have_text(TITLE)
    says_in_dutch(member.get_by_role("main"), "€\xa01.000,00")
    check(member, "draft")
    application = Application.objects.get(title=TITLE)
    assert application.status == Application.Status.DRAFT
    assert application.amount_cents == 1_000_00

    member.get_by_role("link", name="Indienen", exact=True).click()
    check(member, "submit")
    member.get_by_role("button", name="De aanvraag indienen").click()
    says_in_dutch(status_message(member), "Ingediend.")
    check(member, "submitted")
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED

    # --- 2. Two committee members review it; the third is recused. ---
    committee = desktop_page

    def review_it(person: User, scores: list[str], advice: str, name: str) -> None:
        sign_in_as(committee, portal, person)
        committee.goto(f"{portal}/fund/committee/")
        work = committee.get_by_role("main")
        work.get_by_role("link", name=TITLE).first.click()
        expect(committee).to_have_url(f"{portal}/fund/applications/{application.pk}/review/")
        expect(committee.locator("h1")).to_contain_text(TITLE)
        for position, score in enumerate(scores):
            committee.get_by_label(score).nth(position).check()
        committee.get_by_role("radio", name=advice).check()
        if advice == "Gedeeltelijk toekennen":
            committee.locator("#id_amount").fill("900")
        committee.locator("#id_comment").fill(f"Beoordeeld door {person.name}.")
        check(committee, f"review-{name}")
        committee.get_by_role("button", name="Beoordeling indienen (definitief)").click()
        says_in_dutch(status_message(committee), "Je beoordeling is ingediend")
        check(committee, f"reviewed-{name}")

    review_it(bram, ["5 – uitstekend", "4 – goed"], "Helemaal toekennen", "bram")
    review_it(anna, ["4 – goed", "3 – redelijk"], "Gedeeltelijk toekennen", "anna")
    # Anna, having submitted hers, reads Bram's.
    expect(committee.get_by_role("main")).to_contain_text("Beoordeeld door Bram Jansen.")
    assert Review.objects.filter(application=application, submitted_at__isnull=False).count() == 2

    # Cees sees the application only under "you take no part in", and is refused the rest.
    sign_in_as(committee, portal, cees)
    committee.goto(f"{portal}/fund/committee/")
    says_in_dutch(committee.get_by_role("main"), "Hier doe je niet aan mee")
    expect(committee.get_by_role("main").get_by_role("link", name=TITLE)).to_have_count(0)
    check(committee, "committee-recused")
    for action in ("review", "decide"):
        response = committee.goto(f"{portal}/fund/applications/{application.pk}/{action}/")
        assert response is not None
        assert response.status == 403
        says_in_dutch(
            committee.get_by_role("main"),
            "Je doet niet mee aan dit besluit: je bent lid van het aanvragende initiatief.",
        )
        expect(committee.locator("form[action*='/fund/applications/']")).to_have_count(0)
    check(committee, "decide-recused")
    committee.goto(f"{portal}/fund/ties/")  # a page with a form: the CSRF cookie is set
    forged = forged_post(
        committee,
        f"{portal}/fund/applications/{application.pk}/decide/",
        {"outcome": "award", "reason": "Ik vind het een mooi plan."},
    )
    assert forged[0] == 403
    assert "Je doet niet mee aan dit besluit" in forged[1]  # not a CSRF failure
    assert not Decision.objects.exists()

    # --- 3. Anna, who reviewed it, awards it in part with a reason. ---
    sign_in_as(committee, portal, anna)
    committee.goto(f"{portal}/fund/committee/")
    committee.get_by_role("main").locator(
        f"a[href='/fund/applications/{application.pk}/decide/']"
    ).click()
    expect(committee.locator("h1")).to_contain_text(TITLE)
    check(committee, "decide")
    committee.get_by_role("radio", name="Gedeeltelijk toekennen").check()
    committee.locator("#id_amount").fill("900")
    committee.locator("#id_reason").fill(REASON)
    committee.get_by_role("button", name="Besluit bevestigen").click()
    says_in_dutch(status_message(committee), "nummer 1 op de besluitenlijst")
    check(committee, "decided")
    application.refresh_from_db()
    assert application.status == Application.Status.AWARDED
    grant = Grant.objects.get(application=application)
    assert grant.awarded_cents == 900_00 < FULL_REPORT_FROM_CENTS  # the short report applies
    decision = Decision.objects.get(application=application)
    assert [(r.user, r.reason) for r in Recusal.objects.filter(decision=decision)] == [
        (cees, Recusal.Reason.APPLICANT)
    ]

    # The initiative's members (Cees among them, as a member) get the decision with its reason.
    for person in (samira, joost, cees):
        (decided,) = [m for m in mails_to(person) if m.subject.startswith("Besluit over")]
        assert decided.subject == f"Besluit over “{TITLE}”: toegekend"
        assert REASON in decided.body
        assert "€\xa0900,00" in decided.body or "€ 900,00" in decided.body, decided.body
        assert link_in(decided.body, f"/fund/rounds/{round_.slug}/decisions/").startswith(portal)
    assert not [m for m in mails_to(anna) + mails_to(bram) if m.subject.startswith("Besluit")]

    # --- 4. Petra proposes the payout; she cannot approve it; Tom approves it. ---
    treasurer = desktop_page
    sign_in_as(treasurer, portal, petra)
    treasurer.goto(f"{portal}/fund/payouts/")
    check(treasurer, "payouts")
    to_pay = treasurer.get_by_role("row").filter(has_text=TITLE)
    expect(to_pay).to_contain_text("€\xa0900,00")
    to_pay.get_by_role("link", name="Stel een uitbetaling voor").click()
    expect(treasurer.locator("h1")).to_have_text("Stel een uitbetaling voor")
    treasurer.locator("#id_amount").fill("900")
    treasurer.locator("#id_description").fill("In één keer")
    check(treasurer, "propose")
    treasurer.get_by_role("button", name="Stel de uitbetaling voor").click()
    says_in_dutch(status_message(treasurer), "is voorgesteld")
    payout = Payout.objects.get(grant=grant)
    assert payout.status == Payout.Status.PROPOSED
    says_in_dutch(
        treasurer.get_by_role("main"),
        "Jij stelde deze uitbetaling voor: iemand anders keurt hem goed.",
    )
    check(treasurer, "proposed")
    treasurer.goto(f"{portal}/fund/payouts/{payout.pk}/approve/")
    says_in_dutch(
        treasurer.get_by_role("main"),
        "Jij stelde deze uitbetaling voor: iemand anders keurt hem goed.",
    )
    expect(treasurer.get_by_role("button", name="Keur de uitbetaling goed")).to_have_count(0)
    check(treasurer, "approve-own")
    status, text = forged_post(treasurer, f"{portal}/fund/payouts/{payout.pk}/approve/", {})
    assert status == 403
    assert "Iemand anders moet de uitbetaling goedkeuren die jij voorstelde." in text
    payout.refresh_from_db()
    assert payout.status == Payout.Status.PROPOSED

    # The second pair of eyes: Tom, from the e-mail (which neither Petra nor Cees got).
    (to_tom,) = [m for m in mails_to(tom) if "/fund/payouts/" in m.body]
    assert not [m for m in mails_to(petra) + mails_to(cees) if f"/payouts/{payout.pk}/" in m.body]
    sign_in_as(treasurer, portal, tom)
    treasurer.goto(link_in(to_tom.body, f"/fund/payouts/{payout.pk}/approve/"))
    expect(treasurer.locator("h1")).to_have_text("Een uitbetaling goedkeuren")
    says_in_dutch(treasurer.get_by_role("main"), "Petra Penning")
    check(treasurer, "approve")
    treasurer.get_by_role("button", name="Keur de uitbetaling goed").click()
    says_in_dutch(status_message(treasurer), "Goedgekeurd")
    check(treasurer, "approved")
    payout.refresh_from_db()
    grant.refresh_from_db()
    assert (payout.status, payout.proposed_by, payout.approved_by) == (
        Payout.Status.APPROVED,
        petra,
        tom,
    )
    assert grant.paid_cents == 900_00

    # --- 5. Samira reports, on her phone, from the e-mail that announced the money. ---
    (paid_mail,) = [m for m in mails_to(samira) if f"/fund/grants/{grant.pk}/report/" in m.body]
    member.goto(link_in(paid_mail.body, f"/fund/grants/{grant.pk}/report/"))
    says_in_dutch(member.get_by_role("main"), "Een kort verhaal, een foto en een paar cijfers")
    expect(member.locator("input[type='file'][name='receipts']")).to_have_count(0)
    check(member, "report")
    member.locator("#id_story").fill(
        "Tien avonden kookten we met buren. Er kwamen steeds nieuwe mensen bij, ook van verder weg."
    )
    member.locator("#id_photo").set_input_files(
        {"name": "tafel.jpg", "mimeType": "image/jpeg", "buffer": image_bytes("JPEG", (640, 480))}
    )
    member.locator("#id_photo_description").fill("Buren aan een lange tafel in het buurthuis")
    member.locator("#id_people_reached").fill("85")
    member.locator("#id_volunteers").fill("9")
    member.locator("#id_volunteer_hours").fill("120")
    member.get_by_role("button", name="Dien de verantwoording in").click()
    says_in_dutch(status_message(member), "ingediend")
    check(member, "report-submitted")
    report = Report.objects.get(grant=grant)
    assert report.status == Report.Status.SUBMITTED

    # --- 6. Bram accepts it, from the e-mail the committee got. ---
    (to_bram,) = [m for m in mails_to(bram) if f"/fund/grants/{grant.pk}/report/review/" in m.body]
    assert not [m for m in mails_to(cees) if "/report/review/" in m.body]
    sign_in_as(committee, portal, bram)
    committee.goto(link_in(to_bram.body, f"/fund/grants/{grant.pk}/report/review/"))
    says_in_dutch(committee.get_by_role("main"), "Tien avonden kookten we met buren")
    check(committee, "report-review")
    committee.get_by_role(
        "radio", name="De verantwoording goedkeuren: de toekenning is dan afgerond"
    ).check()
    committee.locator("#id_note").fill("Mooi gedaan, dank jullie wel!")
    committee.get_by_role("button", name="Verstuur het besluit").click()
    says_in_dutch(status_message(committee), "afgerond")
    check(committee, "report-accepted")
    grant.refresh_from_db()
    assert grant.status == Grant.Status.SETTLED
    report.refresh_from_db()
    assert report.status == Report.Status.ACCEPTED

    # --- 7. A visitor, on a phone, sees where the money went and who took no part. ---
    visitor = member
    visitor.context.clear_cookies()
    visitor.goto(f"{portal}/fund/grants/")
    says_in_dutch(visitor.get_by_role("heading", level=1), "Waar het geld naartoe ging")
    row = visitor.locator(".fund-grant").filter(has_text=TITLE)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(INITIATIVE)
    expect(row).to_contain_text("€\xa0900,00")
    expect(row).to_contain_text("Provincie Utrecht")
    says_in_dutch(row, "Afgerond")
    says_in_dutch(row.locator(".fund-badge--ok"), "goedgekeurd")
    expect(row).not_to_contain_text("Samira")  # no personal data
    check(visitor, "grants")
    row.get_by_role("link", name=TITLE).click()
    expect(visitor).to_have_url(f"{portal}{grant.get_absolute_url()}")
    expect(visitor.get_by_role("main")).to_contain_text("Tien avonden kookten we met buren")
    expect(visitor.get_by_role("main")).not_to_contain_text("Beoordeeld door")  # no reviews
    check(visitor, "grant")

    visitor.goto(f"{portal}/fund/rounds/{round_.slug}/decisions/")
    decisions = visitor.get_by_role("main")
    expect(decisions).to_contain_text(TITLE)
    expect(decisions).to_contain_text(REASON)
    says_in_dutch(
        decisions,
        "Cees Bakker doet niet mee aan dit besluit (lid van het aanvragende initiatief).",
    )
    expect(decisions).to_contain_text(Decision.objects.get().hash)
    expect(decisions).not_to_contain_text(cees.email)
    check(visitor, "decision-list")
    assert re.fullmatch(r"[0-9a-f]{64}", decision.hash)

    print(
        "\nfund journey:",
        f"application {application.pk} '{TITLE}' of {INITIATIVE}",
        f"reviews by {bram.name} and {anna.name}, {cees.name} recused ({decision.hash[:12]}...)",
        f"awarded {euros(grant.awarded_cents)} of {euros(application.amount_cents)} asked",
        f"payout proposed by {petra.name}, approved by {tom.name}",
        f"report {report.status}, grant {grant.status}",
        f"{len(mail.outbox)} e-mails",
        sep="\n  ",
    )
