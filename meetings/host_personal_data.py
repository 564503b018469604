"""The offers to host a person made: in their data export (see accounts.personal_data).

The offer is the initiative's, so it stays when the account goes: `offered_by` is emptied by the
database (SET_NULL), and nothing else in it names the person.
"""

from typing import Any

from accounts.models import User
from accounts.personal_data import Section, register_section
from meetings.models import HostOffer


def _export(user: User) -> list[dict[str, Any]]:
    offers = HostOffer.objects.filter(offered_by=user).select_related("initiative")
    return [
        {
            "initiative": offer.initiative.name,
            "theme": offer.theme,
            "preferred_months": offer.preferred_months,
            "note": offer.note,
            "status": offer.status,
            "offered_at": offer.created_at.isoformat(),
        }
        for offer in offers.order_by("created_at", "pk")
    ]


def register() -> None:
    register_section(Section("host_offers", _export))
