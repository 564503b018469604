"""Deciding at the same moment, over HTTP, with real parallel connections: two committee members
awarding against a round with money for one; a double-clicked decision; an award and a rejection
at once. The budget is never passed, the decision list is numbered without gaps, and each
person gets a clear answer."""

from collections.abc import Callable

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from accounts.models import User
from fund.decision_list import verify
from fund.ledger import derived_mismatches
from fund.models import Application, Decision, Grant, Round
from tests.concurrency import all_at_once
from tests.fund.factories import RoundFactory
from tests.fund.factories_decisions import committee_member, ready_application

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post_decision(client: Client, application: Application, **data: str) -> Callable[[], object]:
    return lambda: client.post(f"/fund/applications/{application.pk}/decide/", data)


def said(client: Client, response: object) -> str:
    """What the person reads: the page itself, or the messages of the page they are sent to."""
    if response.status_code == 302:  # type: ignore[attr-defined]
        return " ".join(str(m) for m in get_messages(response.wsgi_request))  # type: ignore[attr-defined]
    return response.content.decode()  # type: ignore[attr-defined]


def test_two_members_awarding_at_once_never_pass_the_budget() -> None:
    anna, bram = committee_member(name="Anna"), committee_member(name="Bram")
    round_ = RoundFactory(budget_cents=1_000_00)
    first, second = (
        ready_application([anna, bram], round=round_, amount_cents=700_00) for _ in range(2)
    )
    clients = [signed_in(anna), signed_in(bram)]
    outcomes = all_at_once(
        post_decision(clients[0], first, outcome="award", reason="Goed plan."),
        post_decision(clients[1], second, outcome="award", reason="Ook goed."),
    )
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    statuses = sorted(o.status_code for o in outcomes)  # type: ignore[attr-defined]
    # One is sent on with its decision; the other stays on the form, told why, next to the amount.
    assert statuses == [200, 302]
    refused = next(o for o in outcomes if o.status_code == 200)  # type: ignore[attr-defined]
    content = refused.content.decode()  # type: ignore[attr-defined]
    assert "€\xa0300,00" in content
    assert "amount_error" in content
    granted = next(o for o in outcomes if o.status_code == 302)  # type: ignore[attr-defined]
    assert "nummer 1 op de besluitenlijst" in said(clients[0], granted)

    assert Grant.objects.count() == 1
    assert Decision.objects.count() == 1
    round_.refresh_from_db()
    assert round_.awarded_cents == 700_00 <= round_.budget_cents
    assert sorted(Application.objects.values_list("status", flat=True)) == [
        "awarded",
        "submitted",
    ]
    assert list(derived_mismatches()) == []
    assert verify() == []


def test_many_decisions_at_once_are_numbered_without_gaps() -> None:
    members = [committee_member() for _ in range(2)]
    round_ = RoundFactory(budget_cents=1_000_00)
    applications = [ready_application(members, round=round_, amount_cents=400_00) for _ in range(4)]
    clients = [signed_in(members[i % 2]) for i in range(4)]
    outcomes = all_at_once(
        *[
            post_decision(
                client,
                application,
                outcome="award" if i < 3 else "reject",
                reason=f"Reden {i}",
            )
            for i, (client, application) in enumerate(zip(clients, applications, strict=True))
        ]
    )
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    assert all(o.status_code in (200, 302) for o in outcomes)  # type: ignore[attr-defined]
    numbers = list(Decision.objects.filter(round=round_).values_list("number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))
    # Money for two awards of 400: the third award is refused; the rejection always goes through.
    assert Grant.objects.count() == 2
    assert len(numbers) == 3
    round_ = Round.objects.get(pk=round_.pk)
    assert round_.awarded_cents == 800_00
    assert list(derived_mismatches()) == []
    assert verify() == []


def test_a_double_clicked_decision_is_one_decision() -> None:
    anna, bram = committee_member(), committee_member()
    round_ = RoundFactory(budget_cents=5_000_00)
    application = ready_application([anna, bram], round=round_, amount_cents=700_00)
    clients = [signed_in(anna), signed_in(anna)]
    outcomes = all_at_once(
        *[post_decision(c, application, outcome="award", reason="Goed plan.") for c in clients]
    )
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    assert [o.status_code for o in outcomes] == [302, 302]  # type: ignore[attr-defined]
    told = [said(c, o) for c, o in zip(clients, outcomes, strict=True)]
    assert sum("nummer 1 op de besluitenlijst" in t for t in told) == 1
    assert sum("wacht niet meer op een besluit" in t for t in told) == 1
    assert Decision.objects.count() == 1
    assert Grant.objects.count() == 1
    round_.refresh_from_db()
    assert round_.awarded_cents == 700_00
    assert list(derived_mismatches()) == []
