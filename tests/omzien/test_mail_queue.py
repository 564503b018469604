"""E-mail goes through the database queue: queued with the change, sent by the worker, retried."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.test import Client
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from accounts.models import User
from omzien.mail_queue import RETRY_DELAYS, deliver
from omzien.mailing import send_after_commit
from tests.factories import UserFactory, enable_totp

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
SMTP_DOWN = "tests.omzien.test_mail_queue.RefusingBackend"


class RefusingBackend(BaseEmailBackend):
    """A mail server that answers every message with a temporary failure."""

    def send_messages(self, email_messages: object) -> int:
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def run_worker() -> None:
    """What `manage.py db_worker` does, until the queue holds nothing that is due."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


@pytest.fixture
def database_queue(settings: object) -> None:
    settings.TASKS = DATABASE_QUEUE


def queue_a_message() -> None:
    send_after_commit(
        "initiatives/email/join_answered",
        {"initiative": {"name": "Zegveld Zorgt"}, "accepted": False},
        to=["anna@example.nl"],
    )


@pytest.mark.django_db
def test_a_rolled_back_change_queues_nothing(database_queue: None) -> None:
    def failing_action() -> None:
        with transaction.atomic():
            queue_a_message()
            raise RuntimeError("the action failed")

    with pytest.raises(RuntimeError):
        failing_action()
    assert not DBTaskResult.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_a_queued_message_is_sent_by_the_worker_not_by_the_request(database_queue: None) -> None:
    with transaction.atomic():
        queue_a_message()
    assert mail.outbox == []
    run_worker()
    (message,) = mail.outbox
    assert message.to == ["anna@example.nl"]
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


@pytest.mark.django_db(transaction=True)
def test_a_failing_mail_server_breaks_no_request_and_the_message_is_retried(
    client: Client, database_queue: None, settings: object
) -> None:
    UserFactory(email="vergeten@example.nl")
    settings.EMAIL_BACKEND = SMTP_DOWN
    response = client.post("/accounts/password/reset/", {"email": "vergeten@example.nl"})
    assert response.status_code == 302

    run_worker()
    failed, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert failed.status == TaskResultStatus.FAILED
    assert "SMTPServerDisconnected" in failed.traceback
    assert retry.status == TaskResultStatus.READY
    assert retry.run_after > timezone.now() + RETRY_DELAYS[0] - timedelta(seconds=30)
    assert mail.outbox == []

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())  # a minute later
    run_worker()
    (message,) = mail.outbox
    assert message.to == ["vergeten@example.nl"]
    retry.refresh_from_db()
    assert retry.status == TaskResultStatus.SUCCESSFUL


@pytest.mark.django_db(transaction=True)
def test_a_message_that_keeps_failing_is_given_up_and_shown_to_staff(
    client: Client, database_queue: None, settings: object, caplog: pytest.LogCaptureFixture
) -> None:
    settings.EMAIL_BACKEND = SMTP_DOWN
    message = {
        "subject": "Je aanmelding",
        "body": "Hallo",
        "from_email": settings.DEFAULT_FROM_EMAIL,
        "to": ["anna@example.nl"],
        "reply_to": [],
        "alternatives": [],
    }
    deliver.enqueue(message, attempt=len(RETRY_DELAYS) + 1)
    run_worker()

    last = DBTaskResult.objects.get()
    assert last.status == TaskResultStatus.FAILED
    assert last.exception_class_path == "omzien.mail_queue.NotDeliveredError"
    assert "not delivered after 6 attempts" in caplog.text

    staff: User = UserFactory(email="beheer@example.nl", is_staff=True, is_superuser=True)
    enable_totp(staff)
    client.force_login(staff)
    page = client.get("/admin/django_tasks_database/dbtaskresult/?status=FAILED")
    assert page.status_code == 200
    assert "deliver" in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_text_attachment_survives_the_queue(database_queue: None) -> None:
    """A calendar file attached to a meeting's confirmation is stored with the message."""
    with transaction.atomic():
        send_after_commit(
            "initiatives/email/join_answered",
            {"initiative": {"name": "Zegveld Zorgt"}, "accepted": True},
            to=["anna@example.nl"],
            attachments=[
                ("bijeenkomst.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
            ],
        )
    assert mail.outbox == []
    run_worker()
    [message] = mail.outbox
    filename, content, mimetype = message.attachments[0]
    assert filename == "bijeenkomst.ics"
    assert mimetype == "text/calendar"
    assert "BEGIN:VCALENDAR" in content
