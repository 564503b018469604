"""Sending the portal's e-mails: rendered from templates, in Dutch, after the transaction commits."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation


def send_after_commit(
    template: str,
    context: dict[str, Any],
    *,
    to: Iterable[str],
    reply_to: Iterable[str] = (),
) -> None:
    """`template` names a pair: `<template>_subject.txt` and `<template>_body.txt`.

    The message is sent only if the surrounding transaction commits, so a rolled-back action
    never announces itself. Each recipient gets their own message: addresses stay private.
    """
    recipients = sorted(set(to))
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {"site_url": settings.SITE_URL, **context}
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context)
    messages = [
        EmailMessage(subject, body, to=[recipient], reply_to=list(reply_to))
        for recipient in recipients
    ]

    def send() -> None:
        for message in messages:
            message.send()

    transaction.on_commit(send)
