"""The coordinators' queue "Reports to write" (see omzien/work_queues.py), registered from
MeetingsConfig.ready()."""

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.permissions import is_coordinator
from meetings.models import Meeting
from omzien.work_queues import WorkQueue, register_work_queue


def meetings_without_report() -> QuerySet[Meeting]:
    """Held, or published and ended, and no report yet: the oldest first."""
    ended = Q(status=Meeting.Status.HELD) | Q(
        status=Meeting.Status.PUBLISHED, ends_at__lt=timezone.now()
    )
    return (
        Meeting.objects.filter(ended, report__isnull=True)
        .select_related("host", "municipality")
        .order_by("starts_at", "pk")
    )


def register() -> None:
    register_work_queue(
        WorkQueue(
            key="reports-to-write",
            title=_("Reports to write"),
            items=meetings_without_report,
            item_template="meetings/partials/_queue_report.html",
            visible_to=is_coordinator,
            intro=_(
                "These meetings took place, but nobody wrote down yet what was said. The report "
                "appears on the meeting's page."
            ),
            empty=_("Every meeting that took place has its report."),
        )
    )
