"""The initiatives app's part of a person's data: export and erasure (see accounts.personal_data)."""

from typing import Any

from allauth.account.models import EmailAddress

from accounts.models import User
from accounts.personal_data import Answers, Section, register_section
from initiatives.models import Claim, Invitation, JoinRequest, Membership


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


def _successors(answers: Answers) -> dict[int, int]:
    """The deletion page's choices, "successor-<initiative>" = "<user>", as numbers."""
    chosen = {}
    for key, value in answers.items():
        initiative = key.removeprefix("successor-")
        if initiative != key and initiative.isdigit() and value.isdigit():
            chosen[int(initiative)] = int(value)
    return chosen


def _erase(user: User, answers: Answers) -> None:
    """Memberships, requests and claims go with the account (cascade); an initiative keeps an admin,
    the member the person chose on the deletion page or else the longest-standing one; the
    invitations to the person's addresses go too."""
    from initiatives.membership import hand_over_before_leaving

    hand_over_before_leaving(user, successors=_successors(answers))
    # Invitations sent to the person's addresses would keep those addresses after them.
    addresses = EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    Invitation.objects.filter(email__in=[user.email.lower(), *map(str.lower, addresses)]).delete()


def _before_deletion(user: User) -> dict[str, Any]:
    """The initiatives the person is the only admin of: who takes over, or that none is left."""
    from initiatives.membership import sole_admin_of

    initiatives = sole_admin_of(user)
    return {"sole_admin_of": initiatives} if initiatives else {}


def register() -> None:
    register_section(
        Section(
            "initiatives",
            _export,
            erase=_erase,
            before_deletion=(
                "initiatives/partials/_before_account_deletion.html",
                _before_deletion,
            ),
        )
    )
