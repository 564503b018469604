"""Messages from visitors to an initiative, sent to its admins without showing any address."""

from django.db import transaction

from initiatives.approval import admin_addresses
from initiatives.models import Initiative
from omzien.mailing import send_after_commit


def send_contact_message(initiative: Initiative, *, name: str, email: str, message: str) -> None:
    with transaction.atomic():
        send_after_commit(
            "initiatives/email/contact",
            {"initiative": initiative, "name": name, "message": message},
            to=admin_addresses(initiative),
            reply_to=[email],
        )
