"""What else the yearly "is this still right?" check asks about, kept by other apps.

`initiatives` imports no other app (DESIGN.md). An app that keeps something for an initiative
that can go out of date registers a section in its AppConfig.ready():

    from initiatives.still_right import register_still_right_section

    register_still_right_section(lines=host_lines, confirm=confirm_host_capability)

`lines(initiative)` returns what the reminder e-mail and the confirmation page say about it (an
empty list when the initiative has nothing of the kind); `confirm(initiative)` runs, inside the
same transaction, when the initiative's admins confirm through the reminder that all is still
right.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.functional import Promise

if TYPE_CHECKING:
    from initiatives.models import Initiative


@dataclass(frozen=True)
class StillRightLine:
    """One question of the check: the text, and the page where the answer can be changed."""

    text: str | Promise
    url: str = ""


@dataclass(frozen=True)
class StillRightSection:
    lines: Callable[["Initiative"], list[StillRightLine]]
    confirm: Callable[["Initiative"], None]


_sections: list[StillRightSection] = []


def register_still_right_section(
    *,
    lines: Callable[["Initiative"], list[StillRightLine]],
    confirm: Callable[["Initiative"], None],
) -> None:
    section = StillRightSection(lines, confirm)
    if section in _sections:
        raise ValueError("This still-right section is registered already.")
    _sections.append(section)


def still_right_lines(initiative: "Initiative") -> list[StillRightLine]:
    return [line for section in _sections for line in section.lines(initiative)]


def confirm_still_right(initiative: "Initiative") -> None:
    for section in _sections:
        section.confirm(initiative)
