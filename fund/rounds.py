"""Rounds: opening one with its budget and criteria, changing it, adding money, closing it.

Every action runs in one transaction under the round's row lock (as fund/allocation.py does),
re-reads the round under that lock and writes only the columns it changes, so a form loaded
before someone else's change never writes an old value over it. The same form sent twice (a
double click, a retried request) does its work once:
- opening: the form's key (`Round.opened_with`, unique) finds the round it opened already;
- adding money: the form says what the budget was when it was filled in; a budget that moved
  by exactly the amount means this form was handled already;
- closing: a closed round is not closed again.

Money moves only through `fund.allocation` (`add_to_budget`, `release_round`).
"""

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from fund.allocation import add_to_budget, general_money, release_round
from fund.errors import FundRuleError
from fund.models import MAX_CENTS, Application, Contribution, Criterion, Round
from fund.money import euros
from initiatives.errors import violated_constraint
from omzien import content_version

# Addresses under /fund/rounds/ that are not a round.
RESERVED_SLUGS = {"new"}
# What a committee sets when it opens a round and may change only while nothing was submitted.
RULE_FIELDS = (
    "max_per_application_cents",
    "max_grants_per_year",
    "max_cents_per_year",
    "first_timers_first",
    "min_reviews",
)
# What it may change at any time while the round is not closed.
TEXT_FIELDS = ("name", "description", "opens_on", "closes_on", "decisions_by")


@dataclass(frozen=True)
class CriterionText:
    name: str
    description: str
    weight: int


class Added(Enum):
    ADDED = "added"
    ALREADY = "already"  # the same form, sent twice


def has_submissions(round_: Round) -> bool:
    """Whether any application of the round left the draft stage (drafts are the initiative's
    own business; once one is submitted, the rules it was written for stay as they were)."""
    return round_.applications.exclude(status=Application.Status.DRAFT).exists()


def slug_base(name: str) -> str:
    base = slugify(name)[:120].strip("-") or "ronde"
    return f"ronde-{base}" if base in RESERVED_SLUGS else base


def unique_slug(name: str) -> str:
    base = slug_base(name)
    taken = set(Round.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _reserve(
    round_: Round, cents: int, earmarked: Iterable[Contribution], *, by: User | None
) -> None:
    """Moves `cents` into the locked round: first from the earmarked contributions the committee
    ticked (as much as they hold, up to `cents`), the rest from the general money."""
    if cents <= 0:
        raise FundRuleError(_("A budget must be more than € 0,00."), field="budget")
    if round_.budget_cents + cents > MAX_CENTS:
        raise FundRuleError(
            _("A round's budget can be at most %(maximum)s; it is %(budget)s now.")
            % {"maximum": euros(MAX_CENTS), "budget": euros(round_.budget_cents)},
            field="budget",
        )
    # Locked in the order add_to_budget locks them (received, then pk), ticked money first.
    ticked = list(
        Contribution.objects.filter(
            pk__in=[c.pk for c in earmarked], reversed_at=None, unallocated_cents__gt=0
        )
        .order_by("received_on", "pk")
        .select_for_update(of=("self",))
    )
    general = list(
        general_money()
        .filter(unallocated_cents__gt=0)
        .exclude(pk__in=[c.pk for c in ticked])
        .order_by("received_on", "pk")
        .select_for_update(of=("self",))
    )
    from_ticked = sum(c.unallocated_cents for c in ticked)
    available = from_ticked + sum(c.unallocated_cents for c in general)
    if available < cents:
        if ticked:
            message = _(
                "The fund has %(available)s available for this (its general money and the "
                "earmarked money you ticked); the budget asks %(asked)s."
            )
        else:
            message = _(
                "The fund has %(available)s of general money available; the budget asks %(asked)s."
            )
        raise FundRuleError(
            message % {"available": euros(available), "asked": euros(cents)}, field="budget"
        )
    take = min(cents, from_ticked)
    if take:
        add_to_budget(round_, take, by=by, contributions=ticked)
    if cents > take:
        add_to_budget(round_, cents - take, by=by, contributions=general)


def _criteria_rows(round_: Round, criteria: Sequence[CriterionText]) -> list[Criterion]:
    return [
        Criterion(
            round=round_,
            name=c.name,
            description=c.description,
            weight=c.weight,
            position=position,
        )
        for position, c in enumerate(criteria)
    ]


def _rule_error(error: IntegrityError) -> FundRuleError:
    """A database rule on a round's row, told next to its field."""
    constraint = violated_constraint(error) or ""
    if constraint == "fund_round_closes_after_opening":
        return FundRuleError(_("The round cannot close before it opens."), field="closes_on")
    if constraint == "fund_criterion_unique_name":
        return FundRuleError(_("Give each criterion its own name."))
    if constraint == "fund_criterion_weight_1_10":
        return FundRuleError(_("A weight is a whole number from 1 to 10."))
    raise error


def open_round(
    values: Mapping[str, object],
    criteria: Sequence[CriterionText],
    *,
    budget_cents: int,
    earmarked: Iterable[Contribution] = (),
    by: User | None,
    key: uuid.UUID,
) -> tuple[Round, bool]:
    """Opens a round with its criteria and its budget, taken from the fund in the same
    transaction. Returns the round and whether it is new: the form with this `key` may have
    opened it already (a double click), and then that round is returned."""
    if (done := Round.objects.filter(opened_with=key).first()) is not None:
        return done, False
    try:
        with transaction.atomic():
            round_ = _insert(values, by=by, key=key)
            Criterion.objects.bulk_create(_criteria_rows(round_, criteria))
            _reserve(round_, budget_cents, earmarked, by=by)
    except IntegrityError as error:
        if "opened_with" in (violated_constraint(error) or ""):
            # The same form at the same moment: the other request opened it.
            return Round.objects.get(opened_with=key), False
        raise _rule_error(error) from error
    round_.refresh_from_db()
    return round_, True


def _insert(values: Mapping[str, object], *, by: User | None, key: uuid.UUID) -> Round:
    """The round's row, with a slug no other round has (two rounds named alike, or opened at the
    same moment, get their own)."""
    for _attempt in range(5):
        round_ = Round(**values, slug=unique_slug(str(values["name"])), created_by=by)
        round_.opened_with = key
        try:
            with transaction.atomic():
                round_.save()
        except IntegrityError as error:
            if "slug" in (violated_constraint(error) or ""):
                continue
            raise
        return round_
    # Five clashes in a row: a slug nobody can have taken.
    round_ = Round(
        **values, slug=f"{slug_base(str(values['name']))}-{uuid.uuid4().hex[:8]}", created_by=by
    )
    round_.opened_with = key
    round_.save()
    return round_


def _locked(round_: Round) -> Round:
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    if locked.closed_at is not None:
        raise FundRuleError(_("This round is closed; it can no longer be changed."))
    # Its writes are .update()s, which send no signal: advance the content version after the
    # commit as an ORM save does (omzien/content_version.py), so no page copy outlives them.
    transaction.on_commit(content_version.advance)
    return locked


@transaction.atomic
def update_round(
    round_: Round,
    changes: Mapping[str, object],
    criteria: Sequence[CriterionText] | None,
    *,
    by: User | None,
) -> list[str]:
    """Writes the changed columns of the round (and, given `criteria`, its criteria) under its
    row lock; returns the columns written. Rules and criteria change only while nothing was
    submitted: checked here, under the lock, whatever the form showed."""
    locked = _locked(round_)
    columns = [name for name in changes if name in TEXT_FIELDS + RULE_FIELDS]
    rules = [name for name in columns if name in RULE_FIELDS]
    current = [
        CriterionText(c.name, c.description, c.weight)
        for c in locked.criteria.order_by("position", "pk")
    ]
    new_criteria = criteria is not None and list(criteria) != current
    if (rules or new_criteria) and has_submissions(locked):
        raise FundRuleError(
            _(
                "An application was submitted meanwhile, so the criteria and the rules stay as "
                "they were. Your other changes were not saved either: check them and save again."
            ),
            field="criteria",
        )
    values = {name: changes[name] for name in columns}
    opens_on = values.get("opens_on", locked.opens_on)
    closes_on = values.get("closes_on", locked.closes_on)
    assert isinstance(opens_on, date)
    assert isinstance(closes_on, date)
    if closes_on < opens_on:
        raise FundRuleError(_("The round cannot close before it opens."), field="closes_on")
    try:
        with transaction.atomic():
            if values:
                Round.objects.filter(pk=locked.pk).update(**values)
            if new_criteria:
                assert criteria is not None
                # No application was submitted, so no review scored these: replace them all.
                locked.criteria.all().delete()
                Criterion.objects.bulk_create(_criteria_rows(locked, criteria))
    except IntegrityError as error:
        raise _rule_error(error) from error
    return columns + (["criteria"] if new_criteria else [])


@transaction.atomic
def add_money(
    round_: Round,
    cents: int,
    *,
    earmarked: Iterable[Contribution] = (),
    budget_was: int,
    by: User | None,
) -> Added:
    """Adds `cents` from the fund to the round's budget. `budget_was` is the budget the form
    showed: if it moved meanwhile, by exactly `cents`, this form was handled already (a double
    click); by anything else, someone else changed it and the person should look again."""
    locked = _locked(round_)
    if locked.budget_cents != budget_was:
        if locked.budget_cents == budget_was + cents:
            return Added.ALREADY
        raise FundRuleError(
            _(
                "The budget changed while you filled in the form: it is %(budget)s now. Check "
                "the amount and send the form again."
            )
            % {"budget": euros(locked.budget_cents)},
            field="budget",
        )
    _reserve(locked, cents, earmarked, by=by)
    return Added.ADDED


@dataclass(frozen=True)
class Closed:
    released_cents: int
    now: bool  # False: it was closed already (by someone else, or the same form twice)


@transaction.atomic
def close_round(round_: Round, *, by: User | None, today: date | None = None) -> Closed:
    """Closes the round after its closing date, once nothing waits for a decision, and gives
    what it did not award back to the fund (`release_round`)."""
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    if locked.closed_at is not None:
        return Closed(0, now=False)
    transaction.on_commit(content_version.advance)
    today = today or timezone.localdate()
    if locked.closes_on >= today:
        raise FundRuleError(
            _(
                "Applications may come in up to and including %(date)s; close the round after "
                "that day."
            )
            % {"date": date_format(locked.closes_on, "j F Y")}
        )
    return Closed(release_round(locked, by=by), now=True)


def can_close_on(round_: Round, today: date | None = None) -> bool:
    return round_.closed_at is None and round_.closes_on < (today or timezone.localdate())


def waiting_for_decision(round_: Round) -> int:
    return round_.applications.filter(status=Application.Status.SUBMITTED).count()
