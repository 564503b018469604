"""The fund's part of a person's data: export and erasure (see accounts.personal_data).

The export holds what the person did in the fund: the applications they created, their reviews
(with scores and comments), the ties they declared, and for the fund's roles the decisions they
took and those they took no part in, the payouts they proposed or approved, the contributions they
recorded and the reports they wrote or accepted. Money is in whole cents, and in euros as text ("1250.00"), never a float.

Deleting an account keeps the fund's records, without the person: an application stays its
initiative's, a review stays with the committee as one by a former member, and decisions, payouts,
reports and ledger entries stay as they are. Every foreign key to the person is SET_NULL (the
ledger's and the decision list's triggers let exactly that change through, migration 0002); only
the declared ties go with the account, since they say something about the person alone.
"""

from typing import Any

from django.db.models import Q

from accounts.models import User
from accounts.personal_data import Section, register_section
from fund.models import (
    Application,
    Contribution,
    Decision,
    LedgerEntry,
    Payout,
    Recusal,
    Report,
    Review,
    Tie,
)


def _moment(value: Any) -> str | None:
    return value.isoformat() if value else None


def euro_text(cents: int | None) -> str | None:
    """12345 -> "123.45": euros as text for JSON, never a float."""
    if cents is None:
        return None
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}{whole}.{part:02d}"


def _money(cents: int | None, name: str = "amount") -> dict[str, Any]:
    return {f"{name}_cents": cents, name: euro_text(cents)}


def _applications(user: User) -> list[dict[str, Any]]:
    applications = (
        Application.objects.filter(created_by=user)
        .select_related("round", "initiative")
        .order_by("pk")
    )
    return [
        {
            "title": a.title,
            "initiative": a.initiative.name,
            "round": a.round.name,
            "status": a.status,
            **_money(a.amount_cents, "amount_asked"),
            "summary": a.summary,
            "created_at": _moment(a.created_at),
            "submitted_at": _moment(a.submitted_at),
            "withdrawn_at": _moment(a.withdrawn_at),
            "id": a.pk,
        }
        for a in applications
    ]


def _reviews(user: User) -> list[dict[str, Any]]:
    reviews = (
        Review.objects.filter(reviewer=user)
        .select_related("application__initiative", "application__round")
        .prefetch_related("scores__criterion")
        .order_by("pk")
    )
    return [
        {
            "application": r.application.title,
            "initiative": r.application.initiative.name,
            "round": r.application.round.name,
            "recommendation": r.recommendation,
            **_money(r.recommended_cents, "recommended"),
            "comment": r.comment,
            "scores": [
                {"criterion": s.criterion.name, "weight": s.criterion.weight, "score": s.score}
                for s in sorted(r.scores.all(), key=lambda s: (s.criterion.position, s.pk))
            ],
            "created_at": _moment(r.created_at),
            "submitted_at": _moment(r.submitted_at),
            "application_id": r.application_id,
        }
        for r in reviews
    ]


def _ties(user: User) -> list[dict[str, Any]]:
    ties = Tie.objects.filter(user=user).select_related("initiative").order_by("pk")
    return [
        {
            "initiative": t.initiative.name,
            "description": t.description,
            "declared_at": _moment(t.declared_at),
            "ended_at": _moment(t.ended_at),
        }
        for t in ties
    ]


def _decisions(user: User) -> list[dict[str, Any]]:
    decisions = (
        Decision.objects.filter(decided_by=user)
        .select_related("round", "application")
        .order_by("pk")
    )
    return [
        {
            "round": d.round.name,
            "number": d.number,
            "application": d.application.title,
            "outcome": d.outcome,
            **_money(d.amount_cents),
            "reason": d.reason,
            "decided_at": _moment(d.decided_at),
        }
        for d in decisions
    ]


def _recusals(user: User) -> list[dict[str, Any]]:
    recusals = (
        Recusal.objects.filter(user=user)
        .select_related("decision__round", "decision__application")
        .order_by("pk")
    )
    return [
        {
            "round": r.decision.round.name,
            "number": r.decision.number,
            "application": r.decision.application.title,
            "reason": r.reason,
        }
        for r in recusals
    ]


def _payouts(user: User) -> list[dict[str, Any]]:
    payouts = (
        Payout.objects.filter(Q(proposed_by=user) | Q(approved_by=user))
        .select_related("grant__application", "grant__initiative")
        .order_by("pk")
    )
    return [
        {
            "grant": p.grant.application.title,
            "initiative": p.grant.initiative.name,
            **_money(p.amount_cents),
            "description": p.description,
            "status": p.status,
            "you_proposed": p.proposed_by_id == user.pk,
            "you_approved": p.approved_by_id == user.pk,
            "proposed_at": _moment(p.proposed_at),
            "approved_at": _moment(p.approved_at),
        }
        for p in payouts
    ]


def _reports(user: User) -> list[dict[str, Any]]:
    reports = (
        Report.objects.filter(Q(created_by=user) | Q(accepted_by=user))
        .select_related("grant__application", "grant__initiative")
        .order_by("pk")
    )
    return [
        {
            "grant": r.grant.application.title,
            "initiative": r.grant.initiative.name,
            "status": r.status,
            "you_wrote": r.created_by_id == user.pk,
            "you_accepted": r.accepted_by_id == user.pk,
            "submitted_at": _moment(r.submitted_at),
            "accepted_at": _moment(r.accepted_at),
        }
        for r in reports
    ]


def _contributions(user: User) -> list[dict[str, Any]]:
    contributions = (
        Contribution.objects.filter(recorded_by=user).select_related("funder").order_by("pk")
    )
    return [
        {
            "funder": c.funder.name,
            **_money(c.amount_cents),
            "received_on": _moment(c.received_on),
            "reference": c.reference,
            "reversed_at": _moment(c.reversed_at),
        }
        for c in contributions
    ]


def _export(user: User) -> dict[str, Any]:
    return {
        "applications": _applications(user),
        "reviews": _reviews(user),
        "ties": _ties(user),
        "decisions": _decisions(user),
        "took_no_part_in": _recusals(user),
        "payouts": _payouts(user),
        "reports": _reports(user),
        "contributions_recorded": _contributions(user),
        "ledger_entries_recorded": LedgerEntry.objects.filter(recorded_by=user).count(),
    }


def _before_deletion(user: User) -> dict[str, Any]:
    """What of the fund stays without the person's name, if they did anything in it."""
    kept = {
        "applications": Application.objects.filter(created_by=user).exists(),
        "reviews": Review.objects.filter(reviewer=user).exists(),
        "decisions": Decision.objects.filter(decided_by=user).exists(),
        "money": LedgerEntry.objects.filter(recorded_by=user).exists()
        or Payout.objects.filter(Q(proposed_by=user) | Q(approved_by=user)).exists(),
    }
    return kept if any(kept.values()) else {}


def register() -> None:
    # No `erase`: the fund's records lose the person through their SET_NULL keys when the
    # account itself is deleted, and the ties go with it (CASCADE).
    register_section(
        Section(
            "fund",
            _export,
            before_deletion=("fund/partials/_before_account_deletion.html", _before_deletion),
        )
    )
