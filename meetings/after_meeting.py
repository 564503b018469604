"""After the meeting: who came (registrations ticked, walk-ins by initiative) and the report.

Saving either marks a meeting that has ended as held; a report marks the host offer that led to
the meeting as reported.
"""

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from initiatives.errors import violated_constraint
from initiatives.models import Initiative
from meetings.errors import MeetingRuleError
from meetings.models import HostOffer, Meeting, Registration, Report, WalkIn


def can_look_back(meeting: Meeting) -> bool:
    """Attendance and a report make sense once a published (or held) meeting has begun."""
    return (
        meeting.status in (Meeting.Status.PUBLISHED, Meeting.Status.HELD)
        and meeting.starts_at <= timezone.now()
    )


def _locked_for_looking_back(meeting: Meeting) -> Meeting:
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not can_look_back(locked):
        raise MeetingRuleError(
            _("Attendance and the report can be recorded once the meeting has begun.")
        )
    return locked


def _mark_held(meeting: Meeting) -> None:
    """The caller holds the meeting's lock."""
    if meeting.status == Meeting.Status.PUBLISHED and meeting.ends_at <= timezone.now():
        meeting.status = Meeting.Status.HELD
        meeting.save(update_fields=["status", "updated_at"])


def came_registrations(meeting: Meeting) -> list[Registration]:
    return list(
        meeting.registrations.filter(status=Registration.Status.REGISTERED)
        .select_related("initiative")
        .order_by("name", "pk")
    )


def record_attendance(meeting: Meeting, attended: Iterable[int], *, by: User) -> Meeting:
    """`attended`: the ids of the registrations that came; the others did not."""
    ids = set(attended)
    with transaction.atomic():
        locked = _locked_for_looking_back(meeting)
        registered = locked.registrations.filter(status=Registration.Status.REGISTERED)
        registered.filter(pk__in=ids).update(attended=True)
        registered.exclude(pk__in=ids).update(attended=False)
        _mark_held(locked)
    return locked


def add_walk_in(meeting: Meeting, initiative: Initiative, people: int, *, by: User) -> WalkIn:
    with transaction.atomic():
        locked = _locked_for_looking_back(meeting)
        try:
            with transaction.atomic():
                walk_in = WalkIn.objects.create(
                    meeting=locked, initiative=initiative, people=people
                )
        except IntegrityError as error:
            if violated_constraint(error) == "walkin_once_per_initiative":
                raise MeetingRuleError(
                    _("This initiative is already on the list. Change its number below instead."),
                    field="initiative",
                ) from error
            raise
        _mark_held(locked)
    return walk_in


def remove_walk_in(meeting: Meeting, walk_in_id: int, *, by: User) -> None:
    with transaction.atomic():
        locked = _locked_for_looking_back(meeting)
        WalkIn.objects.filter(meeting=locked, pk=walk_in_id).delete()


def save_report(meeting: Meeting, form: Any, *, by: User) -> Report:
    """Write or rewrite the report; the meeting counts as held, its host offer as reported."""
    with transaction.atomic():
        locked = _locked_for_looking_back(meeting)
        existing = Report.objects.select_for_update().filter(meeting=locked).first()
        report: Report = form.save(commit=False)
        report.meeting = locked
        if existing is not None:
            report.pk = existing.pk
            report.published_at = existing.published_at
        report.written_by = by
        report.save()
        _mark_held(locked)
        HostOffer.objects.filter(meeting=locked).exclude(
            status__in=(HostOffer.Status.DECLINED, HostOffer.Status.WITHDRAWN)
        ).update(status=HostOffer.Status.REPORTED, updated_at=timezone.now())
    return report


def attendance_counts(meeting: Meeting) -> dict[str, int]:
    came = meeting.registrations.filter(
        status=Registration.Status.REGISTERED, attended=True
    ).count()
    walk_ins = sum(meeting.walk_ins.values_list("people", flat=True))
    return {"registered_came": came, "walk_ins": walk_ins, "total": came + walk_ins}
