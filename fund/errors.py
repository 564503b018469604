class FundRuleError(Exception):
    """An action broke one of the fund's rules; the view shows `message` (next to `field`)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
