"""The history of an initiative: who changed what, and when.

People are kept as references (`user` did it, `person` it is about), never as copied names or
addresses, so a deleted account leaves no name behind. An invitation's address is not copied
either: the entry names the invitation, and the history shows the address only while the
invitation is open.
"""

from typing import Any

from accounts.models import User
from initiatives.models import AuditEntry, Initiative, Invitation


def record(
    initiative: Initiative,
    *,
    by: User | None,
    action: str,
    person: User | None = None,
    **changes: Any,
) -> None:
    AuditEntry.objects.create(
        initiative=initiative, user=by, action=action, person=person, changes=changes
    )


def history(
    initiative: Initiative, *, limit: int = 200
) -> list[tuple[AuditEntry, Invitation | None]]:
    """The newest entries, each with the invitation it names, if any (one query for all)."""
    entries = list(initiative.audit_entries.select_related("user", "person")[:limit])
    ids = {entry.changes.get("invitation") for entry in entries} - {None}
    invitations = Invitation.objects.in_bulk(ids)
    return [(entry, invitations.get(entry.changes.get("invitation"))) for entry in entries]
