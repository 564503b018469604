"""The directory's queues on the coordinators' work overview (see omzien/work_queues.py).

Each function returns its queue in order, with what the item template shows selected in the same
query, so a queue costs the same number of queries for 3 items as for 3,000.
"""

from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.models import AuditEntry, Claim, Initiative, InitiativeQuerySet
from initiatives.permissions import is_coordinator
from initiatives.staleness import stale_initiatives
from omzien.work_queues import WorkQueue, register_work_queue

RECENT_CHANGES = timedelta(days=30)
RECENT_DECISIONS = timedelta(days=90)


def pending_initiatives() -> InitiativeQuerySet:
    """Waiting for approval, the one that waits longest first."""
    return Initiative.objects.pending().select_related("municipality").order_by("created_at", "pk")


def open_claims() -> QuerySet[Claim]:
    """With `claims_on_initiative`: two people claiming one initiative are shown as such."""
    open_ = Claim.objects.filter(status=Claim.Status.OPEN)
    same_initiative = (
        open_.filter(initiative=OuterRef("initiative"))
        .order_by()
        .values("initiative")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        open_.select_related("initiative__municipality", "user")
        .annotate(claims_on_initiative=Subquery(same_initiative))
        .order_by("created_at", "pk")
    )


def initiatives_without_team() -> InitiativeQuerySet:
    """Listed, but nobody belongs to them; those someone has claimed first."""
    claimed = Claim.objects.filter(initiative=OuterRef("pk"), status=Claim.Status.OPEN)
    return (
        Initiative.objects.approved()
        .without_team()
        .select_related("municipality")
        .annotate(is_claimed=Exists(claimed))
        .order_by("-is_claimed", "name", "pk")
    )


def stale_profiles() -> InitiativeQuerySet:
    """Not updated nor confirmed for a year (the reminders' rule), the longest first."""
    return stale_initiatives().select_related("municipality").order_by("last_seen", "pk")


def recent_profile_changes() -> QuerySet[AuditEntry]:
    return (
        AuditEntry.objects.filter(action="edited", created_at__gte=timezone.now() - RECENT_CHANGES)
        .select_related("initiative", "user")
        .order_by("-created_at", "-pk")
    )


def recent_decisions() -> QuerySet[AuditEntry]:
    """Rejections and archivings of the last months, of initiatives that are still so."""
    still_so = Q(action="rejected", initiative__status=Initiative.Status.REJECTED) | Q(
        action="archived", initiative__status=Initiative.Status.ARCHIVED
    )
    return (
        AuditEntry.objects.filter(still_so, created_at__gte=timezone.now() - RECENT_DECISIONS)
        .select_related("initiative__municipality", "user")
        .order_by("-created_at", "-pk")
    )


def register() -> None:
    queues = [
        WorkQueue(
            key="pending",
            title=_("New initiatives to review"),
            items=pending_initiatives,
            item_template="initiatives/partials/_queue_pending.html",
            visible_to=is_coordinator,
            intro=_("Approve them to put them in the directory, or reject them with a reason."),
            empty=_("Nothing to review."),
            url_name="initiatives:review-queue",
            link_text=_("Review them one by one"),
        ),
        WorkQueue(
            key="claims",
            title=_("“This is our initiative”"),
            items=open_claims,
            item_template="initiatives/partials/_queue_claim.html",
            visible_to=is_coordinator,
            intro=_(
                "Someone says they are part of an initiative without a team. Confirm it, and "
                "they become its first admin; or decline it with a reason."
            ),
            empty=_("Nobody is waiting for an answer."),
        ),
        WorkQueue(
            key="without-team",
            title=_("Initiatives without a team"),
            items=initiatives_without_team,
            item_template="initiatives/partials/_queue_without_team.html",
            visible_to=is_coordinator,
            intro=_(
                "Nobody belongs to these initiatives on the portal, so requests to join reach no "
                "one. Invite someone you know there."
            ),
            empty=_("Every initiative in the directory has a team."),
        ),
        WorkQueue(
            key="stale",
            title=_("Profiles not confirmed for a year"),
            items=stale_profiles,
            item_template="initiatives/partials/_queue_stale.html",
            visible_to=is_coordinator,
            intro=_(
                "Neither updated nor confirmed as still right for a year. Their admins get a "
                "reminder by e-mail every month."
            ),
            empty=_("Every profile was updated or confirmed in the past year."),
        ),
        WorkQueue(
            key="changes",
            title=_("Recent profile changes"),
            items=recent_profile_changes,
            item_template="initiatives/partials/_queue_change.html",
            visible_to=is_coordinator,
            intro=_("The last 30 days, the newest first."),
            empty=_("No profile has changed in the last 30 days."),
        ),
        WorkQueue(
            key="rejected-or-archived",
            title=_("Recently rejected or archived"),
            items=recent_decisions,
            item_template="initiatives/partials/_queue_decision.html",
            visible_to=is_coordinator,
            intro=_("The last 90 days, the newest first."),
            empty=_("Nothing was rejected or archived in the last 90 days."),
        ),
    ]
    for queue in queues:
        register_work_queue(queue)
