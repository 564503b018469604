"""The decisions part's objects in the access matrix's world.

- `fund_tie`: a tie `fund_committee` declared to Y;
- `fund_recused`: a submitted application of Y, which `fund_committee` therefore takes no part in;
- `fund_ready`: a submitted application of X with two submitted reviews (one by
  `fund_committee`): ready for a decision;
- one decision on the shared round's list (a rejection), so that its pages show an entry.
"""

from accounts.models import User
from fund.decisions import decide
from fund.models import Round
from initiatives.models import Initiative
from tests.fund.factories import submitted_application
from tests.fund.factories_decisions import committee_member, ready_application, tie


def build(people: dict[str, User], values: dict[str, object]) -> dict[str, object]:
    x = Initiative.objects.get(slug=values["x"])
    y = Initiative.objects.get(slug=values["y"])
    round_ = Round.objects.get(slug=values["fund_round"])
    colleague = committee_member(email="collega-commissie@example.nl", name="Cor Collega")
    declared = tie(people["fund_committee"], y, "Mijn buurvrouw zit in het bestuur.")
    recused = submitted_application(round=round_, initiative=y, created_by=people["other_member"])
    reviewers = [people["fund_committee"], colleague]
    ready = ready_application(reviewers, round=round_, initiative=x, created_by=people["member"])
    decided = ready_application(reviewers, round=round_, initiative=x, created_by=people["member"])
    decide(decided, outcome="reject", cents=0, reason="Past niet bij de ronde.", by=colleague)
    return {"fund_tie": declared.pk, "fund_recused": recused.pk, "fund_ready": ready.pk}
