"""Money in: a treasurer records a contribution of a funder, or reverses one recorded by mistake.

Recording writes the contribution and its ledger entry (`fund.ledger.record_contribution`) in one
transaction. A double click, a form sent twice by a slow connection, or a page reloaded after
sending records ONE contribution: the form carries a one-time key (a UUID made when the form is
shown), and `Contribution.idempotency_key` is unique in the database. The first request to
insert it wins; a second one, even at the same moment, waits for the first to commit, fails on
the unique index, and is answered with the contribution that the first one recorded. A Python
check alone would let two simultaneous requests both pass; the unique index does not.

A form used again for a different contribution (the back button, then other figures) carries a
key that was used already: that is not a double click, and the treasurer is asked to send it once
more with a fresh key rather than told it was recorded.

Reversing goes through `fund.ledger.reverse_contribution` (a reversing entry, never a change);
this module first refuses, with a plain message, a contribution whose money paid for a grant at
some time, even when all of it came back: a grant's trail must keep the money it was paid from.
"""

import uuid
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from accounts.models import User
from fund.errors import FundRuleError
from fund.ledger import record_contribution, reverse_contribution
from fund.models import Contribution, Funder, GrantFunding, LedgerEntry, RoundFunding
from fund.money import euros
from initiatives.models import Municipality, Theme


@dataclass(frozen=True)
class NewContribution:
    """What a treasurer typed (cleaned by the form)."""

    funder: Funder
    amount_cents: int
    received_on: date
    reference: str = ""
    earmark_municipality: Municipality | None = None
    earmark_theme: Theme | None = None
    note: str = ""

    def matches(self, contribution: Contribution) -> bool:
        """Whether `contribution` records these same facts (a second click of one form)."""
        return (
            contribution.funder_id == self.funder.pk
            and contribution.amount_cents == self.amount_cents
            and contribution.received_on == self.received_on
            and contribution.reference == self.reference
            and contribution.earmark_municipality_id == _pk(self.earmark_municipality)
            and contribution.earmark_theme_id == _pk(self.earmark_theme)
        )


def _pk(obj: Municipality | Theme | None) -> int | None:
    return None if obj is None else obj.pk


@dataclass(frozen=True)
class Recorded:
    contribution: Contribution
    created: bool  # False: this form's key was used already, for this same contribution


class KeyUsedForAnother(FundRuleError):
    """The form's key recorded a different contribution before (a form used twice)."""

    def __init__(self, earlier: Contribution) -> None:
        super().__init__(
            _(
                "This form was sent before, for a contribution of %(amount)s from %(funder)s. "
                "If this is another contribution, check the figures and send the form again."
            )
            % {"amount": euros(earlier.amount_cents), "funder": earlier.funder.name}
        )
        self.earlier = earlier


def new_key() -> uuid.UUID:
    return uuid.uuid4()


def _with_key(key: uuid.UUID) -> Contribution | None:
    return Contribution.objects.select_related("funder").filter(idempotency_key=key).first()


def record(facts: NewContribution, *, key: uuid.UUID, by: User | None) -> Recorded:
    """Records the contribution and its ledger entry, once per `key` (see the module's
    docstring). KeyUsedForAnother when the key recorded different facts before."""
    earlier = _with_key(key)
    if earlier is None:
        try:
            with transaction.atomic():
                contribution = Contribution.objects.create(
                    funder=facts.funder,
                    amount_cents=facts.amount_cents,
                    received_on=facts.received_on,
                    reference=facts.reference,
                    earmark_municipality=facts.earmark_municipality,
                    earmark_theme=facts.earmark_theme,
                    note=facts.note,
                    idempotency_key=key,
                    recorded_by=by,
                )
                record_contribution(contribution, by=by)
        except IntegrityError:
            # The same form's other request got there first (it has committed by now: the
            # unique index made this one wait for it). Anything else is a real error.
            earlier = _with_key(key)
            if earlier is None:
                raise
        else:
            contribution.refresh_from_db(fields=["unallocated_cents"])
            return Recorded(contribution, created=True)
    if not facts.matches(earlier):
        raise KeyUsedForAnother(earlier)
    return Recorded(earlier, created=False)


def look_alikes(facts: NewContribution) -> QuerySet[Contribution]:
    """Contributions already recorded (and not reversed) from the same funder, of the same
    amount, received on the same day: perhaps the same money, recorded by another treasurer."""
    return Contribution.objects.filter(
        funder=facts.funder,
        amount_cents=facts.amount_cents,
        received_on=facts.received_on,
        reversed_at=None,
    ).order_by("pk")


# --- reversing ---


def rounds_holding(contribution: Contribution) -> list[RoundFunding]:
    """The rounds that hold money of this contribution not awarded yet, each with `left` (one
    query). Money a round awarded is in a grant (see ever_paid_for_a_grant)."""
    fundings = []
    for funding in (
        RoundFunding.objects.filter(contribution=contribution)
        .select_related("round")
        .order_by("round__opens_on", "pk")
    ):
        funding.left = funding.reserved_cents - funding.awarded_cents  # type: ignore[attr-defined]
        if funding.left > 0:  # type: ignore[attr-defined]
            fundings.append(funding)
    return fundings


def ever_paid_for_a_grant(contribution: Contribution) -> bool:
    return GrantFunding.objects.filter(contribution=contribution).exists()


def reverse(contribution: Contribution, *, by: User, reason: str) -> LedgerEntry:
    """Reverses a contribution recorded by mistake, with the reason (public on the ledger).
    FundRuleError (field "reason") when it was reversed already, when its money is in a round,
    or when its money paid for a grant at some time."""
    reason = reason.strip()
    if not reason:
        raise FundRuleError(_("Write down why this contribution is reversed."), field="reason")
    with transaction.atomic():
        locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
        if locked.reversed_at is None and ever_paid_for_a_grant(locked):
            raise FundRuleError(
                _(
                    "Money of this contribution paid for a grant, so it can no longer be "
                    "reversed. Is something wrong with it? Record a correction as a new "
                    "contribution, and explain it in the note."
                ),
                field="reason",
            )
        try:
            return reverse_contribution(locked, by=by, note=reason)
        except FundRuleError as error:
            raise FundRuleError(error.message, field="reason") from error


def reversals(contributions: list[Contribution]) -> dict[int, LedgerEntry]:
    """The reversing entry of each of these contributions that was reversed (one query)."""
    reversed_pks = [c.pk for c in contributions if c.reversed_at is not None]
    if not reversed_pks:
        return {}
    return {
        entry.contribution_id: entry
        for entry in LedgerEntry.objects.filter(
            Q(contribution__in=reversed_pks)
            & Q(kind=LedgerEntry.Kind.CONTRIBUTION)
            & Q(reverses__isnull=False)
        )
    }
