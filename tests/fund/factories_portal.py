"""The portal part's helpers: a decision on a round's list and an approved payout, written as the
demo writes them (fund/demo.py), through the fund's core."""

import uuid

from django.utils import timezone

from accounts.models import User
from fund.demo import approve_payout, decide
from fund.models import Application, Grant, Payout


def decided(
    application: Application,
    outcome: str = "award",
    cents: int | None = None,
    *,
    by: User,
    committee: list[User] | None = None,
    reason: str = "Past goed bij de ronde.",
) -> Grant | None:
    amount = 0 if outcome == "reject" else (cents or application.amount_cents)
    return decide(
        application,
        outcome,
        amount,
        reason,
        by=by,
        committee=committee or [by],
        at=timezone.now(),
    )


def paid(grant: Grant, cents: int, *, proposed_by: User, approved_by: User) -> Payout:
    payout = Payout.objects.create(
        grant=grant,
        amount_cents=cents,
        description="Eerste deel",
        idempotency_key=uuid.uuid4(),
        proposed_by=proposed_by,
    )
    approve_payout(payout, approved_by, timezone.now())
    payout.refresh_from_db()
    return payout
