"""Coordinators schedule meetings: create, edit, publish, cancel.

Every action re-reads the meeting under a row lock and writes only the columns it changes, so a
cancel and an edit at the same moment never undo each other. Editing a published meeting raises
its SEQUENCE (calendars see the change); a change of time or place is told to everyone who is
registered or waiting.
"""

from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from initiatives.errors import violated_constraint
from meetings.errors import MeetingRuleError
from meetings.models import Meeting, Registration
from meetings.registration import fill_free_places
from meetings.task_list import create_tasks
from omzien.mailing import send_after_commit

# Columns of the form that e-mail the registered people when they change.
TOLD_WHEN_CHANGED = ("starts_at", "ends_at", "venue_name", "address", "municipality", "kind")
# The form's own fields and the columns they write.
FORM_COLUMNS = {
    "date": ("starts_at", "ends_at"),
    "start_time": ("starts_at",),
    "end_time": ("ends_at",),
}


def time_span(starts_at: datetime, ends_at: datetime) -> str:
    """“27 maart 2027, 16.30–18.30 uur” (GLOSSARY.md)."""
    starts, ends = timezone.localtime(starts_at), timezone.localtime(ends_at)
    text = _("%(date)s, %(start_h)s:%(start_m)s–%(end_h)s:%(end_m)s") % {
        "date": date_format(starts, "j F Y"),
        "start_h": starts.hour,
        "start_m": f"{starts.minute:02d}",
        "end_h": ends.hour,
        "end_m": f"{ends.minute:02d}",
    }
    if ends.date() != starts.date():  # past midnight: say the end's date too
        text += f" ({date_format(ends, 'j F Y')})"
    return text


def meeting_page(meeting: Meeting) -> str:
    """The public page's address, or "" while the app has no such page (e-mails skip the link)."""
    try:
        return meeting.get_absolute_url()
    except NoReverseMatch:
        return ""


def organiser_page(meeting: Meeting) -> str:
    return reverse("meetings:organise", kwargs={"slug": meeting.slug})


def unique_slug(meeting: Meeting) -> str:
    day = timezone.localtime(meeting.starts_at).date().isoformat()
    base = f"{slugify(meeting.title)[:150].strip('-') or 'bijeenkomst'}-{day}"
    slug, number = base, 2
    while Meeting.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _save(meeting: Meeting, **kwargs: Any) -> None:
    """Save, telling a rule the database guards next to the field (two people at once)."""
    try:
        with transaction.atomic():
            meeting.save(**kwargs)
    except IntegrityError as error:
        constraint = violated_constraint(error)
        if constraint == "meeting_ends_after_it_starts":
            raise MeetingRuleError(
                _("The end must be after the start."), field="end_time"
            ) from error
        if constraint == "meeting_capacity_in_range":
            raise MeetingRuleError(
                _("A meeting has from 1 to 1000 places."), field="capacity"
            ) from error
        if constraint == "meeting_point_has_both_coordinates":
            raise MeetingRuleError(
                _("Give both the latitude and the longitude, or neither."), field="latitude"
            ) from error
        raise


def create_meeting(form: Any, agenda: Any, *, by: User) -> Meeting:
    """A new meeting is a draft with its task list; coordinators publish it when it is ready."""
    with transaction.atomic():
        meeting: Meeting = form.save(commit=False)
        meeting.status = Meeting.Status.DRAFT
        meeting.created_by = by
        for _attempt in range(5):
            meeting.slug = unique_slug(meeting)
            try:
                _save(meeting)
            except IntegrityError as error:  # the same slug taken at the same moment
                if "slug" not in (violated_constraint(error) or ""):
                    raise
                meeting.pk = None
                continue
            break
        form.save_m2m()
        agenda.instance = meeting
        agenda.save()
        create_tasks(meeting)
    return meeting


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _changed_columns(form: Any) -> list[str]:
    model_columns = {field.name for field in Meeting._meta.concrete_fields}
    columns: list[str] = []
    for name in form.changed_data:
        for column in FORM_COLUMNS.get(name, (name,)):
            if column in model_columns and column not in columns:
                columns.append(column)
    if "description" in columns:
        columns.append("description_html")
    return columns


def _shown(meeting: Meeting, column: str) -> str:
    if column == "municipality":
        return meeting.municipality.name
    if column == "kind":
        return str(meeting.get_kind_display())
    # An empty old value reads "(not given)", not as a blank before the arrow.
    return str(getattr(meeting, column) or _("(not given)"))


def what_changed(before: Meeting, after: Meeting) -> list[tuple[str, str, str]]:
    """(what, old, new) for the registered people: the time as one line, then the place."""
    changes = []
    if (before.starts_at, before.ends_at) != (after.starts_at, after.ends_at):
        changes.append(
            (
                _("When"),
                time_span(before.starts_at, before.ends_at),
                time_span(after.starts_at, after.ends_at),
            )
        )
    labels = {
        "venue_name": _("Venue"),
        "address": _("Address"),
        "municipality": _("Municipality"),
        "kind": _("Type"),
    }
    for column, label in labels.items():
        if column == "municipality":
            same = before.municipality_id == after.municipality_id
        else:
            same = getattr(before, column) == getattr(after, column)
        if not same:
            changes.append((label, _shown(before, column), _shown(after, column)))
    return changes


def people_to_tell(meeting: Meeting) -> QuerySet[Registration]:
    return meeting.registrations.filter(
        status__in=(Registration.Status.REGISTERED, Registration.Status.WAITING)
    )


def update_meeting(meeting: Meeting, form: Any, agenda: Any, *, by: User) -> Meeting:
    with transaction.atomic():
        before = _locked(meeting)
        if before.status == Meeting.Status.CANCELLED:
            raise MeetingRuleError(
                _("This meeting was cancelled meanwhile; your changes are not saved.")
            )
        columns = _changed_columns(form)
        m2m_changed = bool({"co_hosts", "themes"} & set(form.changed_data))
        if not (columns or m2m_changed or agenda.has_changed()):
            return before
        updated: Meeting = form.save(commit=False)
        # What this form did not change is as read under the lock (another edit, a cancel).
        for field in Meeting._meta.concrete_fields:
            if field.attname not in columns and field.name not in columns:
                setattr(updated, field.attname, getattr(before, field.attname))
        if before.status == Meeting.Status.PUBLISHED:
            updated.sequence = before.sequence + 1
            columns.append("sequence")
        _save(updated, update_fields=[*columns, "updated_at"])
        if "capacity" in columns:
            # More places go to the people waiting, in order, before any newcomer.
            fill_free_places(updated)
        form.save_m2m()
        agenda.save()
        changes = what_changed(before, updated)
        link_changed = bool(updated.online_link) and before.online_link != updated.online_link
        if before.status == Meeting.Status.PUBLISHED and (changes or link_changed):
            _tell_about_changes(updated, changes, link_changed=link_changed)
    return updated


def _tell_about_changes(
    meeting: Meeting, changes: list[tuple[str, str, str]], *, link_changed: bool
) -> None:
    """The registered get the new link to join online too; people waiting get it with a place."""
    for registration in people_to_tell(meeting):
        send_after_commit(
            "meetings/email/meeting_changed",
            {
                "meeting": meeting,
                "registration": registration,
                "changes": changes,
                "link_changed": link_changed,
                "when": time_span(meeting.starts_at, meeting.ends_at),
                "page": meeting_page(meeting),
            },
            to=[registration.email],
        )


def publish_meeting(meeting: Meeting, *, by: User) -> Meeting:
    with transaction.atomic():
        locked = _locked(meeting)
        if locked.status == Meeting.Status.PUBLISHED:
            raise MeetingRuleError(_("This meeting is already published."))
        if locked.status != Meeting.Status.DRAFT:
            raise MeetingRuleError(_("Only a draft can be published."))
        if locked.starts_at < timezone.now():
            raise MeetingRuleError(
                _("This meeting's start has passed. Choose a new date before you publish it.")
            )
        locked.status = Meeting.Status.PUBLISHED
        locked.save(update_fields=["status", "updated_at"])
    return locked


def cancel_meeting(meeting: Meeting, *, reason: str, by: User) -> Meeting:
    """Everyone registered, waiting or not yet confirmed is told why, by e-mail."""
    with transaction.atomic():
        locked = _locked(meeting)
        if locked.status == Meeting.Status.CANCELLED:
            raise MeetingRuleError(_("This meeting is already cancelled."))
        if locked.status == Meeting.Status.HELD:
            raise MeetingRuleError(_("This meeting has taken place; it cannot be cancelled."))
        was_public = locked.is_public
        locked.status = Meeting.Status.CANCELLED
        locked.cancel_reason = reason
        locked.sequence += 1
        locked.save(update_fields=["status", "cancel_reason", "sequence", "updated_at"])
        if was_public:
            for registration in locked.registrations.filter(
                status__in=Registration.ACTIVE_STATUSES
            ):
                send_after_commit(
                    "meetings/email/meeting_cancelled",
                    {
                        "meeting": locked,
                        "registration": registration,
                        "when": time_span(locked.starts_at, locked.ends_at),
                    },
                    to=[registration.email],
                )
    return locked
