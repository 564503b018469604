"""Claiming an initiative that nobody belongs to: "dit is ons initiatief".

Imported initiatives, and those whose last member left, have no team: a request to join them
reaches no one. A person who is part of one claims it; a coordinator confirms the claim, which
makes the person its first admin, or declines it with a reason.

Rule: only an initiative without a team gets a first admin this way. Confirming locks the
initiative's row and counts its members again inside the lock, so two coordinators confirming two
claims at the same moment cannot make two strangers its admins; the other open claims on it are
declined in the same transaction.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from initiatives import audit
from initiatives.errors import InitiativeRuleError
from initiatives.models import Claim, Initiative, Membership
from initiatives.permissions import can_claim_initiative
from initiatives.registration import coordinator_addresses
from omzien.mailing import send_after_commit


def _already_claimed() -> InitiativeRuleError:
    return InitiativeRuleError(
        _("You have said so already; a coordinator will answer you by e-mail.")
    )


def claim_initiative(initiative: Initiative, *, user: User, message: str) -> Claim:
    if not can_claim_initiative(user, initiative):
        raise InitiativeRuleError(_("This initiative has a team already: ask to join it."))
    if not message.strip():
        raise InitiativeRuleError(
            _("Tell the coordinators how you are connected."), field="message"
        )
    if initiative.claims.filter(user=user, status=Claim.Status.OPEN).exists():
        raise _already_claimed()
    try:
        with transaction.atomic():
            claim = Claim.objects.create(initiative=initiative, user=user, message=message.strip())
            send_after_commit(
                "initiatives/email/claim_received",
                {"initiative": initiative, "claim": claim},
                to=coordinator_addresses(),
            )
    except IntegrityError as error:
        # A double click: the other request saved the same claim a moment earlier.
        raise _already_claimed() from error
    return claim


def _lock_open(claim: Claim) -> Claim:
    locked = Claim.objects.select_for_update().select_related("user").get(pk=claim.pk)
    if not locked.is_open:
        raise InitiativeRuleError(_("This claim has been answered already."))
    return locked


def _answer(claim: Claim, *, by: User, status: str, reason: str = "") -> None:
    claim.status = status
    claim.decline_reason = reason
    claim.decided_at = timezone.now()
    claim.decided_by = by
    claim.save(update_fields=["status", "decline_reason", "decided_at", "decided_by"])


def confirm_claim(claim: Claim, *, by: User) -> Membership:
    """The claimant becomes the initiative's first admin; other open claims on it are declined."""
    with transaction.atomic():
        initiative = Initiative.objects.select_for_update().get(pk=claim.initiative_id)
        claim = _lock_open(claim)
        if initiative.status != Initiative.Status.APPROVED:
            raise InitiativeRuleError(_("This initiative is no longer in the directory."))
        if Membership.objects.filter(initiative=initiative).exists():
            raise InitiativeRuleError(
                _("This initiative has a team by now: decline the claim and point to its admins.")
            )
        membership = Membership.objects.create(
            initiative=initiative, user=claim.user, role=Membership.Role.ADMIN
        )
        _answer(claim, by=by, status=Claim.Status.CONFIRMED)
        audit.record(initiative, by=by, action="claim_confirmed", person=claim.user)
        send_after_commit(
            "initiatives/email/claim_answered",
            {"initiative": initiative, "confirmed": True},
            to=[claim.user.email],
        )
        others = (
            Claim.objects.select_for_update()
            .select_related("user")
            .filter(initiative=initiative, status=Claim.Status.OPEN)
        )
        for other in others:
            _answer(other, by=by, status=Claim.Status.DECLINED)
            audit.record(
                initiative,
                by=by,
                action="claim_declined",
                person=other.user,
                superseded=True,
            )
            send_after_commit(
                "initiatives/email/claim_answered",
                {"initiative": initiative, "confirmed": False, "superseded": True},
                to=[other.user.email],
            )
    return membership


def decline_claim(claim: Claim, *, by: User, reason: str) -> None:
    reason = reason.strip()
    if not reason:
        raise InitiativeRuleError(_("Tell the person why."), field="reason")
    with transaction.atomic():
        claim = _lock_open(claim)
        _answer(claim, by=by, status=Claim.Status.DECLINED, reason=reason)
        audit.record(
            claim.initiative, by=by, action="claim_declined", person=claim.user, reason=reason
        )
        send_after_commit(
            "initiatives/email/claim_answered",
            {"initiative": claim.initiative, "confirmed": False, "reason": reason},
            to=[claim.user.email],
            reply_to=[settings.CONTACT_EMAIL],
        )
