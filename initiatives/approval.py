"""Coordinators approve or reject new initiatives; stopped ones are archived, never deleted."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from initiatives import audit
from initiatives.errors import InitiativeRuleError, violated_constraint
from initiatives.models import Initiative, Membership
from initiatives.registration import public_slug
from omzien.mailing import send_after_commit


def admin_addresses(initiative: Initiative) -> list[str]:
    admins = initiative.memberships.filter(role=Membership.Role.ADMIN, user__is_active=True)
    return list(admins.values_list("user__email", flat=True))


def _lock_pending(initiative: Initiative) -> Initiative:
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if locked.status != Initiative.Status.PENDING:
        raise InitiativeRuleError(_("This initiative has already been reviewed."))
    return locked


def _name_taken(initiative: Initiative) -> InitiativeRuleError:
    return InitiativeRuleError(
        _(
            "%(name)s cannot be approved: an approved initiative in %(municipality)s has this "
            "name already. Ask the registrant to choose another name."
        )
        % {"name": initiative.name, "municipality": initiative.municipality}
    )


def _has_public_namesake(initiative: Initiative) -> bool:
    namesakes = Initiative.objects.approved().filter(municipality=initiative.municipality_id)
    return namesakes.named(initiative.name).exclude(pk=initiative.pk).exists()


def _guard_public_name(initiative: Initiative) -> None:
    """Waiting initiatives may share a name (a refusal would give the other one away); public
    ones may not."""
    if _has_public_namesake(initiative):
        raise _name_taken(initiative)


def approve_initiative(initiative: Initiative, *, by: User) -> Initiative:
    with transaction.atomic():
        initiative = _lock_pending(initiative)
        _guard_public_name(initiative)
        initiative.status = Initiative.Status.APPROVED
        initiative.approved_at = timezone.now()
        # From now on the address is public: the name itself, no longer the random ending.
        initiative.slug = public_slug(initiative.name, exclude_pk=initiative.pk)
        try:
            with transaction.atomic():
                initiative.save(update_fields=["status", "approved_at", "slug"])
        except IntegrityError as error:
            # Another coordinator approved a namesake, or took the address, at the same moment.
            # A namesake also wants the name's address: which rule the database names first
            # varies, and the name is what the coordinator must know about.
            clash = violated_constraint(error) == "initiative_unique_public_name"
            if clash or _has_public_namesake(initiative):
                raise _name_taken(initiative) from error
            raise InitiativeRuleError(
                _("Another initiative got this address at the same moment. Approve it again.")
            ) from error
        audit.record(initiative, by=by, action="approved")
        send_after_commit(
            "initiatives/email/approved", {"initiative": initiative}, to=admin_addresses(initiative)
        )
    return initiative


def reject_initiative(initiative: Initiative, *, by: User, reason: str) -> Initiative:
    if not reason.strip():
        raise InitiativeRuleError(_("Tell the registrant why."), field="reason")
    with transaction.atomic():
        initiative = _lock_pending(initiative)
        initiative.status = Initiative.Status.REJECTED
        initiative.rejection_reason = reason.strip()
        initiative.save(update_fields=["status", "rejection_reason"])
        audit.record(initiative, by=by, action="rejected", reason=reason.strip())
        send_after_commit(
            "initiatives/email/rejected", {"initiative": initiative}, to=admin_addresses(initiative)
        )
    return initiative


def archive_initiative(initiative: Initiative, *, by: User) -> Initiative:
    """The initiative stopped: it leaves the directory but its history stays."""
    with transaction.atomic():
        initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if initiative.status == Initiative.Status.ARCHIVED:
            return initiative
        if initiative.status != Initiative.Status.APPROVED:
            raise InitiativeRuleError(_("Only an approved initiative can be archived."))
        initiative.status = Initiative.Status.ARCHIVED
        initiative.save(update_fields=["status"])
        audit.record(initiative, by=by, action="archived")
    return initiative
