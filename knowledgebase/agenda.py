"""The knowledge agenda: research questions and the evidence collected for each.

Evidence is what is published and linked to a question (`Item.research_questions`): practices,
documents and meeting reports, and through the reports the meetings that talked about it. The
meetings are reached as the model the report points at, never through the meetings app's code.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.http import HttpRequest

from knowledgebase.models import Item
from knowledgebase.permissions import can_contribute
from omzien import content_version
from omzien.shared_cache import get_or_compute

# The kinds of evidence, in the order a question's page and the agenda show them.
EVIDENCE_KINDS = (Item.Kind.PRACTICE, Item.Kind.DOCUMENT, Item.Kind.MEETING_REPORT)
# A question's page lists this many of each kind, newest first, and links to the rest.
SHOWN_PER_KIND = 5

_PUBLISHED = Q(evidence__status=Item.Status.PUBLISHED)


def agenda_questions() -> QuerySet[Item]:
    """The published research questions, each with its counts of published evidence by kind:
    `practices`, `documents`, `reports` and `meetings` (the distinct meetings of those reports).
    One grouped query, whatever the number of questions."""
    return (
        Item.objects.published()
        .research_questions()
        .annotate(
            practices=Count("evidence", filter=_PUBLISHED & Q(evidence__kind=Item.Kind.PRACTICE)),
            documents=Count("evidence", filter=_PUBLISHED & Q(evidence__kind=Item.Kind.DOCUMENT)),
            reports=Count(
                "evidence", filter=_PUBLISHED & Q(evidence__kind=Item.Kind.MEETING_REPORT)
            ),
            meetings=Count(
                "evidence__meeting",
                distinct=True,
                filter=_PUBLISHED & Q(evidence__kind=Item.Kind.MEETING_REPORT),
            ),
        )
        .only("pk", "kind", "title", "slug", "summary", "published_at")
        .order_by("published_at", "pk")
    )


@dataclass
class Evidence:
    """The evidence of one kind for a question: the newest few, and how many there are."""

    kind: str
    label: str
    items: list[Item]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.items)


def evidence_of(question: Item) -> list[Evidence]:
    """The newest published evidence of each kind, with each kind's total: one query."""
    ranked = (
        Item.objects.published()
        .filter(research_questions=question, kind__in=EVIDENCE_KINDS)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("kind")],
                order_by=[F("published_at").desc(), F("pk").desc()],
            ),
            of_kind=Window(Count("pk"), partition_by=[F("kind")]),
        )
        .only("pk", "kind", "title", "slug", "summary", "published_at")
    )
    by_kind: dict[str, list[Item]] = {kind: [] for kind in EVIDENCE_KINDS}
    totals: dict[str, int] = dict.fromkeys(EVIDENCE_KINDS, 0)
    for item in ranked.filter(rank__lte=SHOWN_PER_KIND).order_by("kind", "rank"):
        by_kind[item.kind].append(item)
        totals[item.kind] = item.of_kind  # type: ignore[attr-defined]
    labels = dict(Item.Kind.choices)
    return [Evidence(kind, str(labels[kind]), by_kind[kind], totals[kind]) for kind in by_kind]


def meetings_of(question: Item) -> tuple[list[Any], int]:
    """The meetings whose published report helps answer the question, newest first (the first
    few), and how many there are: one query. A meeting has at most one report."""
    meeting_model = Item._meta.get_field("meeting").related_model
    meetings = (
        meeting_model._default_manager.filter(  # type: ignore[union-attr]
            knowledge_item__research_questions=question,
            knowledge_item__status=Item.Status.PUBLISHED,
            knowledge_item__kind=Item.Kind.MEETING_REPORT,
        )
        .annotate(of_all=Window(Count("pk")))
        .only("pk", "slug", "title", "starts_at")
        .order_by("-starts_at", "-pk")[:SHOWN_PER_KIND]
    )
    found = list(meetings)
    return found, (found[0].of_all if found else 0)


def page_context(request: HttpRequest, item: Item) -> dict[str, Any]:
    """What this part shows on the item's page (templates/knowledgebase/partials/_agenda.html)."""
    if not item.is_research_question:
        return {}  # the questions an item helps answer are in the page's facts (views/reading.py)
    # The same for everyone until the content changes: kept under the content version.
    key = f"kb-evidence:{item.pk}:{content_version.current(request)}"
    evidence, (meetings, meeting_count) = get_or_compute(
        key, lambda: (evidence_of(item), meetings_of(item))
    )
    return {
        "agenda_evidence": evidence,
        "agenda_meetings": meetings,
        "agenda_meeting_count": meeting_count,
        "agenda_may_contribute": can_contribute(request.user),
    }
