"""The queue every e-mail goes through: stored in the database with the change it reports, sent by
the worker (`manage.py db_worker`), tried again with growing pauses when the mail server fails.

A message is queued as plain data, already rendered, so the worker needs no request and no
template. Each attempt is a row in the admin's "Task results"; the last one fails with
`NotDelivered` and is logged as an error, so staff can see which messages never went out.
"""

import logging
import smtplib
from datetime import timedelta
from typing import Any

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

# The pause before each next attempt: six attempts spread over about eleven hours.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=8),
)


class NotDeliveredError(Exception):
    """The mail server kept refusing the message: no more attempts."""


def queue(message: EmailMessage) -> None:
    """Queue `message` in the current transaction: a rolled-back change sends nothing."""
    deliver.enqueue(
        {
            "subject": message.subject,
            "body": message.body,
            "from_email": message.from_email,
            "to": list(message.to),
            "reply_to": list(message.reply_to),
            "alternatives": [
                [content, mimetype] for content, mimetype in getattr(message, "alternatives", [])
            ],
            # Text attachments only (a calendar file): (filename, content, mimetype).
            "attachments": [list(attachment) for attachment in message.attachments],
        }
    )


@task()
def deliver(message: dict[str, Any], attempt: int = 1) -> None:
    email = EmailMultiAlternatives(
        message["subject"],
        message["body"],
        message["from_email"],
        to=message["to"],
        reply_to=message["reply_to"],
        alternatives=[tuple(pair) for pair in message["alternatives"]],
    )
    for filename, content, mimetype in message.get("attachments", []):
        email.attach(filename, content, mimetype)
    try:
        email.send()
    except (smtplib.SMTPException, OSError) as error:
        if attempt > len(RETRY_DELAYS):
            logger.error(
                "E-mail %r to %s not delivered after %d attempts: %s",
                message["subject"],
                ", ".join(message["to"]),
                attempt,
                error,
            )
            raise NotDeliveredError(f"gave up after {attempt} attempts") from error
        deliver.using(run_after=timezone.now() + RETRY_DELAYS[attempt - 1]).enqueue(
            message, attempt=attempt + 1
        )
        raise
