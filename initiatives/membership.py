"""Who belongs to an initiative: invitations, requests to join, roles, leaving.

Rule: an initiative always keeps at least one admin. Every change that could take away an admin
locks the initiative's row first and counts again inside the lock, so two admins acting at the
same moment cannot both leave it without one.
"""

import secrets
from collections.abc import Mapping
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from initiatives import audit
from initiatives.approval import admin_addresses
from initiatives.errors import InitiativeRuleError
from initiatives.models import AuditEntry, Initiative, Invitation, JoinRequest, Membership
from omzien.mailing import send_after_commit

NOT_YOUR_ADDRESS = gettext_lazy(
    "This invitation was sent to another e-mail address than the one you are logged in with. "
    "Log in with that address, or add it to your account and confirm it, then open the link again."
)


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


# Invitations are e-mail sent in the portal's name: a budget per person and per initiative,
# counted from the history (durable, unlike a cache), and only for approved initiatives.
INVITATIONS_PER_PERSON, PERSON_WINDOW = 10, timedelta(hours=1)
INVITATIONS_PER_INITIATIVE, INITIATIVE_WINDOW = 20, timedelta(days=1)
SENDING_ACTIONS = ("invited", "invitation_resent")


def may_invite(initiative: Initiative) -> bool:
    """Only an approved initiative sends invitations: a pending one could be anyone's."""
    return initiative.is_public


def _check_may_send(initiative: Initiative, *, by: User) -> None:
    if not may_invite(initiative):
        raise InitiativeRuleError(
            _("You can invite people once the coordinators have approved the initiative.")
        )
    now = timezone.now()
    sent = AuditEntry.objects.filter(action__in=SENDING_ACTIONS)
    by_person = sent.filter(user=by, created_at__gte=now - PERSON_WINDOW).count()
    for_initiative = sent.filter(initiative=initiative, created_at__gte=now - INITIATIVE_WINDOW)
    if by_person >= INVITATIONS_PER_PERSON or for_initiative.count() >= INVITATIONS_PER_INITIATIVE:
        raise InitiativeRuleError(
            _("You have sent many invitations in a short time. Try again later.")
        )


def _send_invitation(invitation: Invitation, *, by: User) -> None:
    send_after_commit(
        "initiatives/email/invitation",
        {"invitation": invitation, "initiative": invitation.initiative, "inviter": by},
        to=[invitation.email],
    )


def _invited_already(email: str) -> InitiativeRuleError:
    return InitiativeRuleError(
        _("%(email)s has been invited already. You can send the invitation again below.")
        % {"email": email},
        field="email",
    )


def invite_member(initiative: Initiative, *, by: User, email: str) -> Invitation:
    email = email.strip().lower()
    with transaction.atomic():
        initiative = _lock(initiative)
        if initiative.memberships.filter(user__email__iexact=email).exists():
            raise InitiativeRuleError(_("This person is already a member."), field="email")
        _check_may_send(initiative, by=by)
        earlier = initiative.invitations.filter(
            email__iexact=email, accepted_at=None, withdrawn_at=None
        ).first()
        if earlier is not None and earlier.is_open:
            raise _invited_already(email)
        if earlier is not None:
            earlier.delete()  # expired: the new invitation takes its place
        try:
            with transaction.atomic():
                invitation = Invitation.objects.create(
                    initiative=initiative,
                    email=email,
                    token=secrets.token_urlsafe(32),
                    invited_by=by,
                    expires_at=timezone.now() + timedelta(days=Invitation.VALID_DAYS),
                )
        except IntegrityError:
            raise _invited_already(email) from None
        audit.record(initiative, by=by, action="invited", invitation=invitation.pk)
        _send_invitation(invitation, by=by)
    return invitation


def _lock_unanswered(invitation: Invitation) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None or invitation.withdrawn_at is not None:
        raise InitiativeRuleError(_("This invitation has been accepted or withdrawn already."))
    return invitation


def resend_invitation(invitation: Invitation, *, by: User) -> Invitation:
    """Send the same link again, valid for another full period."""
    with transaction.atomic():
        initiative = _lock(invitation.initiative)
        invitation = _lock_unanswered(invitation)
        _check_may_send(initiative, by=by)
        invitation.expires_at = timezone.now() + timedelta(days=Invitation.VALID_DAYS)
        invitation.save(update_fields=["expires_at"])
        audit.record(initiative, by=by, action="invitation_resent", invitation=invitation.pk)
        _send_invitation(invitation, by=by)
    return invitation


def withdraw_invitation(invitation: Invitation, *, by: User) -> None:
    with transaction.atomic():
        invitation = _lock_unanswered(invitation)
        invitation.withdrawn_at = timezone.now()
        invitation.save(update_fields=["withdrawn_at"])
        audit.record(
            invitation.initiative, by=by, action="invitation_withdrawn", invitation=invitation.pk
        )


def is_invited(user: User, invitation: Invitation) -> bool:
    """The invitation is for an address the person has confirmed as theirs."""
    return EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists()


def accept_invitation(invitation: Invitation, *, user: User) -> Membership:
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_open:
            raise InitiativeRuleError(_("This invitation has expired or was used already."))
        if not is_invited(user, invitation):
            raise InitiativeRuleError(str(NOT_YOUR_ADDRESS))
        membership, _created = Membership.objects.get_or_create(
            initiative=invitation.initiative, user=user
        )
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        audit.record(invitation.initiative, by=user, action="joined", invitation=invitation.pk)
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
            person=join_request.user,
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
        audit.record(initiative, by=by, action=action, person=membership.user)


def set_role(membership: Membership, *, by: User, role: str) -> Membership:
    with transaction.atomic():
        initiative = _lock(membership.initiative)
        membership = _current(membership)
        if role == Membership.Role.MEMBER:
            _guard_last_admin(initiative, membership)
        membership.role = role
        membership.save(update_fields=["role"])
        audit.record(initiative, by=by, action="role_changed", person=membership.user, role=role)
    return membership


def sole_admin_of(user: User) -> list[tuple[Initiative, list[Membership]]]:
    """The initiatives the person is the only admin of, each with its other members,
    longest-standing first (the first takes over unless the person chooses another)."""
    admin_of = Initiative.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.ADMIN
    ).order_by("name")
    found = []
    for initiative in admin_of.prefetch_related("memberships__user"):
        members = sorted(initiative.memberships.all(), key=lambda m: m.joined_at)
        if sum(m.is_admin for m in members) == 1:
            found.append((initiative, [m for m in members if m.user_id != user.pk]))
    return found


def hand_over_before_leaving(user: User, *, successors: Mapping[int, int] | None = None) -> None:
    """Before an account is deleted: where the person is the only admin, another member becomes
    admin: the one chosen in `successors` (initiative id to user id), else the longest-standing.

    Every initiative the person is admin of is locked and its admins counted again inside the
    lock, so two admins deleting their accounts at the same moment cannot leave it without one.
    """
    successors = successors or {}
    with transaction.atomic():
        locked = Initiative.objects.select_for_update(of=("self",)).filter(
            memberships__user=user, memberships__role=Membership.Role.ADMIN
        )
        for initiative in locked.order_by("pk"):
            others = initiative.memberships.exclude(user=user).select_related("user")
            if others.filter(role=Membership.Role.ADMIN).exists():
                continue
            chosen = others.filter(user_id=successors.get(initiative.pk)).first()
            successor = chosen or others.order_by("joined_at").first()
            if successor is None:
                continue  # the initiative is left without a team; coordinators get its mail
            successor.role = Membership.Role.ADMIN
            successor.save(update_fields=["role"])
            audit.record(initiative, by=None, action="admin_handed_over", person=successor.user)
