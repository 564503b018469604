"""Timed work for meetings (run daily by `manage.py send_meeting_reminders`):

- registered people get a reminder two days before the meeting;
- the host's admins get the count, the needs and the open tasks a week before;
- the coordinators are asked for the report three days after a meeting ended without one.

Each is claimed with a conditional UPDATE of its `*_at` column before the e-mail is queued in the
same transaction: run twice, or twice at once, and each e-mail goes out once.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.roles import COORDINATOR
from initiatives.models import Membership
from meetings.models import Meeting, Registration
from meetings.scheduling import meeting_page, organiser_page, time_span
from meetings.task_list import open_tasks
from omzien.mailing import send_after_commit

REMIND_BEFORE = timedelta(days=2)
BRIEF_HOST_BEFORE = timedelta(days=7)
ASK_REPORT_AFTER = timedelta(days=3)
# A meeting that ended longer ago than this is not asked about (when the timer first runs on old
# data, coordinators do not get a mail per meeting of the past years; the work overview lists them).
ASK_REPORT_WITHIN = timedelta(days=30)


@dataclass
class Sent:
    reminders: int = 0
    host_briefings: int = 0
    report_requests: int = 0


def _claim(queryset: object, column: str, now: datetime) -> bool:
    """Set `column` if nobody did yet; True when this run may send."""
    return bool(queryset.filter(**{f"{column}__isnull": True}).update(**{column: now}))  # type: ignore[attr-defined]


def host_admin_addresses(meeting: Meeting) -> list[str]:
    hosts = [meeting.host_id, *meeting.co_hosts.values_list("pk", flat=True)]
    admins = Membership.objects.filter(
        initiative_id__in=hosts, role=Membership.Role.ADMIN, user__is_active=True
    )
    return sorted(set(admins.values_list("user__email", flat=True)))


def coordinator_addresses() -> list[str]:
    group = Group.objects.filter(name=COORDINATOR).first()
    if group is None:
        return []
    return list(group.user_set.filter(is_active=True).values_list("email", flat=True))


def remind_registrants(now: datetime) -> int:
    due = Registration.objects.filter(
        status=Registration.Status.REGISTERED,
        reminded_at__isnull=True,
        meeting__status=Meeting.Status.PUBLISHED,
        meeting__starts_at__gt=now,
        meeting__starts_at__lte=now + REMIND_BEFORE,
    ).select_related("meeting__municipality")
    sent = 0
    for registration in due:
        with transaction.atomic():
            # Still registered at this moment: who cancelled since the list was read gets none.
            still_due = Registration.objects.filter(
                pk=registration.pk,
                status=Registration.Status.REGISTERED,
                meeting__status=Meeting.Status.PUBLISHED,
            )
            if not _claim(still_due, "reminded_at", now):
                continue
            meeting = registration.meeting
            send_after_commit(
                "meetings/email/reminder",
                {
                    "meeting": meeting,
                    "registration": registration,
                    "when": time_span(meeting.starts_at, meeting.ends_at),
                    "page": meeting_page(meeting),
                },
                to=[registration.email],
            )
            sent += 1
    return sent


def brief_hosts(now: datetime) -> int:
    due = Meeting.objects.filter(
        status=Meeting.Status.PUBLISHED,
        host_briefed_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + BRIEF_HOST_BEFORE,
    ).select_related("host", "municipality")
    sent = 0
    for meeting in due:
        with transaction.atomic():
            still_on = Meeting.objects.filter(pk=meeting.pk, status=Meeting.Status.PUBLISHED)
            if not _claim(still_on, "host_briefed_at", now):
                continue
            registrations = meeting.registrations
            needs = list(
                registrations.filter(status=Registration.Status.REGISTERED)
                .exclude(needs="")
                .values_list("needs", flat=True)
            )
            send_after_commit(
                "meetings/email/host_briefing",
                {
                    "meeting": meeting,
                    "when": time_span(meeting.starts_at, meeting.ends_at),
                    "registered": registrations.filter(
                        status=Registration.Status.REGISTERED
                    ).count(),
                    "waiting": registrations.filter(status=Registration.Status.WAITING).count(),
                    "needs": needs,
                    "tasks": open_tasks(meeting),
                    "organiser_page": organiser_page(meeting),
                },
                to=host_admin_addresses(meeting),
            )
            sent += 1
    return sent


def ask_for_reports(now: datetime) -> int:
    due = Meeting.objects.filter(
        Q(status=Meeting.Status.PUBLISHED) | Q(status=Meeting.Status.HELD),
        report__isnull=True,
        report_requested_at__isnull=True,
        ends_at__lte=now - ASK_REPORT_AFTER,
        ends_at__gt=now - ASK_REPORT_WITHIN,
    ).select_related("host")
    coordinators = coordinator_addresses()
    sent = 0
    for meeting in due:
        with transaction.atomic():
            if not _claim(Meeting.objects.filter(pk=meeting.pk), "report_requested_at", now):
                continue
            send_after_commit(
                "meetings/email/report_request",
                {
                    "meeting": meeting,
                    "when": time_span(meeting.starts_at, meeting.ends_at),
                    "report_page": reverse("meetings:report", kwargs={"slug": meeting.slug}),
                },
                to=coordinators,
            )
            sent += 1
    return sent


def send_meeting_reminders(now: datetime | None = None) -> Sent:
    now = now or timezone.now()
    return Sent(
        reminders=remind_registrants(now),
        host_briefings=brief_hosts(now),
        report_requests=ask_for_reports(now),
    )
