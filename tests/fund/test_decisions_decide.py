"""Deciding on an application: in full, in part, or rejecting, with a reason the applicant gets;
only once the round's rule is met; never by someone with a conflict of interest; written on the
round's decision list with the recusals."""

import hashlib
import json
from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.models import User
from fund.decision_list import GENESIS
from fund.ledger import derived_mismatches
from fund.models import Application, Decision, Grant, Recusal, Review, Round
from initiatives.models import Membership
from tests.factories import InitiativeFactory, UserFactory
from tests.fund.factories import RoundFactory, awarded_grant
from tests.fund.factories_decisions import committee_member, ready_application, review, tie

pytestmark = pytest.mark.django_db

REASON = "Een sterk plan dat veel buren bereikt."


@pytest.fixture
def deciders(fund_committee: User) -> list[User]:
    return [fund_committee, committee_member(name="Bea Beoordelaar")]


@pytest.fixture
def applicant() -> User:
    return UserFactory(email="aanvrager@example.nl")


@pytest.fixture
def ready(deciders: list[User], applicant: User) -> Application:
    initiative = InitiativeFactory(name="Buurtkracht Noord", admin=applicant)
    round_ = RoundFactory(budget_cents=5_000_00)
    return ready_application(deciders, round=round_, initiative=initiative, amount_cents=1_200_00)


def decide(client: Client, application: Application, **data: str) -> object:
    return client.post(f"/fund/applications/{application.pk}/decide/", data)


def test_awarding_in_full_reserves_the_money_and_writes_the_first_entry(
    login: Callable[[User], Client],
    fund_committee: User,
    ready: Application,
    committed: Callable,
) -> None:
    client = login(fund_committee)
    page = client.get(f"/fund/applications/{ready.pk}/decide/")
    assert "€\xa01.200,00" in page.content.decode()
    with committed():
        response = decide(client, ready, outcome="award", reason=REASON)
    assert response.status_code == 302
    ready.refresh_from_db()
    assert ready.status == Application.Status.AWARDED
    grant = Grant.objects.get(application=ready)
    assert grant.awarded_cents == 1_200_00
    assert grant.report_due_on is not None
    ready.round.refresh_from_db()
    assert ready.round.awarded_cents == 1_200_00
    decision = Decision.objects.get(application=ready)
    assert (decision.number, decision.outcome, decision.amount_cents) == (1, "award", 1_200_00)
    assert decision.previous_hash == GENESIS
    assert decision.hash == hashlib.sha256(decision.content.encode()).hexdigest()
    facts = json.loads(decision.content)
    assert facts == {
        "round": ready.round.slug,
        "number": 1,
        "application_id": ready.pk,
        "application_title": ready.title,
        "initiative": "Buurtkracht Noord",
        "municipality": "Utrecht",
        "outcome": "award",
        "amount_cents": 1_200_00,
        "reason": REASON,
        "date": timezone.localdate().isoformat(),
        "recusals": [],
        "previous_hash": GENESIS,
    }
    # Canonical: sorted keys, no spaces.
    assert decision.content == json.dumps(
        facts, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    assert list(derived_mismatches()) == []
    # The applicant's members hear it, with the reason.
    assert [m.to for m in mail.outbox] == [["aanvrager@example.nl"]]
    assert "toegekend" in mail.outbox[0].subject
    assert REASON in mail.outbox[0].body
    assert "€\xa01.200,00" in mail.outbox[0].body


def test_awarding_in_part_checks_the_amount(
    login: Callable[[User], Client], fund_committee: User, ready: Application
) -> None:
    client = login(fund_committee)
    response = decide(client, ready, outcome="part", reason=REASON)
    assert "Typ het bedrag" in response.content.decode()
    response = decide(client, ready, outcome="part", amount="1.500", reason=REASON)
    assert "€\xa01.200,00" in response.content.decode()
    assert "meer kun je niet toekennen" in response.content.decode()
    response = decide(client, ready, outcome="part", amount="-5", reason=REASON)
    assert "negatief" in response.content.decode()
    # What was typed stays.
    assert REASON in response.content.decode()
    assert not Decision.objects.exists()

    response = decide(client, ready, outcome="part", amount="750,50", reason=REASON)
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert (decision.outcome, decision.amount_cents) == ("part", 750_50)
    assert Grant.objects.get().awarded_cents == 750_50


def test_a_part_as_large_as_asked_is_an_award_in_full(
    login: Callable[[User], Client], fund_committee: User, ready: Application
) -> None:
    decide(login(fund_committee), ready, outcome="part", amount="1200", reason=REASON)
    assert Decision.objects.get().outcome == "award"


def test_rejecting_needs_a_reason_and_moves_no_money(
    login: Callable[[User], Client],
    fund_committee: User,
    ready: Application,
    committed: Callable,
) -> None:
    client = login(fund_committee)
    response = decide(client, ready, outcome="reject", reason="  ")
    assert "Schrijf de reden" in response.content.decode()
    with committed():
        response = decide(client, ready, outcome="reject", reason="Past niet bij deze ronde.")
    assert response.status_code == 302
    ready.refresh_from_db()
    assert ready.status == Application.Status.REJECTED
    decision = Decision.objects.get()
    assert (decision.outcome, decision.amount_cents) == ("reject", 0)
    assert not Grant.objects.exists()
    ready.round.refresh_from_db()
    assert ready.round.awarded_cents == 0
    assert "niet toegekend" in mail.outbox[0].subject
    assert "Past niet bij deze ronde." in mail.outbox[0].body


def test_no_decision_before_the_rounds_rule_is_met(
    login: Callable[[User], Client], fund_committee: User
) -> None:
    application = ready_application([fund_committee])  # one review; the round asks two
    client = login(fund_committee)
    page = client.get(f"/fund/applications/{application.pk}/decide/")
    assert "na 2 ingediende beoordelingen" in page.content.decode()
    assert 'name="reason"' not in page.content.decode()
    decide(client, application, outcome="award", reason=REASON)
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert not Decision.objects.exists()


def test_a_draft_review_does_not_count_and_the_decider_reviews_first(
    login: Callable[[User], Client], fund_committee: User, deciders: list[User]
) -> None:
    application = ready_application(deciders[1:])
    third = committee_member()
    review(application, third)
    review(application, fund_committee, submitted=False)
    page = login(fund_committee).get(f"/fund/applications/{application.pk}/decide/")
    assert "Dien eerst je eigen beoordeling" in page.content.decode()
    decide(login(fund_committee), application, outcome="award", reason=REASON)
    assert not Decision.objects.exists()


def test_too_little_money_is_a_message_next_to_the_amount(
    login: Callable[[User], Client], fund_committee: User, deciders: list[User]
) -> None:
    round_ = RoundFactory(budget_cents=1_000_00, max_per_application_cents=5_000_00)
    application = ready_application(deciders, round=round_, amount_cents=1_500_00)
    response = decide(login(fund_committee), application, outcome="award", reason=REASON)
    assert response.status_code == 200
    content = response.content.decode()
    assert "€\xa01.000,00" in content
    assert "amount_error" in content  # next to the amount field
    assert REASON in content
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert not Decision.objects.exists()
    assert list(derived_mismatches()) == []


def test_deciding_twice_gives_a_message_and_one_decision(
    login: Callable[[User], Client], fund_committee: User, ready: Application
) -> None:
    client = login(fund_committee)
    decide(client, ready, outcome="award", reason=REASON)
    response = decide(client, ready, outcome="reject", reason="Toch niet")
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "wacht niet meer op een besluit" in page.content.decode()
    assert Decision.objects.count() == 1
    assert Application.objects.get().status == Application.Status.AWARDED


def test_a_withdrawn_application_cannot_be_decided(
    login: Callable[[User], Client], fund_committee: User, ready: Application
) -> None:
    Application.objects.filter(pk=ready.pk).update(status=Application.Status.WITHDRAWN)
    response = decide(login(fund_committee), ready, outcome="award", reason=REASON)
    assert response.status_code == 302
    assert not Decision.objects.exists()


@pytest.mark.parametrize("how", ["applicant", "co_applicant", "tie"])
def test_a_recused_members_forged_decision_is_refused_and_changes_nothing(
    login: Callable[[User], Client], deciders: list[User], ready: Application, how: str
) -> None:
    recused = committee_member(name="Rita Recusant")
    review(ready, recused)  # reviewed before the conflict arose
    if how == "applicant":
        Membership.objects.create(initiative=ready.initiative, user=recused)
        why = "je bent lid van het aanvragende initiatief"
    elif how == "co_applicant":
        partner = InitiativeFactory()
        ready.co_applicants.add(partner)
        Membership.objects.create(initiative=partner, user=recused)
        why = "je bent lid van een initiatief dat mee aanvraagt"
    else:
        tie(recused, ready.initiative)
        why = "je hebt een band met het initiatief opgegeven"
    client = login(recused)
    response = decide(client, ready, outcome="award", reason=REASON)
    assert response.status_code == 403
    content = response.content.decode()
    assert f"Je doet niet mee aan dit besluit: {why}." in content
    assert client.get(f"/fund/applications/{ready.pk}/decide/").status_code == 403
    ready.refresh_from_db()
    assert ready.status == Application.Status.SUBMITTED
    assert not Decision.objects.exists()
    assert not Grant.objects.exists()


def test_the_recusals_are_recorded_and_named_on_the_list(
    login: Callable[[User], Client],
    fund_committee: User,
    deciders: list[User],
    ready: Application,
) -> None:
    member_of_applicant = committee_member(name="Anna Aanvrager")
    Membership.objects.create(initiative=ready.initiative, user=member_of_applicant)
    tied = committee_member(name="Tom Band")
    tie(tied, ready.initiative)
    partner = InitiativeFactory()
    ready.co_applicants.add(partner)
    co = committee_member(name="")
    Membership.objects.create(initiative=partner, user=co)
    # Not in the committee: a member of the applicant is not a recusal.
    plain = UserFactory(name="Piet Gewoon")
    Membership.objects.create(initiative=ready.initiative, user=plain)
    # An ended tie is no conflict.
    ended = committee_member(name="Eva Vroeger")
    old = tie(ended, ready.initiative)
    old.ended_at = old.declared_at
    old.save()

    decide(login(fund_committee), ready, outcome="award", reason=REASON)
    decision = Decision.objects.get()
    assert sorted(decision.recusals.values_list("user__name", "reason")) == [
        ("", Recusal.Reason.CO_APPLICANT),
        ("Anna Aanvrager", Recusal.Reason.APPLICANT),
        ("Tom Band", Recusal.Reason.TIE),
    ]
    assert json.loads(decision.content)["recusals"] == ["applicant", "co_applicant", "tie"]
    page = Client().get(f"/fund/rounds/{ready.round.slug}/decisions/").content.decode()
    assert (
        "Anna Aanvrager doet niet mee aan dit besluit (lid van het aanvragende initiatief)." in page
    )
    assert (
        "Tom Band doet niet mee aan dit besluit (heeft een band met het initiatief opgegeven)."
        in (page)
    )
    assert "Een lid van de fondscommissie doet niet mee aan dit besluit" in page
    assert co.email not in page
    assert "Piet Gewoon" not in page
    assert "Eva Vroeger" not in page


def test_the_decision_list_is_numbered_per_round(
    login: Callable[[User], Client], fund_committee: User, deciders: list[User]
) -> None:
    round_ = RoundFactory(budget_cents=5_000_00)
    other_round = RoundFactory(budget_cents=5_000_00)
    first, second = (ready_application(deciders, round=round_) for _ in range(2))
    elsewhere = ready_application(deciders, round=other_round)
    client = login(fund_committee)
    for application in (first, elsewhere, second):
        decide(client, application, outcome="reject", reason=REASON)
    numbers = list(Decision.objects.order_by("pk").values_list("round", "number"))
    assert numbers == [(round_.pk, 1), (other_round.pk, 1), (round_.pk, 2)]
    one, two = Decision.objects.filter(round=round_).order_by("number")
    assert two.previous_hash == one.hash
    assert Decision.objects.get(round=other_round).previous_hash == GENESIS


def test_hostile_text_is_escaped_on_the_page_and_kept_in_the_mail(
    login: Callable[[User], Client],
    fund_committee: User,
    deciders: list[User],
    committed: Callable,
) -> None:
    hostile = '<script>alert(1)</script> =HYPERLINK("http://x") ' + "w" * 300
    initiative = InitiativeFactory(name="<b>Buurt</b>", admin=UserFactory())
    application = ready_application(
        deciders, initiative=initiative, title="<img src=x onerror=alert(1)>\nTitel"
    )
    with committed():
        decide(login(fund_committee), application, outcome="reject", reason=hostile)
    page = Client().get(f"/fund/rounds/{application.round.slug}/decisions/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page
    assert "<b>Buurt</b>" not in page
    assert "\n" not in mail.outbox[0].subject
    assert hostile in mail.outbox[0].body


def test_a_review_of_someone_who_is_not_in_the_committee_any_more_still_counts(
    login: Callable[[User], Client], fund_committee: User
) -> None:
    gone = committee_member()
    application = ready_application([fund_committee, gone])
    gone.delete()
    assert Review.objects.filter(application=application, reviewer=None).count() == 1
    decide(login(fund_committee), application, outcome="reject", reason=REASON)
    assert Decision.objects.count() == 1


def test_only_the_committee_decides(
    login: Callable[[User], Client], treasurer: User, ready: Application, applicant: User
) -> None:
    for person in (treasurer, applicant):
        assert decide(login(person), ready, outcome="award", reason=REASON).status_code == 403
    assert not Decision.objects.exists()


def test_a_fair_spread_cap_is_a_message_next_to_the_amount(
    login: Callable[[User], Client], fund_committee: User, deciders: list[User]
) -> None:
    initiative = InitiativeFactory(name="Al Eens Geholpen")
    earlier = RoundFactory(budget_cents=1_000_00)
    awarded_grant(cents=500_00, round=earlier, initiative=initiative)
    round_ = RoundFactory(budget_cents=5_000_00, max_grants_per_year=1)
    application = ready_application(deciders, round=round_, initiative=initiative)
    response = decide(login(fund_committee), application, outcome="award", reason=REASON)
    content = response.content.decode()
    assert response.status_code == 200
    assert "amount_error" in content
    assert "Al Eens Geholpen" in content
    assert not Decision.objects.filter(application=application).exists()


def test_awarding_in_full_more_than_the_rounds_maximum_asks_for_a_part(
    login: Callable[[User], Client], fund_committee: User, deciders: list[User]
) -> None:
    round_ = RoundFactory(budget_cents=5_000_00)
    application = ready_application(deciders, round=round_, amount_cents=1_000_00)
    Round.objects.filter(pk=round_.pk).update(max_per_application_cents=800_00)
    response = decide(login(fund_committee), application, outcome="award", reason=REASON)
    assert "ken haar gedeeltelijk toe" in response.content.decode()
    assert not Decision.objects.exists()
