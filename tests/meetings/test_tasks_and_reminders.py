from collections.abc import Callable
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from accounts.models import User
from meetings.models import Meeting, Registration, Report
from meetings.task_list import create_tasks
from tests.factories import InitiativeFactory
from tests.meetings.factories import MeetingFactory, RegistrationFactory
from tests.meetings.factories_organise import HOSTILE

pytestmark = pytest.mark.django_db


def in_(days: float) -> dict[str, object]:
    starts = timezone.now() + timedelta(days=days)
    return {"starts_at": starts, "ends_at": starts + timedelta(hours=2)}


def run_twice(committed: Callable) -> None:
    for _time in range(2):
        with committed():
            call_command("send_meeting_reminders", stdout=StringIO())


def test_a_task_is_ticked_off_with_who_and_when_and_opened_again(
    client: Client, member: User
) -> None:
    meeting = MeetingFactory(host=InitiativeFactory(admin=member))
    create_tasks(meeting)
    task = meeting.tasks.get(title="Zaal reserveren")
    client.force_login(member)
    response = client.post(f"/meetings/{meeting.slug}/organise/tasks/{task.pk}/", {"done": "1"})
    assert response["Location"] == f"/meetings/{meeting.slug}/organise/#taken"
    task.refresh_from_db()
    assert task.done_by == member
    assert task.done_at is not None
    page = client.get(f"/meetings/{meeting.slug}/organise/").content.decode()
    assert f"Gedaan door {escape(member.name)}" in page  # Faker names can hold an apostrophe
    client.post(f"/meetings/{meeting.slug}/organise/tasks/{task.pk}/", {"done": "0"})
    task.refresh_from_db()
    assert task.done_at is None
    assert task.done_by is None


def test_ticking_twice_keeps_the_first_name(
    client: Client, member: User, coordinator: User
) -> None:
    meeting = MeetingFactory(host=InitiativeFactory(admin=member))
    task = create_tasks(meeting)[0]
    client.force_login(member)
    client.post(f"/meetings/{meeting.slug}/organise/tasks/{task.pk}/", {"done": "1"})
    client.force_login(coordinator)
    client.post(f"/meetings/{meeting.slug}/organise/tasks/{task.pk}/", {"done": "1"})
    task.refresh_from_db()
    assert task.done_by == member


def test_tasks_are_only_for_the_organisers(
    client: Client, member: User, other_member: User
) -> None:
    meeting = MeetingFactory(host=InitiativeFactory(admin=member))
    other = MeetingFactory()
    task = create_tasks(meeting)[0]
    client.force_login(other_member)
    assert client.post(f"/meetings/{meeting.slug}/organise/tasks/{task.pk}/").status_code == 403
    client.force_login(member)
    assert client.post(f"/meetings/{other.slug}/organise/tasks/{task.pk}/").status_code == 403
    client.force_login(member)
    assert client.get(f"/meetings/{meeting.slug}/organise/tasks/{task.pk}/").status_code == 405
    second = MeetingFactory(host=meeting.host)
    assert client.post(f"/meetings/{second.slug}/organise/tasks/{task.pk}/").status_code == 404


def test_registered_people_are_reminded_two_days_before_once(committed: Callable) -> None:
    soon = MeetingFactory(title=HOSTILE[:150], **in_(1.5))
    later = MeetingFactory(**in_(4))
    reminded = RegistrationFactory(meeting=soon, name=HOSTILE[:120])
    RegistrationFactory(meeting=soon, status=Registration.Status.WAITING)
    RegistrationFactory(meeting=soon, status=Registration.Status.CANCELLED)
    RegistrationFactory(meeting=later)
    draft = MeetingFactory(status=Meeting.Status.DRAFT, **in_(1))
    RegistrationFactory(meeting=draft)
    run_twice(committed)
    reminders = [m for m in mail.outbox if m.subject.startswith("Binnenkort")]
    assert [m.to for m in reminders] == [[reminded.email]]
    assert HOSTILE[:120] in reminders[0].body  # plain text as typed
    assert "Amerikalaan 199" in reminders[0].body
    reminded.refresh_from_db()
    assert reminded.reminded_at is not None


def test_the_online_link_is_in_the_reminder(committed: Callable) -> None:
    meeting = MeetingFactory(kind="hybrid", online_link="https://meet.example.nl/abc", **in_(1))
    RegistrationFactory(meeting=meeting)
    run_twice(committed)
    assert "https://meet.example.nl/abc" in mail.outbox[0].body


def test_the_hosts_admins_get_count_needs_and_open_tasks_a_week_before_once(
    committed: Callable, member: User, plain_member: User
) -> None:
    host = InitiativeFactory(admin=member)
    host.memberships.create(user=plain_member)  # a member, not an admin: not briefed
    co_host_admin = InitiativeFactory(admin=User.objects.create(email="mede@example.nl"))
    meeting = MeetingFactory(host=host, **in_(6))
    meeting.co_hosts.add(co_host_admin)
    tasks = create_tasks(meeting)
    tasks[0].done_at = timezone.now()
    tasks[0].save()
    RegistrationFactory(meeting=meeting, needs="Rolstoel")
    RegistrationFactory(meeting=meeting, needs=HOSTILE)
    RegistrationFactory(meeting=meeting, status=Registration.Status.WAITING, needs="Glutenvrij")
    MeetingFactory(host=host, **in_(9))  # not yet
    run_twice(committed)
    briefings = [m for m in mail.outbox if m.subject.startswith("Volgende week")]
    assert sorted(m.to[0] for m in briefings) == ["lid@example.nl", "mede@example.nl"]
    body = briefings[0].body
    assert "Aangemeld: 2 mensen (wachtlijst: 1)" in body
    assert "- Rolstoel" in body
    assert HOSTILE in body
    assert "Glutenvrij" not in body  # waiting, not coming (yet)
    assert "Zaal reserveren" not in body  # done
    assert "- Uitnodiging versturen (coördinator)" in body
    assert f"/meetings/{meeting.slug}/organise/" in body


def test_the_coordinators_are_asked_for_the_report_three_days_after_once(
    committed: Callable, coordinator: User
) -> None:
    asked = MeetingFactory(title="Zonder verslag", **in_(-4))
    held = MeetingFactory(status=Meeting.Status.HELD, **in_(-5))
    with_report = MeetingFactory(**in_(-4))
    Report.objects.create(meeting=with_report, conclusions="Klaar")
    MeetingFactory(**in_(-2))  # too soon
    MeetingFactory(**in_(-40))  # long ago: the work overview lists it, no mail
    MeetingFactory(status=Meeting.Status.CANCELLED, **in_(-4))
    run_twice(committed)
    requests = [m for m in mail.outbox if m.subject.startswith("Verslag gevraagd")]
    assert sorted(m.subject for m in requests) == sorted(
        f"Verslag gevraagd: {m.title}" for m in (asked, held)
    )
    assert all(m.to == [coordinator.email] for m in requests)
    assert f"/meetings/{asked.slug}/report/" in next(
        m.body for m in requests if asked.title in m.subject
    )


def test_the_command_says_what_it_did(committed: Callable) -> None:
    RegistrationFactory(meeting=MeetingFactory(**in_(1)))
    out = StringIO()
    with committed():
        call_command("send_meeting_reminders", stdout=out)
    assert "Reminded 1 registration(s)" in out.getvalue()
