"""The fund in "my account", the data download and account deletion: a person's applications,
reviews and ties are theirs to see and download; deleting an account keeps the fund's records
(applications, reviews, decisions, payouts, the ledger) without the person."""

import json
import re
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from accounts.deletion import delete_account
from accounts.models import User
from fund.ledger import derived_mismatches, record_contribution
from fund.models import (
    Application,
    ApplicationRevision,
    Contribution,
    Decision,
    LedgerEntry,
    Payout,
    Recusal,
    Review,
    Score,
    Tie,
)
from initiatives.models import Initiative, Membership
from tests.factories import InitiativeFactory, UserFactory
from tests.fund.factories import (
    ApplicationFactory,
    FunderFactory,
    RoundFactory,
    submitted_application,
)
from tests.fund.factories_portal import decided, paid

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("aanvraag")</script>=HYPERLINK("http://x")'


def text_of(response: object) -> str:
    html = response.content.decode()  # type: ignore[attr-defined]
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("\xa0", " ").split())


def reviewed(application: Application, reviewer: User, comment: str = "Sterk plan.") -> Review:
    review = Review.objects.create(
        application=application,
        reviewer=reviewer,
        recommendation=Review.Recommendation.PART,
        recommended_cents=750_50,
        comment=comment,
        submitted_at=application.submitted_at,
    )
    for criterion, score in zip(application.round.criteria.all(), (4, 5), strict=True):
        Score.objects.create(review=review, criterion=criterion, score=score)
    return review


def contribution_by(treasurer: User, cents: int) -> Contribution:
    contribution = Contribution.objects.create(
        funder=FunderFactory(),
        amount_cents=cents,
        received_on="2026-03-01",
        reference="PU-1",
        recorded_by=treasurer,
    )
    record_contribution(contribution, by=treasurer)
    return contribution


def export_of(client: Client, user: User) -> dict:
    client.force_login(user)
    response = client.get("/my-account/export/")
    return json.loads(response.content)["fund"]


def test_the_download_holds_a_members_applications(client: Client, member: User) -> None:
    x = InitiativeFactory(name="Buurtkracht X", admin=member)
    round_ = RoundFactory(name="Ontmoeten", budget_cents=5_000_00)
    ApplicationFactory(round=round_, initiative=x, created_by=member, title=HOSTILE)
    submitted_application(
        round=round_, initiative=x, created_by=member, title="Wandelen", amount_cents=1_250_50
    )
    ApplicationFactory(round=round_, initiative=x, title="Door een ander lid geschreven")

    data = export_of(client, member)

    assert [(a["title"], a["status"]) for a in data["applications"]] == [
        (HOSTILE, "draft"),
        ("Wandelen", "submitted"),
    ]
    wandelen = data["applications"][1]
    assert wandelen["amount_asked_cents"] == 1_250_50
    assert wandelen["amount_asked"] == "1250.50"
    assert wandelen["initiative"] == "Buurtkracht X"
    assert wandelen["round"] == "Ontmoeten"
    assert wandelen["submitted_at"]
    assert data["reviews"] == data["ties"] == data["decisions"] == data["payouts"] == []


def test_the_download_holds_a_reviewers_reviews_ties_and_decisions(
    client: Client, fund_committee: User
) -> None:
    application = submitted_application(title="Kookclub", amount_cents=1_000_00)
    reviewed(application, fund_committee, comment="Mooi plan, " + HOSTILE)
    decided(application, "part", 750_50, by=fund_committee, reason="Deels, voor de boodschappen.")
    Tie.objects.create(
        user=fund_committee,
        initiative=InitiativeFactory(name="Zegveld Zorgt"),
        description="Mijn buurvrouw is er vrijwilliger.",
    )

    data = export_of(client, fund_committee)

    [review] = data["reviews"]
    assert review["application"] == "Kookclub"
    assert review["recommendation"] == "part"
    assert (review["recommended_cents"], review["recommended"]) == (750_50, "750.50")
    assert review["comment"] == "Mooi plan, " + HOSTILE
    assert [(s["criterion"], s["weight"], s["score"]) for s in review["scores"]] == [
        ("Past bij de buurt", 2, 4),
        ("Haalbaar plan", 1, 5),
    ]
    assert data["ties"][0]["initiative"] == "Zegveld Zorgt"
    assert data["ties"][0]["ended_at"] is None
    [decision] = data["decisions"]
    assert (decision["outcome"], decision["amount_cents"], decision["amount"]) == (
        "part",
        750_50,
        "750.50",
    )
    assert decision["reason"] == "Deels, voor de boodschappen."


def test_the_download_holds_a_treasurers_money_work(
    client: Client, treasurer: User, fund_committee: User
) -> None:
    contribution = contribution_by(treasurer, 2_000_00)
    round_ = RoundFactory(budget_cents=2_000_00, budget_cents__contributions=[contribution])
    grant = decided(submitted_application(round=round_), by=fund_committee)
    assert grant is not None
    paid(grant, 400_00, proposed_by=treasurer, approved_by=fund_committee)

    data = export_of(client, treasurer)

    assert data["contributions_recorded"][0]["amount"] == "2000.00"
    [payout] = data["payouts"]
    assert payout["you_proposed"] is True
    assert payout["you_approved"] is False
    assert payout["amount_cents"] == 400_00
    assert data["ledger_entries_recorded"] == 1
    assert export_of(client, fund_committee)["payouts"][0]["you_approved"] is True


def test_my_account_lists_the_applications_of_my_initiatives(
    client: Client, member: User, plain_member: User, other_member: User
) -> None:
    x = InitiativeFactory(name="Buurtkracht X", admin=member)
    Membership.objects.create(initiative=x, user=plain_member)
    y = InitiativeFactory(name="Samen Y", admin=other_member)
    round_ = RoundFactory(name="Ontmoeten")
    ApplicationFactory(round=round_, initiative=x, created_by=member, title=HOSTILE)
    submitted_application(
        round=round_,
        initiative=x,
        created_by=plain_member,
        title="Wandelgroep",
        amount_cents=900_00,
    )
    ApplicationFactory(round=round_, initiative=y, title="Van Samen Y")

    client.force_login(member)
    response = client.get("/my-account/")
    html, text = response.content.decode(), text_of(response)

    assert "Aanvragen van je initiatieven" in text
    assert "Wandelgroep Buurtkracht X · Ontmoeten · € 900,00 · Ingediend" in text
    assert escape(HOSTILE) in html
    assert "<script>alert" not in html
    assert "Van Samen Y" not in text


def test_my_account_says_when_nothing_was_applied_for(client: Client, member: User) -> None:
    InitiativeFactory(admin=member)
    client.force_login(member)
    assert "Je initiatieven hebben nog niets aangevraagd" in text_of(client.get("/my-account/"))


def test_a_person_without_initiative_or_role_sees_no_fund_panel(
    client: Client, person: User
) -> None:
    client.force_login(person)
    assert 'id="my-fund"' not in client.get("/my-account/").content.decode()


def test_my_account_shows_a_reviewers_reviews_and_ties(
    client: Client, fund_committee: User
) -> None:
    reviewed(submitted_application(title="Kookclub"), fund_committee)
    Review.objects.create(
        application=submitted_application(title="Klusdienst"), reviewer=fund_committee
    )
    Tie.objects.create(
        user=fund_committee, initiative=InitiativeFactory(name="Zegveld Zorgt"), description=HOSTILE
    )
    client.force_login(fund_committee)
    response = client.get("/my-account/")
    text = text_of(response)
    # The newest first.
    assert re.search(r"Jouw beoordelingen Klusdienst .* Kookclub", text)
    assert "nog niet ingediend" in text
    assert "Jouw gemelde banden" in text
    assert "Zegveld Zorgt" in text
    assert escape(HOSTILE) in response.content.decode()
    assert "Jouw werk voor het fonds" in text


def test_my_account_needs_the_same_queries_for_few_and_many(
    client: Client, fund_committee: User, treasurer: User
) -> None:
    initiative = InitiativeFactory(admin=fund_committee)

    def add(number: int) -> None:
        for _ in range(number):
            ApplicationFactory(initiative=initiative, round=RoundFactory())
            reviewed(submitted_application(), fund_committee)
            Tie.objects.create(
                user=fund_committee, initiative=InitiativeFactory(), description="Ja"
            )
            contribution_by(fund_committee, 100_00)

    add(2)
    client.force_login(fund_committee)
    client.get("/my-account/")  # the first page after logging in writes the session
    with CaptureQueriesContext(connection) as few:
        assert client.get("/my-account/").status_code == 200
    add(20)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/my-account/").status_code == 200
    assert len(many) == len(few), "\n".join(q["sql"][:120] for q in many)


def test_deleting_a_treasurer_keeps_the_money_without_them(
    treasurer: User, fund_committee: User
) -> None:
    contribution = contribution_by(treasurer, 3_000_00)
    round_ = RoundFactory(budget_cents=3_000_00, budget_cents__contributions=[contribution])
    grant = decided(submitted_application(round=round_), by=fund_committee)
    assert grant is not None
    approved = paid(grant, 500_00, proposed_by=treasurer, approved_by=fund_committee)
    waiting = Payout.objects.create(
        grant=grant, amount_cents=100_00, idempotency_key=uuid.uuid4(), proposed_by=treasurer
    )
    entries = list(LedgerEntry.objects.order_by("pk").values_list("kind", "amount_cents"))
    pk = treasurer.pk

    delete_account(treasurer)

    assert not User.objects.filter(pk=pk).exists()
    contribution.refresh_from_db()
    assert contribution.recorded_by is None
    assert list(LedgerEntry.objects.order_by("pk").values_list("kind", "amount_cents")) == entries
    assert not LedgerEntry.objects.filter(recorded_by_id=pk).exists()
    assert LedgerEntry.objects.filter(recorded_by=None).count() == 2  # money in, and its round
    approved.refresh_from_db()
    waiting.refresh_from_db()
    assert (approved.proposed_by, approved.approved_by, approved.status) == (
        None,
        fund_committee,
        Payout.Status.APPROVED,
    )
    assert (waiting.proposed_by, waiting.status) == (None, Payout.Status.PROPOSED)
    assert list(derived_mismatches()) == []


def test_deleting_a_committee_member_keeps_reviews_and_decisions_without_them(
    fund_committee: User, treasurer: User, member: User
) -> None:
    x = InitiativeFactory(admin=member)
    colleague = UserFactory()
    Membership.objects.create(initiative=x, user=fund_committee)
    Tie.objects.create(user=fund_committee, initiative=InitiativeFactory(), description="Buren")
    first = submitted_application(round=RoundFactory(budget_cents=5_000_00))
    review = reviewed(first, fund_committee)
    grant = decided(first, by=fund_committee)
    assert grant is not None
    paid(grant, 200_00, proposed_by=treasurer, approved_by=fund_committee)
    # On an application of their own initiative they took no part: the list names the recusal.
    own = submitted_application(round=first.round, initiative=x)
    decided(own, "reject", by=colleague, committee=[colleague, fund_committee])
    decisions = list(Decision.objects.order_by("pk").values_list("hash", "content"))

    took_no_part = export_of(Client(), fund_committee)["took_no_part_in"]
    assert [(r["application"], r["reason"]) for r in took_no_part] == [(own.title, "applicant")]

    delete_account(fund_committee)

    review.refresh_from_db()
    assert review.reviewer is None
    assert review.comment == "Sterk plan."
    assert review.scores.count() == 2
    assert list(Decision.objects.order_by("pk").values_list("hash", "content")) == decisions
    assert Decision.objects.get(application=first).decided_by is None
    recusal = Recusal.objects.get(decision__application=own)
    assert (recusal.user, recusal.reason) == (None, Recusal.Reason.APPLICANT)
    assert Payout.objects.get().approved_by is None
    assert not Tie.objects.exists()
    assert list(derived_mismatches()) == []


def test_deleting_a_member_who_applied_keeps_the_application_with_the_initiative(
    member: User, plain_member: User
) -> None:
    x = InitiativeFactory(admin=member)
    Membership.objects.create(initiative=x, user=plain_member, role=Membership.Role.ADMIN)
    application = submitted_application(initiative=x, created_by=member)
    ApplicationRevision.objects.create(
        application=application, number=1, content={"title": application.title}, created_by=member
    )
    draft = ApplicationFactory(initiative=x, created_by=member)

    delete_account(member)

    application.refresh_from_db()
    draft.refresh_from_db()
    assert application.created_by is None
    assert application.initiative == x
    assert application.status == Application.Status.SUBMITTED
    assert application.revisions.get().created_by is None
    assert draft.created_by is None
    assert Initiative.objects.get(pk=x.pk).memberships.get().user == plain_member


def test_the_deletion_page_says_what_stays_of_the_fund(
    client: Client, fund_committee: User
) -> None:
    reviewed(submitted_application(), fund_committee)
    client.force_login(fund_committee)
    text = text_of(client.get("/my-account/delete/"))
    assert "Jouw deel in het gemeenschapsfonds" in text
    assert "als beoordelingen van een oud-lid" in text
    assert "De aanvragen die jij schreef" not in text


def test_the_deletion_page_says_nothing_of_the_fund_to_others(client: Client, person: User) -> None:
    client.force_login(person)
    assert "gemeenschapsfonds" not in text_of(client.get("/my-account/delete/"))
