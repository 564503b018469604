"""Payouts with four eyes: a treasurer proposes a payout of a grant (a tranche), a second person
approves it, and only then is it paid (`fund.payments.pay` writes the ledger entries).

- `propose`: under the grant's row lock, never more than the grant's open amount minus the other
  proposals that wait. The form's idempotency key (`Payout.idempotency_key`, unique) makes a
  double click or a retried request the same payout: the second request finds the first.
- `approve`: another treasurer or a committee member, never the proposer, nobody with a conflict
  (`fund.permissions.can_approve_payout`). Under the grant's lock the payout is read again: only a
  payout that still waits is paid, so two approvals at once pay once.
- `cancel`: the proposer takes a waiting payout back.
- `record_repayment`: the initiative paid money back (`fund.payments.repay`); the form carries
  what was repaid when it was shown, so a double click records it once.

Locks are taken in one order everywhere: the grant, then its payouts (fund/payments.py then
locks the grant's fundings).

`page_context(request, grant)` is what the grant's page shows of its payouts
(`fund/partials/_payouts_panel.html`); the grant's view merges it into its context. A constant
number of queries.
"""

import uuid
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet, Sum, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.roles import FUND_COMMITTEE, TREASURER
from fund import payments
from fund.errors import FundRuleError
from fund.models import Application, Grant, Payout, Tie
from fund.money import euros
from fund.permissions import (
    Person,
    can_approve_payout,
    can_cancel_payout,
    can_propose_payout,
    can_record_repayment,
    is_fund_insider,
    memberships_of,
    tied_initiatives,
)
from initiatives.models import Membership
from omzien.mailing import send_after_commit

# E-mails sent on a person's behalf (omzien.ratelimit): proposals tell the approvers, approvals
# tell the initiative. Over the limit the action still happens; only its e-mail stays out.
PROPOSE_MAIL_LIMIT, APPROVE_MAIL_LIMIT, MAIL_WINDOW = 40, 100, 60 * 60 * 24
# The payouts page: how many settled payouts it shows, and how many grants with money to pay.
RECENT_PAYOUTS = 20
GRANTS_TO_PAY = 100


def new_key() -> uuid.UUID:
    """The idempotency key of a payout form, made when the form is shown."""
    return uuid.uuid4()


def waiting_cents(grant: Grant) -> int:
    """What the proposals of this grant that wait for approval add up to."""
    total = grant.payouts.filter(status=Payout.Status.PROPOSED).aggregate(
        total=Coalesce(Sum("amount_cents"), 0)
    )["total"]
    return int(total)


def room_cents(grant: Grant) -> int:
    """What may still be proposed: the open amount less the proposals that wait."""
    return max(0, grant.open_cents - waiting_cents(grant))


def _lock(grant: Grant | int) -> Grant:
    pk = grant if isinstance(grant, int) else grant.pk
    return Grant.objects.select_for_update(of=("self",)).select_related("application").get(pk=pk)


def _conflict_q(initiatives: set[int]) -> Q:
    """Rows whose grant is of one of these initiatives (applying or co-applying)."""
    return Q(grant__initiative_id__in=initiatives) | Q(
        grant__application__co_applicants__in=initiatives
    )


def people_without_conflict(
    application: Application, roles: tuple[str, ...], *, leave_out: User | None = None
) -> list[str]:
    """The e-mail addresses of the active people in these roles who may act on this
    application: no member of the applying or a co-applying initiative, nobody with a tie."""
    initiatives = {application.initiative_id} | set(
        application.co_applicants.values_list("pk", flat=True)
    )
    members = Membership.objects.filter(initiative_id__in=initiatives).values("user_id")
    tied = Tie.objects.filter(initiative_id__in=initiatives, ended_at=None).values("user_id")
    people = (
        User.objects.filter(groups__name__in=roles, is_active=True)
        .exclude(pk__in=members)
        .exclude(pk__in=tied)
        .distinct()
    )
    if leave_out is not None:
        people = people.exclude(pk=leave_out.pk)
    return list(people.values_list("email", flat=True))


def member_addresses(grant: Grant) -> list[str]:
    """Every active member of the grant's initiative: the money is theirs to account for."""
    members = Membership.objects.filter(initiative_id=grant.initiative_id, user__is_active=True)
    return list(members.values_list("user__email", flat=True))


# --- Proposing, approving, cancelling ---


@dataclass(frozen=True)
class Proposal:
    payout: Payout
    created: bool  # False: the same form came in again, and this is the payout it made


def propose(
    grant: Grant,
    cents: int,
    *,
    description: str,
    key: uuid.UUID,
    by: User,
    notify: bool = True,
) -> Proposal:
    """A treasurer proposes paying `cents` of the grant. The same key again is the same payout."""
    try:
        with transaction.atomic():
            locked = _lock(grant)
            existing = Payout.objects.filter(idempotency_key=key).first()
            if existing is not None:
                if existing.grant_id != locked.pk:
                    raise FundRuleError(_("This form was sent already. Open it again."))
                return Proposal(existing, created=False)
            if locked.status == Grant.Status.SETTLED:
                raise FundRuleError(_("This grant is settled: nothing more is paid out of it."))
            waiting = waiting_cents(locked)
            room = locked.open_cents - waiting
            if cents > room:
                raise FundRuleError(_too_much(locked, cents, room, waiting), field="amount")
            payout = Payout.objects.create(
                grant=locked,
                amount_cents=cents,
                description=description,
                idempotency_key=key,
                proposed_by=by,
            )
            if notify:
                send_after_commit(
                    "fund/email/payout_proposed",
                    {"payout": payout, "grant": locked, "application": locked.application},
                    to=people_without_conflict(
                        locked.application, (TREASURER, FUND_COMMITTEE), leave_out=by
                    ),
                )
    except IntegrityError as error:
        # The same key in a request for another grant, which held another lock: the key's
        # unique constraint stopped it.
        raise FundRuleError(_("This form was sent already. Open it again.")) from error
    return Proposal(payout, created=True)


def _too_much(grant: Grant, cents: int, room: int, waiting: int) -> str:
    if room <= 0 and waiting:
        return _(
            "Everything still open of this grant is proposed already (%(waiting)s waits for "
            "approval). Approve or cancel that first."
        ) % {"waiting": euros(waiting)}
    if room <= 0:
        return _("Nothing of this grant is left to pay out.")
    if waiting:
        return _(
            "At most %(room)s can still be proposed: %(open)s is open, and %(waiting)s of it "
            "waits for approval already. %(asked)s is too much."
        ) % {
            "room": euros(room),
            "open": euros(grant.open_cents),
            "waiting": euros(waiting),
            "asked": euros(cents),
        }
    return _("At most %(room)s of this grant is still open; %(asked)s is too much.") % {
        "room": euros(room),
        "asked": euros(cents),
    }


def approve(payout: Payout, *, by: User, notify: bool = True) -> Payout:
    """The second pair of eyes: the payout is paid (ledger entries) and the initiative hears."""
    try:
        with transaction.atomic():
            grant = _lock(payout.grant_id)
            locked = Payout.objects.select_for_update().get(pk=payout.pk)
            locked.grant = grant
            if locked.status == Payout.Status.APPROVED:
                raise FundRuleError(_("This payout was approved already; it is paid once."))
            if locked.status == Payout.Status.CANCELLED:
                raise FundRuleError(_("This payout was cancelled; it cannot be approved."))
            if locked.proposed_by_id == by.pk:
                raise FundRuleError(_("Someone else must approve the payout you proposed."))
            if grant.status == Grant.Status.SETTLED:
                raise FundRuleError(_("This grant is settled: nothing more is paid out of it."))
            now = timezone.now()
            Payout.objects.filter(pk=locked.pk).update(
                status=Payout.Status.APPROVED, approved_by=by, approved_at=now
            )
            locked.status, locked.approved_by, locked.approved_at = (
                Payout.Status.APPROVED,
                by,
                now,
            )
            payments.pay(locked, by=by)
            grant.refresh_from_db(fields=["paid_cents", "released_cents", "repaid_cents"])
            if grant.status == Grant.Status.AWARDED and grant.open_cents == 0:
                # All of it is paid out: what is left is the report.
                Grant.objects.filter(pk=grant.pk).update(status=Grant.Status.REPORTING)
                grant.status = Grant.Status.REPORTING
            if notify:
                context = {"payout": locked, "grant": grant, "application": grant.application}
                send_after_commit("fund/email/payout_approved", context, to=member_addresses(grant))
                if locked.proposed_by is not None and locked.proposed_by.is_active:
                    send_after_commit(
                        "fund/email/payout_approved_proposer",
                        context,
                        to=[locked.proposed_by.email],
                    )
    except IntegrityError as error:
        raise FundRuleError(
            _("This payout does not fit the grant any more. Look at the grant's figures again.")
        ) from error
    return locked


def cancel(payout: Payout, *, by: User) -> Payout:
    """The proposer takes back a payout that waits; an approved one stays paid."""
    with transaction.atomic():
        _lock(payout.grant_id)
        locked = Payout.objects.select_for_update().get(pk=payout.pk)
        if locked.status == Payout.Status.APPROVED:
            raise FundRuleError(_("This payout was approved in the meantime; it is paid."))
        if locked.status == Payout.Status.PROPOSED:
            Payout.objects.filter(pk=locked.pk).update(status=Payout.Status.CANCELLED)
            locked.status = Payout.Status.CANCELLED
    return locked


def record_repayment(grant: Grant, cents: int, *, repaid_before: int, by: User) -> Grant:
    """The initiative paid `cents` back. `repaid_before` is what the form showed as repaid: if
    that changed meanwhile, the same repayment was probably recorded already (a double click)."""
    try:
        with transaction.atomic():
            locked = _lock(grant)
            if locked.repaid_cents != repaid_before:
                raise FundRuleError(
                    _(
                        "A repayment was recorded for this grant just now (%(repaid)s repaid in "
                        "all). Check the figures below; if this one is another, enter it again."
                    )
                    % {"repaid": euros(locked.repaid_cents)},
                    field="amount",
                )
            room = locked.paid_cents - locked.repaid_cents
            if cents > room:
                raise FundRuleError(
                    _("At most %(room)s was paid out and not repaid; %(asked)s is too much.")
                    % {"room": euros(room), "asked": euros(cents)},
                    field="amount",
                )
            payments.repay(locked, cents, by=by)
            locked.refresh_from_db(fields=["paid_cents", "repaid_cents", "released_cents"])
    except IntegrityError as error:
        raise FundRuleError(
            _("This repayment does not fit the grant. Look at its figures again."), field="amount"
        ) from error
    return locked


# --- What people see ---


def free_of_conflicts(queryset: QuerySet[Any], user: Person) -> QuerySet[Any]:
    """Payouts or reports (anything with a `grant`) of grants this person has no conflict with."""
    initiatives = set(memberships_of(user)) | tied_initiatives(user)
    if not initiatives:
        return queryset
    return queryset.exclude(_conflict_q(initiatives))


def payouts_to_approve(user: Person) -> QuerySet[Payout]:
    """The queue of this person: waiting payouts they did not propose and have no conflict with."""
    waiting = (
        Payout.objects.filter(status=Payout.Status.PROPOSED)
        .exclude(proposed_by_id=user.pk)
        .select_related("grant__initiative", "grant__application")
        .order_by("proposed_at", "pk")
    )
    return free_of_conflicts(waiting, user)


def _grants_with_money_to_pay() -> QuerySet[Grant]:
    waiting = Sum("payouts__amount_cents", filter=Q(payouts__status=Payout.Status.PROPOSED))
    return (
        Grant.objects.exclude(status=Grant.Status.SETTLED)
        .filter(awarded_cents__gt=F("paid_cents") + F("released_cents"))
        .annotate(waiting_cents=Coalesce(waiting, 0))
        .select_related("initiative", "application")
        .order_by("awarded_on", "pk")
    )


def queue_context(user: Person) -> dict[str, Any]:
    """The payouts page: what waits for approval (and whether this person may approve or cancel
    each), grants with money still to pay, and the latest approved or cancelled payouts. Five
    queries, however many rows."""
    waiting = list(
        Payout.objects.filter(status=Payout.Status.PROPOSED)
        .select_related("grant__initiative", "grant__application", "proposed_by")
        .prefetch_related("grant__application__co_applicants")
        .order_by("proposed_at", "pk")
    )
    rows = [
        {
            "payout": p,
            "can_approve": can_approve_payout(user, p),
            "can_cancel": can_cancel_payout(user, p),
            "mine": p.proposed_by_id == user.pk,
        }
        for p in waiting
    ]
    grants = list(_grants_with_money_to_pay()[: GRANTS_TO_PAY + 1])
    recent = list(
        Payout.objects.exclude(status=Payout.Status.PROPOSED)
        .select_related("grant__initiative", "grant__application", "proposed_by", "approved_by")
        .order_by("-proposed_at", "-pk")[:RECENT_PAYOUTS]
    )
    return {
        "waiting": rows,
        "grants": grants[:GRANTS_TO_PAY],
        "more_grants": len(grants) > GRANTS_TO_PAY,
        "recent": recent,
    }


def page_context(request: HttpRequest, grant: Grant) -> dict[str, Any]:
    """The grant's payouts for its page: for everyone the figures and the paid tranches (amounts
    and dates, no people); for the committee and treasurers also what waits, with the actions
    this person may take. Public figures are the grant's kept columns (sums of the ledger)."""
    user = request.user
    payouts = list(
        Payout.objects.filter(grant=grant)
        .exclude(status=Payout.Status.CANCELLED)
        .select_related("proposed_by", "approved_by")
        .order_by("approved_at", "proposed_at", "pk")
    )
    for payout in payouts:
        payout.grant = grant
    paid = [p for p in payouts if p.status == Payout.Status.APPROVED]
    panel: dict[str, Any] = {
        "grant": grant,
        "tranches": [{"amount_cents": p.amount_cents, "on": p.approved_at} for p in paid],
        "insider": False,
    }
    if is_fund_insider(user):
        # The conflict rule reads the application and its co-applicants: once, not per payout.
        prefetch_related_objects([grant], "application__co_applicants")
        waiting = [p for p in payouts if p.status == Payout.Status.PROPOSED]
        waiting_total = sum(p.amount_cents for p in waiting)
        room = max(0, grant.open_cents - waiting_total)
        panel |= {
            "insider": True,
            "paid": paid,
            "waiting": [
                {
                    "payout": p,
                    "can_approve": can_approve_payout(user, p),
                    "can_cancel": can_cancel_payout(user, p),
                }
                for p in waiting
            ],
            "waiting_cents": waiting_total,
            "room_cents": room,
            "can_propose": can_propose_payout(user, grant) and room > 0,
            "can_repay": can_record_repayment(user, grant)
            and grant.paid_cents > grant.repaid_cents,
        }
    return {"payouts_panel": panel}


def register() -> None:
    """The work queue "Payouts to approve", per person (FundConfig.ready())."""
    from omzien.work_queues import WorkQueue, register_work_queue

    register_work_queue(
        WorkQueue(
            key="payouts-to-approve",
            title=gettext_lazy("Payouts to approve"),
            items=payouts_to_approve,
            item_template="fund/partials/_queue_payout.html",
            visible_to=is_fund_insider,
            intro=gettext_lazy(
                "A treasurer proposed these payouts. A second person checks and approves each "
                "before it is paid."
            ),
            empty=gettext_lazy("No payout waits for you."),
            url_name="fund:payouts",
            link_text=gettext_lazy("All payouts"),
            per_person=True,
        )
    )
