class InitiativeRuleError(Exception):
    """An action broke one of the directory's rules; the view shows `message` (next to `field`)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
