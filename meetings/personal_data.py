"""The meetings app's part of a person's data: export and erasure (see accounts.personal_data).

On account deletion, registrations for meetings still to come are cancelled properly (the waiting
list moves up) and deleted; those of meetings that are over are anonymised, so the counts of held
meetings and the rotation ledger stay right.
"""

from typing import Any

from django.utils import timezone

from accounts.models import User
from accounts.personal_data import Answers, Section, register_section
from meetings.models import Registration
from meetings.registration import anonymise, cancel_all_upcoming_for


def _export(user: User) -> dict[str, Any]:
    registrations = (
        Registration.objects.filter(user=user)
        .select_related("meeting", "initiative")
        .order_by("meeting__starts_at", "pk")
    )
    return {
        "registrations": [
            {
                "meeting": r.meeting.title,
                "starts_at": r.meeting.starts_at.isoformat(),
                "status": r.status,
                "name": r.name,
                "email": r.email,
                "initiative": r.initiative.name if r.initiative else None,
                "show_initiative": r.show_initiative,
                "needs": r.needs,
                "wants_to_help": r.wants_to_help,
                "registered_at": r.created_at.isoformat(),
                "cancelled_at": r.cancelled_at.isoformat() if r.cancelled_at else None,
                "attended": r.attended,
            }
            for r in registrations
        ]
    }


def _erase(user: User, answers: Answers) -> None:
    cancel_all_upcoming_for(user)
    anonymise(Registration.objects.filter(user=user, meeting__ends_at__lte=timezone.now()))


def register() -> None:
    register_section(Section("meetings", _export, erase=_erase))
