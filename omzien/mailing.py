"""Sending the portal's e-mails: rendered from templates, in Dutch, queued with the change they
report and sent by the worker (`omzien.mail_queue`)."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from omzien.mail_queue import queue
from omzien.site_address import site_url


def send_after_commit(
    template: str,
    context: dict[str, Any],
    *,
    to: Iterable[str],
    reply_to: Iterable[str] = (),
    attachments: Iterable[tuple[str, str, str]] = (),
) -> None:
    """`template` names a pair: `<template>_subject.txt` and `<template>_body.txt`.

    The message is queued in the surrounding transaction and sent once it commits, so a
    rolled-back action never announces itself. Each recipient gets their own message: addresses
    stay private. Replies go to `reply_to`, or else to the network's address: never to noreply.
    Links use `site_url`: the address of the request being handled, else SITE_URL.
    `attachments` are text files as (filename, content, mimetype), say a calendar file.
    """
    recipients = sorted(set(to))
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {"site_url": site_url(), **context}
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context)
    for recipient in recipients:
        queue(
            EmailMessage(
                subject,
                body,
                to=[recipient],
                reply_to=list(reply_to) or [settings.CONTACT_EMAIL],
                attachments=list(attachments),
            )
        )
