"""The initiatives app's part of a person's data: export and erasure (see accounts.personal_data)."""

from typing import Any

from accounts.models import User
from accounts.personal_data import Section, register_section
from initiatives.models import Claim, JoinRequest, Membership


def _export(user: User) -> dict[str, Any]:
    memberships = Membership.objects.filter(user=user).select_related("initiative")
    requests = JoinRequest.objects.filter(user=user).select_related("initiative")
    claims = Claim.objects.filter(user=user).select_related("initiative")
    return {
        "memberships": [
            {"initiative": m.initiative.name, "role": m.role, "joined_at": m.joined_at.isoformat()}
            for m in memberships
        ],
        "join_requests": [
            {"initiative": r.initiative.name, "status": r.status, "message": r.message}
            for r in requests
        ],
        "claims": [
            {
                "initiative": c.initiative.name,
                "status": c.status,
                "message": c.message,
                "decline_reason": c.decline_reason,
            }
            for c in claims
        ],
    }


def _erase(user: User) -> None:
    """Memberships, requests and claims go with the account (cascade); an initiative keeps an admin."""
    from initiatives.membership import hand_over_before_leaving

    hand_over_before_leaving(user)


def register() -> None:
    register_section(Section("initiatives", _export, erase=_erase))
