"""Registering and cancelling at the same moment: real threads, each with its own connection, in
committed transactions. The lock on the meeting row counts the places one action at a time."""

import pytest
from django.core import mail

from meetings.models import Registration
from meetings.registration import Details, cancel, confirm, register
from tests.concurrency import all_at_once
from tests.factories import UserFactory
from tests.meetings.factories import MeetingFactory, RegistrationFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def statuses(meeting_pk: int) -> dict[str, int]:
    counted: dict[str, int] = {}
    for status in Registration.objects.filter(meeting_id=meeting_pk).values_list(
        "status", flat=True
    ):
        counted[status] = counted.get(status, 0) + 1
    return counted


def test_twenty_people_at_once_for_five_places_give_five_registered_and_fifteen_waiting() -> None:
    meeting = MeetingFactory(capacity=5)
    people = [UserFactory() for _ in range(20)]
    outcomes = all_at_once(
        *[lambda person=person: register(meeting, Details(), user=person) for person in people]
    )
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert statuses(meeting.pk) == {"registered": 5, "waiting": 15}
    queue = Registration.objects.filter(meeting=meeting, status="waiting")
    assert queue.exclude(queued_at=None).count() == 15


def test_twenty_guests_confirming_at_once_for_five_places() -> None:
    meeting = MeetingFactory(capacity=5)
    guests = [
        RegistrationFactory(
            meeting=meeting, status="unconfirmed", confirmed_at=None, queued_at=None
        )
        for _ in range(20)
    ]
    outcomes = all_at_once(*[lambda g=g: confirm(g.token) for g in guests])
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert statuses(meeting.pk) == {"registered": 5, "waiting": 15}


def test_two_cancellations_at_once_move_up_exactly_two() -> None:
    meeting = MeetingFactory(capacity=5)
    registered = [RegistrationFactory(meeting=meeting) for _ in range(5)]
    waiting = [RegistrationFactory(meeting=meeting, status="waiting") for _ in range(4)]
    outcomes = all_at_once(lambda: cancel(registered[0].token), lambda: cancel(registered[1].token))
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert statuses(meeting.pk) == {"registered": 5, "waiting": 2, "cancelled": 2}
    moved = set(
        Registration.objects.filter(
            pk__in=[w.pk for w in waiting], status="registered"
        ).values_list("pk", flat=True)
    )
    assert moved == {waiting[0].pk, waiting[1].pk}  # the first two in the queue
    moved_up_mails = [m for m in mail.outbox if "plek" in m.subject or "place" in m.subject]
    assert sorted(m.to[0] for m in moved_up_mails) == sorted([waiting[0].email, waiting[1].email])


def test_the_same_cancellation_twice_at_once_moves_up_one() -> None:
    meeting = MeetingFactory(capacity=1)
    registration = RegistrationFactory(meeting=meeting)
    RegistrationFactory(meeting=meeting, status="waiting")
    RegistrationFactory(meeting=meeting, status="waiting")
    outcomes = all_at_once(lambda: cancel(registration.token), lambda: cancel(registration.token))
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert statuses(meeting.pk) == {"registered": 1, "waiting": 1, "cancelled": 1}


def test_a_double_click_with_an_account_registers_once_and_the_second_gets_the_message() -> None:
    meeting = MeetingFactory()
    person = UserFactory()
    outcomes = all_at_once(*[lambda: register(meeting, Details(), user=person)] * 2)
    assert Registration.objects.filter(meeting=meeting).count() == 1
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 1
    assert errors[0].field == "email"


def test_a_guests_double_click_registers_once_and_sends_the_same_link() -> None:
    meeting = MeetingFactory()
    outcomes = all_at_once(
        *[lambda: register(meeting, Details(name="Fatima", email="fatima@example.nl"))] * 2
    )
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert outcomes[0].pk == outcomes[1].pk
    assert Registration.objects.filter(meeting=meeting).count() == 1
