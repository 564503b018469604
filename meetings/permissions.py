"""One predicate per rule about network meetings, used by views and templates alike."""

from django.contrib.auth.models import AnonymousUser
from django.db import connection

from accounts.models import User
from initiatives.models import Initiative, Membership
from initiatives.permissions import (
    KEPT_MEMBERSHIPS,
    is_coordinator,
    is_initiative_admin,
    is_member,
)
from meetings.models import HostOffer, Meeting

Person = User | AnonymousUser


def can_manage_meetings(user: Person) -> bool:
    """Schedule, edit, publish and cancel meetings; move host offers along."""
    return is_coordinator(user)


def can_see_meeting(user: Person, meeting: Meeting) -> bool:
    """A draft is a 404 for everyone but the coordinators."""
    return meeting.is_public or is_coordinator(user)


def is_host_admin(user: Person, meeting: Meeting) -> bool:
    """An admin of the host or of a co-host."""
    if not user.is_authenticated:
        return False
    hosts = [meeting.host, *meeting.co_hosts.all()]
    if hasattr(user, KEPT_MEMBERSHIPS):  # read already for this request
        return any(is_initiative_admin(user, initiative) for initiative in hosts)
    # Else one plain query (a meeting page asks this of everyone signed in).
    table = Membership._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT EXISTS (SELECT 1 FROM {connection.ops.quote_name(table)} "  # noqa: S608
            "WHERE user_id = %s AND role = %s AND initiative_id = ANY(%s))",
            [user.pk, Membership.Role.ADMIN, [initiative.pk for initiative in hosts]],
        )
        return bool(cursor.fetchone()[0])


def can_organise_meeting(user: Person, meeting: Meeting) -> bool:
    """See who comes (and download the list), tick off tasks, record attendance, write the
    report: the coordinators and the host's admins."""
    return is_coordinator(user) or (meeting.is_public and is_host_admin(user, meeting))


def can_keep_host_capability(user: Person, initiative: Initiative) -> bool:
    """What the initiative can offer as a host: its members keep it, coordinators may help."""
    return is_member(user, initiative) or is_coordinator(user)


def can_offer_to_host(user: Person, initiative: Initiative) -> bool:
    """Only a member of an approved initiative offers it as host (DESIGN.md's roles table)."""
    return initiative.is_public and is_member(user, initiative)


# --- Fair rotation: suggestions and the ledger (meetings/rotation.py, meetings/ledger.py) -------


def can_see_host_suggestions(user: Person) -> bool:
    """The ranked host suggestions are the coordinators' planning tool."""
    return can_manage_meetings(user)


def can_see_ledger_flags(user: Person) -> bool:
    """The ledger is public; its flags ("comes often, never hosted") are for coordinators."""
    return is_coordinator(user)


# Hosts: what an initiative can offer as host, and its offers to host (issue 7, points 1 and 2).


def can_withdraw_host_offer(user: Person, offer: HostOffer) -> bool:
    """The initiative takes back its own offer while it is still open; coordinators decline."""
    return offer.is_open and is_member(user, offer.initiative)


def can_manage_host_offers(user: Person) -> bool:
    """See every offer in the queue and move it along: the coordinators."""
    return is_coordinator(user)


# --- The knowledge base's seam (meetings/knowledge.py) ---


def can_publish_report(user: Person, meeting: Meeting) -> bool:
    """Put a held meeting's report in the knowledge base: the coordinators, who moderate it."""
    return is_coordinator(user)
