"""Who belongs to an initiative: invitations, requests to join, roles, leaving.

Rule: an initiative always keeps at least one admin. Every change that could take away an admin
locks the initiative's row first and counts again inside the lock, so two admins acting at the
same moment cannot both leave it without one.
"""

import secrets
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from initiatives import audit
from initiatives.approval import admin_addresses
from initiatives.errors import InitiativeRuleError
from initiatives.models import Initiative, Invitation, JoinRequest, Membership
from omzien.mailing import send_after_commit


def _lock(initiative: Initiative) -> Initiative:
    return Initiative.objects.select_for_update().get(pk=initiative.pk)


def _admin_count(initiative: Initiative) -> int:
    return initiative.memberships.filter(role=Membership.Role.ADMIN).count()


def _current(membership: Membership) -> Membership:
    """The membership as it is now, inside the lock: someone may have just removed it."""
    current = Membership.objects.filter(pk=membership.pk).select_related("user").first()
    if current is None:
        raise InitiativeRuleError(_("This person is no longer a member."))
    return current


def _guard_last_admin(initiative: Initiative, membership: Membership) -> None:
    if membership.is_admin and _admin_count(initiative) <= 1:
        raise InitiativeRuleError(
            _("An initiative needs at least one admin. Make someone else admin first.")
        )


def invite_member(initiative: Initiative, *, by: User, email: str) -> Invitation:
    email = email.strip().lower()
    if initiative.memberships.filter(user__email__iexact=email).exists():
        raise InitiativeRuleError(_("This person is already a member."), field="email")
    with transaction.atomic():
        invitation = Invitation.objects.create(
            initiative=initiative,
            email=email,
            token=secrets.token_urlsafe(32),
            invited_by=by,
            expires_at=timezone.now() + timedelta(days=Invitation.VALID_DAYS),
        )
        audit.record(initiative, by=by, action="invited", email=email)
        send_after_commit(
            "initiatives/email/invitation",
            {"invitation": invitation, "initiative": initiative, "inviter": by},
            to=[email],
        )
    return invitation


def accept_invitation(invitation: Invitation, *, user: User) -> Membership:
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_open:
            raise InitiativeRuleError(_("This invitation has expired or was used already."))
        membership, _created = Membership.objects.get_or_create(
            initiative=invitation.initiative, user=user
        )
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        audit.record(invitation.initiative, by=user, action="joined")
    return membership


def request_to_join(initiative: Initiative, *, user: User, message: str = "") -> JoinRequest:
    if initiative.memberships.filter(user=user).exists():
        raise InitiativeRuleError(_("You are already a member of this initiative."))
    if initiative.join_requests.filter(user=user, status=JoinRequest.Status.OPEN).exists():
        raise InitiativeRuleError(_("You have asked already; the admins will answer."))
    with transaction.atomic():
        try:
            with transaction.atomic():
                join_request = JoinRequest.objects.create(
                    initiative=initiative, user=user, message=message
                )
        except IntegrityError:
            # The same request sent twice at once (a double click): the first one counts.
            raise InitiativeRuleError(
                _("You have asked already; the admins will answer.")
            ) from None
        send_after_commit(
            "initiatives/email/join_request",
            {"initiative": initiative, "join_request": join_request},
            to=admin_addresses(initiative),
        )
    return join_request


def answer_join_request(join_request: JoinRequest, *, by: User, accept: bool) -> None:
    with transaction.atomic():
        join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
        if join_request.status != JoinRequest.Status.OPEN:
            raise InitiativeRuleError(_("This request has been answered already."))
        join_request.status = JoinRequest.Status.ACCEPTED if accept else JoinRequest.Status.DECLINED
        join_request.save(update_fields=["status"])
        initiative = join_request.initiative
        if accept:
            Membership.objects.get_or_create(initiative=initiative, user=join_request.user)
        audit.record(
            initiative,
            by=by,
            action="join_accepted" if accept else "join_declined",
            person=str(join_request.user),
        )
        send_after_commit(
            "initiatives/email/join_answered",
            {"initiative": initiative, "accepted": accept},
            to=[join_request.user.email],
        )


def remove_member(membership: Membership, *, by: User) -> None:
    """Remove someone, or leave yourself (by == membership.user)."""
    with transaction.atomic():
        initiative = _lock(membership.initiative)
        membership = _current(membership)
        _guard_last_admin(initiative, membership)
        membership.delete()
        action = "left" if by == membership.user else "member_removed"
        audit.record(initiative, by=by, action=action, person=str(membership.user))


def set_role(membership: Membership, *, by: User, role: str) -> Membership:
    with transaction.atomic():
        initiative = _lock(membership.initiative)
        membership = _current(membership)
        if role == Membership.Role.MEMBER:
            _guard_last_admin(initiative, membership)
        membership.role = role
        membership.save(update_fields=["role"])
        audit.record(
            initiative, by=by, action="role_changed", person=str(membership.user), role=role
        )
    return membership


def hand_over_before_leaving(user: User) -> None:
    """Before an account is deleted: where the person is the only admin, the longest-standing
    other member becomes admin, so no initiative is left without one."""
    admin_of = Membership.objects.filter(user=user, role=Membership.Role.ADMIN).values("initiative")
    sole_admin_of = (
        Initiative.objects.filter(pk__in=admin_of)
        .annotate(admins=Count("memberships", filter=Q(memberships__role=Membership.Role.ADMIN)))
        .filter(admins=1)
    )
    for initiative in sole_admin_of:
        _lock(initiative)
        successor = initiative.memberships.exclude(user=user).order_by("joined_at").first()
        if successor is not None:
            successor.role = Membership.Role.ADMIN
            successor.save(update_fields=["role"])
            audit.record(
                initiative, by=None, action="admin_handed_over", person=str(successor.user)
            )
