"""What the access matrix needs of the money part: a contribution that may be reversed
(`fund_contribution`, pk) and one reversed already (`fund_reversed`, pk)."""

from accounts.models import User
from fund.ledger import reverse_contribution
from fund.models import Funder
from tests.fund.factories import ContributionFactory


def build(people: dict[str, User], values: dict[str, object]) -> dict[str, object]:
    funder = Funder.objects.get(slug=values["fund_funder"])
    contribution = ContributionFactory(funder=funder, amount_cents=1_000_00)
    reversed_one = ContributionFactory(funder=funder, amount_cents=200_00)
    reverse_contribution(reversed_one, by=people["treasurer"], note="Dubbel ingevoerd")
    return {"fund_contribution": contribution.pk, "fund_reversed": reversed_one.pk}
