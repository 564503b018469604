"""Rows of the access matrix: for each URL pattern, a URL to open and what each persona gets.

Statuses: 200 shown, 302 sent elsewhere (a visitor to the login page; someone to a next step),
403 refused, 404 hidden, 405 method not allowed (POST-only actions opened with GET).
"""

from dataclasses import dataclass, field

from tests.personas import PERSONAS


@dataclass(frozen=True)
class Row:
    """`url` may name values of the test world in braces: "/initiatives/{x}/edit/"."""

    url: str
    expected: dict[str, int] = field(default_factory=dict)
    method: str = "get"

    def status_for(self, persona: str) -> int:
        return self.expected[persona]

    def posting(self) -> "Row":
        """The same row sent as an (empty) POST: for action views."""
        return Row(self.url, self.expected, "post")


def same_for_all(url: str, status: int) -> Row:
    return Row(url, dict.fromkeys(PERSONAS, status))


def for_signed_in(url: str, status: int = 200, visitor: int = 302, **overrides: int) -> Row:
    """Open to anyone signed in; a visitor goes to the login page."""
    expected = dict.fromkeys(PERSONAS, status) | {"visitor": visitor} | overrides
    return Row(url, expected)


def for_visitors(url: str, status: int = 200, signed_in: int = 302) -> Row:
    """A page for people not signed in (sign up, log in); signed-in people are sent on."""
    return Row(url, dict.fromkeys(PERSONAS, signed_in) | {"visitor": status})


# Personas holding a role of trust: they have two-factor login set up already.
TWO_FACTOR = ("coordinator", "fund_committee", "treasurer")
STAFF = ("coordinator",)


def only(url: str, allowed: dict[str, int], *, others: int = 403, visitor: int = 302) -> Row:
    """Refused (403) to everyone signed in but the personas in `allowed`."""
    expected = dict.fromkeys(PERSONAS, others) | {"visitor": visitor} | allowed
    return Row(url, expected)


def split(url: str, *, mfa: int, others: int, visitor: int = 302) -> Row:
    expected = {p: (mfa if p in TWO_FACTOR else others) for p in PERSONAS} | {"visitor": visitor}
    return Row(url, expected)


def admin_row(url: str, *, staff: int, visitor: int = 302, others: int = 302) -> Row:
    """The admin sends everyone but staff to its (allauth-protected) login."""
    expected = {p: (staff if p in STAFF else others) for p in PERSONAS} | {"visitor": visitor}
    return Row(url, expected)
