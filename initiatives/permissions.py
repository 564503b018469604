"""One predicate per rule about initiatives, used by views and templates alike."""

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.permissions import group_names
from accounts.roles import COORDINATOR
from initiatives.models import Initiative, Membership

# What the predicates keep on the user object for the rest of the request: templates ask many
# times per page. Attributes of our own on Django's user, so set by name.
KEPT_MEMBERSHIPS = "_memberships"


def is_coordinator(user: User | AnonymousUser) -> bool:
    # The groups are read once per request (templates ask this many times per page).
    return user.is_authenticated and COORDINATOR in group_names(user)


def memberships_of(user: User | AnonymousUser) -> dict[int, Membership]:
    """The person's memberships by initiative id, read once per request."""
    if not user.is_authenticated:
        return {}
    kept: dict[int, Membership] | None = getattr(user, KEPT_MEMBERSHIPS, None)
    if kept is None:
        kept = {m.initiative_id: m for m in user.memberships.all()}
        setattr(user, KEPT_MEMBERSHIPS, kept)
    return kept


def membership_of(user: User | AnonymousUser, initiative: Initiative) -> Membership | None:
    return memberships_of(user).get(initiative.pk)


def is_member(user: User | AnonymousUser, initiative: Initiative) -> bool:
    return membership_of(user, initiative) is not None


def is_initiative_admin(user: User | AnonymousUser, initiative: Initiative) -> bool:
    membership = membership_of(user, initiative)
    return membership is not None and membership.is_admin


def can_view_initiative(user: User | AnonymousUser, initiative: Initiative) -> bool:
    return initiative.is_public or is_member(user, initiative) or is_coordinator(user)


def can_edit_initiative(user: User | AnonymousUser, initiative: Initiative) -> bool:
    """Members keep the profile, needs and offers current; coordinators may help."""
    if initiative.status == Initiative.Status.ARCHIVED:
        return is_coordinator(user)
    return is_member(user, initiative) or is_coordinator(user)


def can_manage_members(user: User | AnonymousUser, initiative: Initiative) -> bool:
    return is_initiative_admin(user, initiative) or is_coordinator(user)


def can_archive_initiative(user: User | AnonymousUser, initiative: Initiative) -> bool:
    """Only an approved initiative can stop; its admins or a coordinator say so. A pending one is
    reviewed instead."""
    return initiative.status == Initiative.Status.APPROVED and can_manage_members(user, initiative)


def can_join_initiative(user: User | AnonymousUser, initiative: Initiative) -> bool:
    """Anyone not in a public initiative with a team may ask to join it (a visitor logs in
    first); an initiative without a team is claimed instead, since a request would reach no one."""
    return initiative.is_public and initiative.has_team and not is_member(user, initiative)


def can_contact_initiative(user: User | AnonymousUser, initiative: Initiative) -> bool:
    """Anyone may write to a public initiative, signed in or not."""
    return initiative.is_public


def can_review_initiatives(user: User | AnonymousUser) -> bool:
    return is_coordinator(user)


def can_register_initiative(user: User | AnonymousUser) -> bool:
    """Anyone with an account (its address confirmed, which logging in requires)."""
    return user.is_authenticated


def can_see_history(user: User | AnonymousUser, initiative: Initiative) -> bool:
    """Who changed what and when: for the coordinators who look after the directory."""
    return is_coordinator(user)


def can_see_members(user: User | AnonymousUser, initiative: Initiative) -> bool:
    return is_member(user, initiative) or is_coordinator(user)


def can_remove_membership(user: User | AnonymousUser, membership: Membership) -> bool:
    """Anyone may leave; admins and coordinators may remove others."""
    return membership.user_id == user.pk or can_manage_members(user, membership.initiative)


def can_claim_initiative(user: User | AnonymousUser, initiative: Initiative) -> bool:
    """Saying "dit is ons initiatief": for a listed initiative that nobody belongs to yet, where
    a request to join would reach no one."""
    return user.is_authenticated and initiative.is_public and not initiative.has_team


def can_decide_claims(user: User | AnonymousUser) -> bool:
    return is_coordinator(user)


# Who may, for the 403 page ("Dit mag alleen ..." and who, GLOSSARY.md). Coordinators belong to
# the network, not to an initiative.
_MEMBER_OR_COORDINATOR = gettext_lazy(
    "Only a member of this initiative or a coordinator of the network may do this."
)
_ADMIN_OR_COORDINATOR = gettext_lazy(
    "Only an admin of this initiative or a coordinator of the network may do this."
)
WHO_MAY: dict[Callable[[User | AnonymousUser, Initiative], bool], Promise] = {
    can_edit_initiative: _MEMBER_OR_COORDINATOR,
    can_see_members: _MEMBER_OR_COORDINATOR,
    can_manage_members: _ADMIN_OR_COORDINATOR,
    can_archive_initiative: _ADMIN_OR_COORDINATOR,
    can_see_history: gettext_lazy("Only a coordinator of the network may do this."),
}
