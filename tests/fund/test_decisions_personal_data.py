"""A person's reviews, ties and decisions are in their data download; deleting the account keeps
the reviews and the decision list without them, and the chain still holds."""

import pytest

from accounts.deletion import delete_account
from accounts.models import User
from accounts.personal_data import export_personal_data
from fund.decision_list import verify
from fund.decisions import decide
from fund.models import Decision, Recusal, Review, Tie
from initiatives.models import Membership
from tests.factories import InitiativeFactory
from tests.fund.factories_decisions import committee_member, ready_application, tie

pytestmark = pytest.mark.django_db


def test_export_and_deletion(fund_committee: User) -> None:
    colleague = committee_member(name="Cor")
    application = ready_application([fund_committee, colleague], title="Buurtbus")
    tie(fund_committee, InitiativeFactory(name="Tuin Oost"), "Mijn broer is er voorzitter.")
    recused = committee_member(name="Ria")
    Membership.objects.create(initiative=application.initiative, user=recused)
    decide(application, outcome="reject", cents=0, reason="Te duur.", by=fund_committee)

    mine = export_personal_data(fund_committee)["fund"]
    assert mine["reviews"][0]["application"] == "Buurtbus"
    assert [(s["criterion"], s["score"]) for s in mine["reviews"][0]["scores"]] == [
        ("Past bij de buurt", 4),
        ("Haalbaar plan", 4),
    ]
    assert mine["ties"][0]["description"] == "Mijn broer is er voorzitter."
    assert mine["decisions"][0]["number"] == 1
    theirs = export_personal_data(recused)["fund"]
    assert [(r["round"], r["number"], r["reason"]) for r in theirs["took_no_part_in"]] == [
        (application.round.name, 1, "applicant")
    ]

    delete_account(fund_committee)
    delete_account(recused)
    assert Decision.objects.get().decided_by is None
    assert Review.objects.filter(reviewer=None).count() == 1
    assert Recusal.objects.get().user is None
    assert not Tie.objects.exists()
    assert verify() == []
