"""Messages from visitors to an initiative, sent to its admins without showing any address.

An initiative without a team (its last member deleted their account, or it was imported) has
nobody to read them: its messages go to the network's coordinators, and the visitor is told so.
"""

from django.conf import settings
from django.db import transaction

from accounts.models import User
from accounts.roles import COORDINATOR
from initiatives.approval import admin_addresses
from initiatives.models import Initiative
from omzien.mailing import send_after_commit


def reaches_coordinators(initiative: Initiative) -> bool:
    """Nobody of the initiative itself would receive a message."""
    return not admin_addresses(initiative)


def _coordinator_addresses() -> list[str]:
    coordinators = User.objects.filter(groups__name=COORDINATOR, is_active=True)
    return list(coordinators.values_list("email", flat=True)) or [settings.CONTACT_EMAIL]


def send_contact_message(initiative: Initiative, *, name: str, email: str, message: str) -> None:
    to_team = admin_addresses(initiative)
    context = {
        "initiative": initiative,
        "name": name,
        "message": message,
        "without_team": not to_team,
    }
    with transaction.atomic():
        send_after_commit(
            "initiatives/email/contact",
            context,
            to=to_team or _coordinator_addresses(),
            reply_to=[email],
        )
