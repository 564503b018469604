from typing import Any

from accounts.models import User
from initiatives.models import AuditEntry, Initiative


def record(initiative: Initiative, *, by: User | None, action: str, **changes: Any) -> None:
    AuditEntry.objects.create(initiative=initiative, user=by, action=action, changes=changes)
