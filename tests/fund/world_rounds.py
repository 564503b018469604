"""The rounds part's objects in the access matrix's world: `fund_round_past`, a round past its
closing date with nothing waiting for a decision (the committee may close it), and
`fund_round_closed`, a closed round (slugs)."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from fund.allocation import release_round
from tests.fund.factories import RoundFactory


def build(people: dict[str, User], values: dict[str, object]) -> dict[str, object]:
    today = timezone.localdate()
    past = RoundFactory(
        name="Najaar",
        slug="najaar",
        opens_on=today - timedelta(days=60),
        closes_on=today - timedelta(days=1),
        budget_cents=1_000_00,
    )
    closed = RoundFactory(
        name="Vorig jaar",
        slug="vorig-jaar",
        opens_on=today - timedelta(days=400),
        closes_on=today - timedelta(days=340),
        budget_cents=1_000_00,
    )
    release_round(closed, by=None)
    return {"fund_round_past": past.slug, "fund_round_closed": closed.slug}
