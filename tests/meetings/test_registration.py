"""Registering for a meeting: with an account or as a guest, the waiting list, cancelling."""

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.models import User
from initiatives.models import Membership
from meetings.models import Meeting, Registration
from meetings.registration import Details, RegistrationError, cancel, confirm, register
from tests.factories import InitiativeFactory, UserFactory
from tests.meetings.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

Committed = Callable[[], AbstractContextManager[list]]
HOSTILE = 'Jan "<script>alert(1)</script>" \r\nBEGIN:VEVENT; =SUM(A1),'


def guest_data(**overrides: str) -> dict[str, str]:
    return {"name": "Fatima el Amrani", "email": "fatima@example.nl", "needs": ""} | overrides


def confirm_link(message: mail.EmailMessage) -> str:
    found = re.search(r"https?://[^\s]+/meetings/registration/[^/\s]+/confirm/", message.body)
    assert found, message.body
    return found.group(0).split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_a_guest_registers_and_counts_only_after_confirming(
    client: Client, committed: Committed
) -> None:
    meeting = MeetingFactory(capacity=2)
    with committed():
        response = client.post(f"/meetings/{meeting.slug}/register/", guest_data())
    assert response.status_code == 302
    assert response["Location"] == f"/meetings/{meeting.slug}/register/sent/"
    registration = Registration.objects.get(meeting=meeting)
    assert registration.status == Registration.Status.UNCONFIRMED
    assert registration.queued_at is None
    [message] = mail.outbox
    assert message.to == ["fatima@example.nl"]
    link = confirm_link(message)
    assert registration.token in link

    # A mail scanner following the link confirms nothing: the page has a button that posts.
    page = client.get(link)
    assert page.status_code == 200
    assert "12 maanden" in page.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.UNCONFIRMED

    with committed():
        response = client.post(link)
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Registration.Status.REGISTERED
    assert registration.confirmed_at is not None
    confirmation = mail.outbox[-1]
    assert confirmation.attachments
    filename, content, mimetype = confirmation.attachments[0]
    assert filename.endswith(".ics")
    assert mimetype == "text/calendar"
    assert str(meeting.uid) in content


def test_the_sent_page_does_not_reveal_the_link(client: Client) -> None:
    meeting = MeetingFactory()
    response = client.post(f"/meetings/{meeting.slug}/register/", guest_data(), follow=True)
    registration = Registration.objects.get(meeting=meeting)
    assert registration.token not in response.content.decode()
    assert "Kijk in je e-mail" in response.content.decode()


def test_a_member_registers_at_once_with_the_accounts_name(
    login: Callable[[User], Client], committed: Committed
) -> None:
    user = UserFactory(name="Piet Jansen")
    initiative = InitiativeFactory()
    Membership.objects.create(user=user, initiative=initiative, role=Membership.Role.MEMBER)
    meeting = MeetingFactory()
    client = login(user)
    form = client.get(f"/meetings/{meeting.slug}/register/").content.decode()
    assert 'name="email"' not in form
    assert initiative.name in form
    with committed():
        response = client.post(
            f"/meetings/{meeting.slug}/register/",
            {"initiative": initiative.pk, "show_initiative": "on", "wants_to_help": "on"},
        )
    registration = Registration.objects.get(meeting=meeting)
    assert response["Location"] == f"/meetings/registration/{registration.token}/"
    assert registration.status == Registration.Status.REGISTERED
    assert registration.user == user
    assert registration.name == "Piet Jansen"
    assert registration.email == user.email
    assert registration.initiative == initiative
    assert registration.show_initiative
    assert registration.wants_to_help
    assert mail.outbox[-1].attachments
    # Coming back to the form leads to the registration.
    again = client.get(f"/meetings/{meeting.slug}/register/")
    assert again["Location"] == f"/meetings/registration/{registration.token}/"


def test_an_initiative_one_is_not_a_member_of_is_refused(
    login: Callable[[User], Client],
) -> None:
    user = UserFactory()
    mine, other = InitiativeFactory(), InitiativeFactory()
    Membership.objects.create(user=user, initiative=mine, role=Membership.Role.MEMBER)
    meeting = MeetingFactory()
    response = login(user).post(f"/meetings/{meeting.slug}/register/", {"initiative": other.pk})
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_full_means_the_waiting_list_in_order(committed: Committed) -> None:
    meeting = MeetingFactory(capacity=2)
    people = [UserFactory() for _ in range(4)]
    with committed():
        outcomes = [register(meeting, Details(), user=person) for person in people]
    assert [r.status for r in outcomes] == ["registered", "registered", "waiting", "waiting"]
    assert outcomes[2].queued_at <= outcomes[3].queued_at
    assert "wachtlijst" in mail.outbox[-1].subject


def test_a_cancellation_moves_the_first_waiting_person_up_with_an_email(
    client: Client, committed: Committed
) -> None:
    meeting = MeetingFactory(capacity=1)
    first = RegistrationFactory(meeting=meeting)
    earlier = timezone.now() - timedelta(hours=1)
    waiting_first = RegistrationFactory(meeting=meeting, status="waiting", queued_at=earlier)
    waiting_second = RegistrationFactory(meeting=meeting, status="waiting")
    with committed():
        response = client.post(f"/meetings/registration/{first.token}/cancel/")
    assert response.status_code == 302
    first.refresh_from_db()
    waiting_first.refresh_from_db()
    waiting_second.refresh_from_db()
    assert first.status == "cancelled"
    assert first.cancelled_at
    assert waiting_first.status == "registered"
    assert waiting_second.status == "waiting"
    [message] = mail.outbox
    assert message.to == [waiting_first.email]
    assert "plek" in message.subject
    assert message.attachments


def test_cancel_is_a_post_only_and_a_forged_token_is_a_404(client: Client) -> None:
    registration = RegistrationFactory()
    assert client.get(f"/meetings/registration/{registration.token}/cancel/").status_code == 405
    registration.refresh_from_db()
    assert registration.status == "registered"
    for path in ("", "confirm/", "calendar.ics"):
        assert client.get(f"/meetings/registration/forged-token/{path}").status_code == 404
    assert client.post("/meetings/registration/forged-token/cancel/").status_code == 404


def test_a_second_registration_with_the_same_address_is_a_message_by_the_field(
    client: Client,
) -> None:
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, email="Fatima@Example.nl")
    response = client.post(f"/meetings/{meeting.slug}/register/", guest_data())
    assert response.status_code == 200
    page = response.content.decode()
    assert "al aangemeld" in page
    assert "registration_one_per_address" not in page
    assert 'id="id_email_error"' in page
    assert "Fatima el Amrani" in page  # nothing typed is lost
    assert Registration.objects.filter(meeting=meeting).count() == 1


def test_the_database_rule_becomes_the_same_message(monkeypatch: pytest.MonkeyPatch) -> None:
    """Even if the check before the insert missed it (it cannot, under the lock)."""
    from meetings import registration as module

    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, email="fatima@example.nl")
    monkeypatch.setattr(module, "active_registration", lambda *args: None)
    with pytest.raises(RegistrationError) as raised:
        register(meeting, Details(name="F", email="FATIMA@example.nl"))
    assert raised.value.field == "email"


def test_a_cancelled_registration_frees_the_address(committed: Committed) -> None:
    meeting = MeetingFactory()
    registration = RegistrationFactory(meeting=meeting, email="fatima@example.nl")
    with committed():
        cancel(registration.token)
        again = register(meeting, Details(name="Fatima", email="fatima@example.nl"))
    assert again.status == "unconfirmed"


@pytest.mark.parametrize(
    "change",
    [
        {"status": Meeting.Status.DRAFT},
        {"status": Meeting.Status.CANCELLED},
        {"status": Meeting.Status.HELD},
        {
            "starts_at": timezone.now() - timedelta(days=2),
            "ends_at": timezone.now() - timedelta(days=2) + timedelta(hours=2),
        },
    ],
)
def test_no_registration_for_a_meeting_that_is_not_open(
    client: Client, change: dict[str, object]
) -> None:
    meeting = MeetingFactory(**change)
    response = client.post(f"/meetings/{meeting.slug}/register/", guest_data())
    expected = 404 if change.get("status") == Meeting.Status.DRAFT else 200
    assert response.status_code == expected
    assert not Registration.objects.exists()
    with pytest.raises(RegistrationError):
        register(meeting, Details(name="F", email="f@example.nl"))


def test_confirming_after_the_meeting_was_cancelled_takes_no_place(client: Client) -> None:
    registration = RegistrationFactory(status="unconfirmed", confirmed_at=None, queued_at=None)
    Meeting.objects.filter(pk=registration.meeting_id).update(status=Meeting.Status.CANCELLED)
    response = client.post(f"/meetings/registration/{registration.token}/confirm/", follow=True)
    assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.status == "unconfirmed"
    assert "niet meer aanmelden" in response.content.decode()


def test_confirming_twice_changes_nothing(committed: Committed) -> None:
    registration = RegistrationFactory(status="unconfirmed", confirmed_at=None, queued_at=None)
    with committed():
        confirm(registration.token)
        confirm(registration.token)
    registration.refresh_from_db()
    assert registration.status == "registered"
    assert len(mail.outbox) == 1


def test_the_own_page_shows_the_online_link_only_when_registered(client: Client) -> None:
    meeting = MeetingFactory(
        kind=Meeting.Kind.HYBRID, online_link="https://meet.example.nl/geheim", capacity=1
    )
    registered = RegistrationFactory(meeting=meeting)
    waiting = RegistrationFactory(meeting=meeting, status="waiting")
    unconfirmed = RegistrationFactory(meeting=meeting, status="unconfirmed", queued_at=None)
    page = client.get(f"/meetings/registration/{registered.token}/").content.decode()
    assert "https://meet.example.nl/geheim" in page
    assert "Afmelden" in page or "afmelden" in page
    for other in (waiting, unconfirmed):
        page = client.get(f"/meetings/registration/{other.token}/").content.decode()
        assert "meet.example.nl" not in page
    page = client.get(f"/meetings/registration/{waiting.token}/").content.decode()
    assert "nummer 1" in page


def test_too_many_guest_registrations_keep_what_was_typed(client: Client, settings: object) -> None:
    from meetings.views import registration as views

    meeting = MeetingFactory()
    for number in range(views.GUEST_LIMIT_PER_ADDRESS):
        other = MeetingFactory()
        client.post(f"/meetings/{other.slug}/register/", guest_data())
        assert Registration.objects.filter(meeting=other).exists(), number
    response = client.post(f"/meetings/{meeting.slug}/register/", guest_data(needs="rolstoel"))
    assert response.status_code == 429
    page = response.content.decode()
    assert "over een uur" in page
    assert "rolstoel" in page
    assert "Fatima el Amrani" in page
    assert not Registration.objects.filter(meeting=meeting).exists()


def test_hostile_text_is_escaped_on_the_pages_and_kept_in_the_mail(
    client: Client, committed: Committed
) -> None:
    meeting = MeetingFactory(title=HOSTILE)
    with committed():
        client.post(
            f"/meetings/{meeting.slug}/register/",
            guest_data(name=HOSTILE, needs=HOSTILE, email="a@example.nl"),
        )
    registration = Registration.objects.get()
    assert registration.name == HOSTILE
    for path in ("", "confirm/"):
        page = client.get(f"/meetings/registration/{registration.token}/{path}").content.decode()
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;" in page
    [message] = mail.outbox
    assert "\n" not in message.subject
    assert "\r" not in message.subject
    assert "<script>alert(1)</script>" in message.body  # plain text: shown as typed


def test_the_online_link_is_in_the_mail_and_calendar_only_with_a_place(
    committed: Committed,
) -> None:
    meeting = MeetingFactory(
        kind=Meeting.Kind.ONLINE, online_link="https://meet.example.nl/geheim", capacity=1
    )
    with committed():
        register(meeting, Details(), user=UserFactory())
        register(meeting, Details(), user=UserFactory())
    registered, waiting = mail.outbox
    assert "https://meet.example.nl/geheim" in registered.body
    assert "https://meet.example.nl/geheim" in registered.attachments[0][1].replace("\r\n ", "")
    assert "meet.example.nl" not in waiting.body
    assert "meet.example.nl" not in waiting.attachments[0][1].replace("\r\n ", "")


def test_a_guest_who_lost_the_email_gets_the_same_link_again(
    client: Client, committed: Committed
) -> None:
    meeting = MeetingFactory()
    with committed():
        client.post(f"/meetings/{meeting.slug}/register/", guest_data())
        response = client.post(
            f"/meetings/{meeting.slug}/register/", guest_data(name="Iemand Anders")
        )
    assert response["Location"] == f"/meetings/{meeting.slug}/register/sent/"
    registration = Registration.objects.get(meeting=meeting)
    assert registration.name == "Fatima el Amrani"
    first, second = mail.outbox
    assert confirm_link(first) == confirm_link(second)
