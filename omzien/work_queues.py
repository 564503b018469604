"""The coordinators' work overview (/coordination/): each app registers the work that waits.

`omzien` knows no domain. An app adds a queue in its AppConfig.ready(), so adding an app adds its
queues without an import here (initiatives/work_queues.py is the example to copy):

    from omzien.work_queues import WorkQueue, register_work_queue

    register_work_queue(
        WorkQueue(
            key="reports-to-write",                        # in addresses: /coordination/<key>/
            title=_("Reports to write"),
            items=lambda: Meeting.objects.without_report().order_by("starts_at"),
            item_template="meetings/partials/_report_to_write.html",  # shows one `item`
            visible_to=is_coordinator,                     # (user) -> bool
            intro=_("Meetings that took place; write what was said."),
            empty=_("Every meeting has its report."),
            url_name="meetings:reports",                   # optional: the app's own page
            link_text=_("Write the reports"),              # the link to it
        )
    )

`items` returns the queue in its order, as a QuerySet (select_related what the item template
shows, so that it costs the same queries for 3 items as for 3,000). The overview shows its count
and the first OVERVIEW_ITEMS; under them, a link to `url_name` when the app has a page of its own
for the queue, otherwise (when more are waiting) to /coordination/<key>/, which shows the whole
queue a page at a time. Queues appear in the order they were registered. A queue that differs per
person (the fund committee's "to review" leaves out what a member may not review) sets
`per_person=True`: its `items` is then called with the person. The page, and the link
to it in the header, are there for whoever may see at least one queue: for the network's
coordinators it is "Coördinatie" (with any other queues they see), for everyone else with queues
(the fund committee, the treasurers) "Te doen" (`is_coordination`).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import Promise

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

Person: TypeAlias = "User | AnonymousUser"

OVERVIEW_ITEMS = 5
PAGE_ITEMS = 25


@dataclass(frozen=True)
class WorkQueue:
    key: str
    title: str | Promise
    items: Callable[..., QuerySet | Sequence[Any]]
    item_template: str
    visible_to: Callable[[Person], bool]
    intro: str | Promise = ""
    empty: str | Promise = ""
    url_name: str = ""
    link_text: str | Promise = ""
    per_person: bool = False

    def items_for(self, user: Person) -> QuerySet | Sequence[Any]:
        return self.items(user) if self.per_person else self.items()


@dataclass(frozen=True)
class QueueOverview:
    """A queue as the overview shows it: how many wait, and the first few."""

    queue: WorkQueue
    count: int
    first: list[Any]


_queues: dict[str, WorkQueue] = {}


def register_work_queue(queue: WorkQueue) -> None:
    if queue.key in _queues:
        raise ValueError(f"A work queue named {queue.key!r} is registered already.")
    _queues[queue.key] = queue


def work_queues_for(user: Person) -> list[WorkQueue]:
    if not user.is_authenticated:
        return []
    return [queue for queue in _queues.values() if queue.visible_to(user)]


def has_work_queues(user: Person) -> bool:
    """Whether the header links to the overview for this person."""
    return user.is_authenticated and any(queue.visible_to(user) for queue in _queues.values())


def is_coordination(user: Person) -> bool:
    """Whether the overview is the coordinators' "Coördinatie" for this person, or their own "Te
    doen" list (the roles are read once per request, with the session)."""
    from accounts.permissions import group_names
    from accounts.roles import COORDINATOR

    return user.is_authenticated and COORDINATOR in group_names(user)


def overview_of(queue: WorkQueue, user: Person) -> QueueOverview:
    """The count and the first items: one query, two when more are waiting than are shown."""
    first = list(queue.items_for(user)[:OVERVIEW_ITEMS])
    count = len(first) if len(first) < OVERVIEW_ITEMS else _count(queue.items_for(user))
    return QueueOverview(queue, count, first)


def _count(items: QuerySet | Sequence[Any]) -> int:
    return items.count() if isinstance(items, QuerySet) else len(items)


def queue_page(queue: WorkQueue, user: Person, number: str | int | None) -> Page:
    return Paginator(queue.items_for(user), PAGE_ITEMS).get_page(number)


def registered_queue(key: str) -> WorkQueue | None:
    return _queues.get(key)
