"""Template helpers of meeting registration: who is coming, a person's own registrations.

{% load meeting_registration %}
{% attendance_of meeting as attendance %}
{% my_registration_for meeting request.user as mine %}
{% my_meeting_registrations user as registrations %}
{{ meeting|meeting_path }}  {{ meeting|meeting_when }}
"""

from django import template
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from meetings import calendar
from meetings.attendance import Attendance
from meetings.attendance import attendance_of as count_attendance
from meetings.models import Meeting, Registration
from meetings.registration import is_open_for_registration
from omzien import content_version
from omzien.shared_cache import get_or_compute
from omzien.templatetags.dutch_time import long_date

register = template.Library()


@register.simple_tag
def attendance_of(meeting: Meeting) -> Attendance:
    return count_attendance(meeting)


@register.simple_tag(takes_context=True)
def my_registration_for(
    context: template.Context, meeting: Meeting, user: User | AnonymousUser
) -> Registration | None:
    """Their active registration, with what the panel shows of it (status and token). Kept per
    person, meeting and content version (a registration moves the version), so a second view of
    the page asks nothing; else one plain query."""
    if not user.is_authenticated:
        return None
    request = context.get("request")
    if request is None:
        return _own_registration(meeting, user)
    key = f"meeting-mine:{meeting.pk}:{user.pk}:{content_version.current(request)}"
    return get_or_compute(key, lambda: _own_registration(meeting, user))


def _own_registration(meeting: Meeting, user: User) -> Registration | None:
    table = connection.ops.quote_name(Registration._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, status, token FROM {table} "  # noqa: S608 - the model's table
            "WHERE meeting_id = %s AND user_id = %s AND status = ANY(%s) ORDER BY id LIMIT 1",
            [meeting.pk, user.pk, list(Registration.ACTIVE_STATUSES)],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    return Registration(
        pk=row[0], status=row[1], token=row[2], meeting_id=meeting.pk, user_id=user.pk
    )


@register.simple_tag
def my_meeting_registrations(user: User | AnonymousUser) -> list[Registration]:
    """A person's active registrations for meetings still to come, soonest first."""
    if not user.is_authenticated:
        return []
    return list(
        Registration.objects.filter(
            user=user,
            status__in=Registration.ACTIVE_STATUSES,
            meeting__ends_at__gt=timezone.now(),
        )
        .select_related("meeting")
        .order_by("meeting__starts_at")
    )


@register.filter
def open_for_registration(meeting: Meeting) -> bool:
    return is_open_for_registration(meeting)


@register.filter
def meeting_path(meeting: Meeting) -> str:
    return calendar.meeting_path(meeting)


def _clock(moment: object) -> str:
    local = timezone.localtime(moment)  # type: ignore[arg-type]
    return f"{local.hour}.{local.minute:02d}"


@register.filter
def meeting_when(meeting: Meeting) -> str:
    """ "27 maart 2027, 16.30–18.30 uur" (a meeting over midnight names both days)."""
    start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    if start.date() == end.date():
        return (
            _("%(date)s, %(start)s–%(end)s")
            % {
                "date": long_date(start),
                "start": _clock(start),
                "end": _clock(end),
            }
            + " "
            + _("o'clock")
        )
    return f"{long_date(start)}, {_clock(start)} – {long_date(end)}, {_clock(end)} " + _("o'clock")
