"""Registering for a network meeting, confirming, cancelling, and the waiting list.

A person with an account counts at once; a guest (name and e-mail) counts once they followed the
link in their e-mail. Counting happens under a row lock on the meeting: every action that takes or
frees a place re-reads the meeting with `select_for_update()`, counts the places taken and then
decides, so twenty people at the same moment for five places give exactly five registered and
fifteen waiting. A freed place goes to the first person waiting, in the same transaction.
"""

import secrets
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from initiatives.models import Initiative
from meetings.calendar import registration_calendar
from meetings.models import Meeting, Registration
from omzien.mailing import send_after_commit
from omzien.site_address import site_url

# The e-mails of this module, under meetings/templates/meetings/email/.
CONFIRM_LINK = "meetings/email/registration_confirm_link"
CONFIRMATION = "meetings/email/registration_confirmation"
MOVED_UP = "meetings/email/registration_moved_up"
UNCONFIRMED = Registration.Status.UNCONFIRMED
# A guest's data is deleted this long after the meeting (purge_guest_registrations).
GUEST_DATA_KEPT_MONTHS = 12


class RegistrationError(Exception):
    """A rule a person ran into: shown next to `field` (None: above the form)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Details:
    """What a person fills in; name and e-mail come from the account when signed in."""

    name: str = ""
    email: str = ""
    initiative: Initiative | None = None
    show_initiative: bool = False
    needs: str = ""
    wants_to_help: bool = False


def new_token() -> str:
    return secrets.token_urlsafe(32)


def is_open_for_registration(meeting: Meeting) -> bool:
    return meeting.status == Meeting.Status.PUBLISHED and meeting.ends_at > timezone.now()


def active_registration(meeting: Meeting, email: str) -> Registration | None:
    return (
        Registration.objects.filter(
            meeting=meeting, email__iexact=email, status__in=Registration.ACTIVE_STATUSES
        )
        .order_by("pk")
        .first()
    )


def _lock(meeting_pk: int) -> Meeting:
    """The meeting, locked until the transaction ends: places are counted one action at a time."""
    return Meeting.objects.select_for_update().get(pk=meeting_pk)


def _places_taken(meeting: Meeting) -> int:
    return Registration.objects.filter(
        meeting=meeting, status=Registration.Status.REGISTERED
    ).count()


def _take_place(meeting: Meeting, registration: Registration) -> None:
    """A place if one is free, else the end of the waiting list. The meeting is locked."""
    now = timezone.now()
    free = _places_taken(meeting) < meeting.capacity
    registration.status = Registration.Status.REGISTERED if free else Registration.Status.WAITING
    registration.queued_at = now


def waiting_position(registration: Registration) -> int | None:
    """1 for the first person waiting; None when not waiting."""
    if registration.status != Registration.Status.WAITING or registration.queued_at is None:
        return None
    ahead = Registration.objects.filter(
        Q(queued_at__lt=registration.queued_at)
        | Q(queued_at=registration.queued_at, pk__lt=registration.pk),
        meeting_id=registration.meeting_id,
        status=Registration.Status.WAITING,
    ).count()
    return ahead + 1


def _mail_context(registration: Registration, meeting: Meeting) -> dict[str, Any]:
    return {"registration": registration, "meeting": meeting}


def _send_confirmation(registration: Registration, meeting: Meeting, template: str) -> None:
    """The registered (or waiting) person's e-mail with their own calendar file."""
    ics = registration_calendar(registration, meeting, base_url=site_url())
    send_after_commit(
        template,
        _mail_context(registration, meeting),
        to=[registration.email],
        attachments=[("bijeenkomst.ics", ics, "text/calendar")],
    )


def register(meeting: Meeting, details: Details, *, user: User | None = None) -> Registration:
    """Register `user` (counts at once) or a guest (waits for the link in their e-mail)."""
    if user is not None:
        details = Details(
            name=user.name or user.email,
            email=user.email,
            initiative=details.initiative,
            show_initiative=details.show_initiative and details.initiative is not None,
            needs=details.needs,
            wants_to_help=details.wants_to_help,
        )
    else:
        # On behalf of an initiative only with an account: a guest cannot show they belong to it.
        details = Details(
            name=details.name,
            email=details.email,
            needs=details.needs,
            wants_to_help=details.wants_to_help,
        )
    try:
        with transaction.atomic():
            locked = _lock(meeting.pk)
            if not is_open_for_registration(locked):
                raise RegistrationError(_("You can no longer register for this meeting."))
            existing = active_registration(locked, details.email)
            if existing is not None and user is None and existing.status == UNCONFIRMED:
                # The guest lost the e-mail, or clicked twice: the same link once more (the view
                # limits how often), and nothing they typed now replaces what was typed then.
                send_after_commit(
                    CONFIRM_LINK, _mail_context(existing, locked), to=[existing.email]
                )
                return existing
            if existing is not None:
                raise RegistrationError(_already_registered_message(), field="email")
            registration = Registration(
                meeting=locked,
                user=user,
                name=details.name,
                email=details.email,
                initiative=details.initiative,
                show_initiative=details.show_initiative,
                needs=details.needs,
                wants_to_help=details.wants_to_help,
                token=new_token(),
            )
            if user is not None:
                registration.confirmed_at = timezone.now()
                _take_place(locked, registration)
            registration.save()
            if user is None:
                send_after_commit(
                    CONFIRM_LINK, _mail_context(registration, locked), to=[registration.email]
                )
            else:
                _send_confirmation(registration, locked, CONFIRMATION)
    except IntegrityError as error:
        # Two requests that both passed the check above cannot both get here (the lock), but
        # the database's rule is the last word: it becomes the same message.
        if "registration_one_per_address" in str(error):
            raise RegistrationError(_already_registered_message(), field="email") from error
        raise
    meeting.refresh_from_db()
    return registration


def _already_registered_message() -> str:
    return _(
        "This e-mail address is already registered for this meeting. Look in your e-mail for "
        "the message about it: it has a link to your registration."
    )


def confirm(token: str) -> Registration:
    """The guest followed the link in their e-mail: now they take a place or a waiting spot.
    Following it twice changes nothing."""
    with transaction.atomic():
        found = Registration.objects.get(token=token)
        meeting = _lock(found.meeting_id)
        registration = Registration.objects.select_for_update().get(pk=found.pk)
        if registration.status != Registration.Status.UNCONFIRMED:
            return registration
        if not is_open_for_registration(meeting):
            raise RegistrationError(_("You can no longer register for this meeting."))
        registration.confirmed_at = timezone.now()
        _take_place(meeting, registration)
        registration.save(update_fields=["status", "confirmed_at", "queued_at"])
        _send_confirmation(registration, meeting, CONFIRMATION)
    return registration


def cancel(token: str) -> Registration:
    """The owner cancels; a freed place goes to the first person waiting, under the same lock."""
    with transaction.atomic():
        found = Registration.objects.get(token=token)
        meeting = _lock(found.meeting_id)
        registration = Registration.objects.select_for_update().get(pk=found.pk)
        if registration.status == Registration.Status.CANCELLED:
            return registration
        if meeting.ends_at <= timezone.now():
            raise RegistrationError(_("This meeting is over: there is nothing to cancel."))
        cancel_locked(meeting, registration)
    return registration


def cancel_locked(meeting: Meeting, registration: Registration) -> None:
    """Cancel inside a transaction that holds the meeting's lock (also used on account deletion)."""
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    fill_free_places(meeting)


def fill_free_places(meeting: Meeting) -> list[Registration]:
    """Move people up from the waiting list while places are free (after a cancellation, or when
    the capacity went up). Call it with the meeting locked; each one moved up gets an e-mail."""
    if meeting.status != Meeting.Status.PUBLISHED:
        return []
    free = meeting.capacity - _places_taken(meeting)
    if free <= 0:
        return []
    moved = list(
        Registration.objects.select_for_update()
        .filter(meeting=meeting, status=Registration.Status.WAITING)
        .order_by("queued_at", "pk")[:free]
    )
    for registration in moved:
        registration.status = Registration.Status.REGISTERED
        registration.save(update_fields=["status"])
        _send_confirmation(registration, meeting, MOVED_UP)
    return moved


def cancel_all_upcoming_for(user: User) -> None:
    """On account deletion: the person's registrations for meetings still to come are cancelled
    properly (the waiting list moves up), then deleted."""
    upcoming = Registration.objects.filter(user=user, meeting__ends_at__gt=timezone.now())
    for meeting_pk, registration_pk in upcoming.values_list("meeting_id", "pk"):
        with transaction.atomic():
            meeting = _lock(meeting_pk)
            registration = Registration.objects.select_for_update().get(pk=registration_pk)
            if registration.status != Registration.Status.CANCELLED:
                cancel_locked(meeting, registration)
            registration.delete()


def anonymise(registrations: Any) -> int:
    """Keep the rows (the counts of held meetings stay right), drop what says who it was."""
    count = 0
    for registration in registrations.only("pk"):
        Registration.objects.filter(pk=registration.pk).update(
            name="verwijderd",
            email=f"verwijderd-{registration.pk}@verwijderd.invalid",
            user=None,
            needs="",
            wants_to_help=False,
        )
        count += 1
    return count
