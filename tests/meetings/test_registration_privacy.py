"""A person's registrations in My account, in the download, on deletion; guests' data purged."""

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from accounts.deletion import delete_account
from accounts.models import User
from meetings.attendance import attendance_of
from meetings.models import Meeting, Registration
from tests.factories import InitiativeFactory, UserFactory
from tests.meetings.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

Committed = Callable[[], AbstractContextManager[list]]


def past_meeting(days_ago: int) -> Meeting:
    start = timezone.now() - timedelta(days=days_ago)
    return MeetingFactory(
        status=Meeting.Status.HELD, starts_at=start, ends_at=start + timedelta(hours=2)
    )


def test_my_account_lists_upcoming_registrations_with_a_cancel_button(
    login: Callable[[User], Client],
) -> None:
    user = UserFactory()
    coming = RegistrationFactory(user=user, meeting__title="Bijeenkomst in Amersfoort")
    RegistrationFactory(user=user, meeting=past_meeting(30), email=user.email)
    page = login(user).get("/my-account/").content.decode()
    assert "Bijeenkomst in Amersfoort" in page
    assert f"/meetings/registration/{coming.token}/cancel/" in page
    assert page.count("/cancel/") == 1


def test_the_download_holds_the_registrations(login: Callable[[User], Client]) -> None:
    user = UserFactory()
    RegistrationFactory(user=user, email=user.email, needs="Rolstoel", wants_to_help=True)
    data = json.loads(login(user).get("/my-account/export/").content)
    [registration] = data["meetings"]["registrations"]
    assert registration["needs"] == "Rolstoel"
    assert registration["wants_to_help"] is True
    assert registration["status"] == "registered"


def test_deleting_the_account_anonymises_the_past_and_cancels_the_upcoming(
    committed: Committed,
) -> None:
    user = UserFactory()
    initiative = InitiativeFactory()
    held = past_meeting(30)
    kept = RegistrationFactory(
        meeting=held,
        user=user,
        email=user.email,
        needs="Glutenvrij",
        initiative=initiative,
        attended=True,
    )
    coming = MeetingFactory(capacity=1)
    RegistrationFactory(meeting=coming, user=user, email=user.email)
    waiting = RegistrationFactory(meeting=coming, status="waiting")
    with committed():
        delete_account(user)

    kept.refresh_from_db()
    assert kept.name == "verwijderd"
    assert kept.email == f"verwijderd-{kept.pk}@verwijderd.invalid"
    assert kept.user is None
    assert kept.needs == ""
    assert kept.attended
    assert kept.initiative == initiative
    assert attendance_of(held).registered == 1
    assert not Registration.objects.filter(meeting=coming, email=user.email).exists()
    waiting.refresh_from_db()
    assert waiting.status == "registered"
    assert [m.to for m in mail.outbox] == [[waiting.email]]


def test_guests_data_goes_twelve_months_after_the_meeting() -> None:
    old, recent = past_meeting(400), past_meeting(200)
    came = RegistrationFactory(meeting=old, name="Gast", needs="Rolstoel", attended=True)
    never = RegistrationFactory(meeting=old, status="unconfirmed", queued_at=None)
    cancelled = RegistrationFactory(meeting=old, status="cancelled")
    member = UserFactory()
    with_account = RegistrationFactory(meeting=old, user=member, email=member.email)
    young = RegistrationFactory(meeting=recent, name="Nog even")
    call_command("purge_guest_registrations")

    came.refresh_from_db()
    assert came.name == "verwijderd"
    assert came.needs == ""
    assert came.attended
    assert not Registration.objects.filter(pk__in=[never.pk, cancelled.pk]).exists()
    with_account.refresh_from_db()
    assert with_account.name != "verwijderd"
    young.refresh_from_db()
    assert young.name == "Nog even"
    # Running it again changes nothing.
    call_command("purge_guest_registrations")
    assert Registration.objects.filter(meeting=old).count() == 2
