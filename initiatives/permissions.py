"""One predicate per rule about initiatives, used by views and templates alike."""

from django.contrib.auth.models import AnonymousUser

from accounts.models import User
from accounts.permissions import group_names
from initiatives.models import Initiative, Membership

COORDINATOR_GROUP = "coordinator"


def is_coordinator(user: User | AnonymousUser) -> bool:
    # The groups are read once per request (templates ask this many times per page).
    return user.is_authenticated and COORDINATOR_GROUP in group_names(user)


def membership_of(user: User | AnonymousUser, initiative: Initiative) -> Membership | None:
    if not user.is_authenticated:
        return None
    cache = getattr(user, "_memberships", None)
    if cache is None:
        cache = user._memberships = {m.initiative_id: m for m in user.memberships.all()}
    return cache.get(initiative.pk)


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


def can_review_initiatives(user: User | AnonymousUser) -> bool:
    return is_coordinator(user)


def can_register_initiative(user: User | AnonymousUser) -> bool:
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
