"""Links on an initiative's page to tools that other apps keep for it.

`initiatives` imports no other app (DESIGN.md). An app that keeps something for an initiative
registers a link to it in its AppConfig.ready(), and the initiative's tools panel shows it to
whoever `visible_to` allows:

    from initiatives.tools import register_initiative_tool

    register_initiative_tool(
        _("Host a network meeting"),          # the link's text
        "meetings:host-capability",           # a URL name that takes the initiative's slug
        can_keep_host_capability,             # (user, initiative) -> bool
    )

The panel is a cached fragment per person and content version, so `visible_to` must depend only
on what advances the content version (memberships, roles, the initiative itself).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from django.urls import reverse
from django.utils.functional import Promise

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User
    from initiatives.models import Initiative

Person: TypeAlias = "User | AnonymousUser"


@dataclass(frozen=True)
class InitiativeTool:
    label: str | Promise
    url_name: str
    visible_to: Callable[[Person, "Initiative"], bool]

    def url(self, initiative: "Initiative") -> str:
        return reverse(self.url_name, kwargs={"slug": initiative.slug})


@dataclass(frozen=True)
class ShownTool:
    """A tool as the page shows it to one person: its text and where it leads."""

    label: str | Promise
    url: str


_tools: dict[str, InitiativeTool] = {}


def register_initiative_tool(
    label: str | Promise, url_name: str, visible_to: Callable[[Person, "Initiative"], bool]
) -> None:
    if url_name in _tools:
        raise ValueError(f"An initiative tool leading to {url_name!r} is registered already.")
    _tools[url_name] = InitiativeTool(label, url_name, visible_to)


def tools_for(user: Person, initiative: "Initiative") -> list[ShownTool]:
    """The registered tools this person may use for this initiative, in the order registered."""
    return [
        ShownTool(tool.label, tool.url(initiative))
        for tool in _tools.values()
        if tool.visible_to(user, initiative)
    ]
