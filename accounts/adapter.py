"""allauth's e-mails (confirmation, password reset, notifications) go through the portal's queue."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site

from omzien.mail_queue import queue


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """As allauth's own, but queued instead of sent in the request; replies reach the network."""
        message = self.render_mail(
            template_prefix,
            email,
            {
                "request": self.request,
                "email": email,
                "current_site": get_current_site(self.request),
                **context,
            },
        )
        message.reply_to = [settings.CONTACT_EMAIL]
        queue(message)
