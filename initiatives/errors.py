from django.db import IntegrityError


class InitiativeRuleError(Exception):
    """An action broke one of the directory's rules; the view shows `message` (next to `field`)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def violated_constraint(error: IntegrityError) -> str | None:
    """The name of the database rule an IntegrityError broke, to tell the person what to do."""
    diag = getattr(error.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None)
