"""The seam between meetings and the knowledge base: a held meeting's report published as a
knowledge item of kind "meeting report".

This module is the ONLY place where `meetings` imports `knowledgebase` (DESIGN.md: apps reach
each other only through documented seams). Everything else in `meetings` knows the item only as
the reverse one-to-one `meeting.knowledge_item`, through `knowledge_item_of()` below.

    from meetings.knowledge import publish_report

    item = publish_report(meeting, research_questions=[question], by=coordinator)

One item per meeting (`Item.meeting` is one-to-one): publishing again brings the same item up to
date with the report, as a new revision of it. Two coordinators at once wait for each other on
the meeting's row, so they make one item, never two and never an error.
"""

import re
from collections.abc import Iterable

import reversion
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from knowledgebase.indexing import refresh_labels
from knowledgebase.models import Item
from knowledgebase.plain_text import plain_text_of
from meetings.errors import MeetingRuleError
from meetings.models import Meeting, Report

SUMMARY_LENGTH = 300
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def knowledge_item_of(meeting: Meeting) -> Item | None:
    """The published knowledge item of this meeting's report, or None (no query when the item
    was loaded along)."""
    try:
        item = meeting.knowledge_item
    except ObjectDoesNotExist:
        return None
    return item if item.is_published else None


def has_report_to_publish(meeting: Meeting) -> bool:
    """A report can go to the knowledge base once the meeting is held and the report written."""
    return meeting.status == Meeting.Status.HELD and Report.objects.filter(meeting=meeting).exists()


def research_question_choices() -> "QuerySet[Item]":
    """The published research questions of the knowledge agenda, to pick from."""
    return Item.objects.published().research_questions().order_by("title")


def publish_report(meeting: Meeting, *, research_questions: Iterable[Item], by: User) -> Item:
    """Publish (or bring up to date) the knowledge item of a held meeting's report.

    The item: title "Verslag: <meeting>", a plain summary (the first sentences of the
    conclusions), a Markdown body (conclusions, questions to follow up, links), the meeting's
    themes and municipality, the host and co-hosts as the initiatives it concerns, the host as
    the contributor, knowledge type "experience", the research questions as picked. Raises
    MeetingRuleError when the meeting is not held or has no report.
    """
    questions = [q for q in research_questions if q.is_research_question and q.is_published]
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().select_related("host").get(pk=meeting.pk)
        report = Report.objects.filter(meeting=locked).first()
        if locked.status != Meeting.Status.HELD or report is None:
            raise MeetingRuleError(
                _("Only the report of a meeting that was held can go to the knowledge base.")
            )
        # Re-read under its own lock, and write back only what the report fills in: a
        # coordinator's change to the item at the same moment (a note, who moderated) stays.
        item = Item.objects.select_for_update().filter(meeting=locked).first() or Item(
            kind=Item.Kind.MEETING_REPORT, meeting=locked
        )
        _fill(item, locked, report)
        with reversion.create_revision():
            item.save(update_fields=FILLED if item.pk else None)
            item.themes.set(locked.themes.all())
            item.municipalities.set([locked.municipality_id])
            item.initiatives.set([locked.host_id, *locked.co_hosts.values_list("pk", flat=True)])
            item.research_questions.set(questions)
            reversion.set_user(by)
            reversion.set_comment(_("Published from the meeting's report."))
        refresh_labels([item.pk])
    return item


FILLED = (
    "kind",
    "status",
    "published_at",
    "updated_at",
    "last_checked",
    "knowledge_type",
    "initiative",
    "title",
    "summary",
    "body",
)


def _fill(item: Item, meeting: Meeting, report: Report) -> None:
    now = timezone.now()
    item.kind = Item.Kind.MEETING_REPORT
    item.status = Item.Status.PUBLISHED
    item.published_at = item.published_at or now
    item.updated_at = now
    item.last_checked = timezone.localdate()
    item.knowledge_type = Item.KnowledgeType.EXPERIENCE
    item.initiative = meeting.host
    # The item is content, in the portal's language (Dutch), whoever publishes it.
    with translation.override("nl"):
        item.title = _("Report: %(title)s") % {"title": meeting.title}
        item.summary = summary_of(report)
        item.body = body_of(meeting, report)
    item.title = item.title[:200]


def summary_of(report: Report) -> str:
    """The first sentences of the conclusions as plain text, at most SUMMARY_LENGTH characters."""
    text = " ".join(plain_text_of(report.conclusions_html).split())
    summary = ""
    for sentence in SENTENCE_END.split(text):
        if summary and len(summary) + len(sentence) + 1 > SUMMARY_LENGTH:
            break
        summary = f"{summary} {sentence}".strip()
    if len(summary) > SUMMARY_LENGTH:
        summary = summary[: SUMMARY_LENGTH - 1].rsplit(" ", 1)[0] + "…"
    return summary


def body_of(meeting: Meeting, report: Report) -> str:
    parts = [report.conclusions.strip()]
    questions = report.follow_up_lines()
    if questions:
        lines = "\n".join(f"- {_escaped(question)}" for question in questions)
        parts.append(f"## {_('Questions to follow up')}\n\n{lines}")
    links = [link for link in report.link_lines() if link.startswith(("https://", "http://"))]
    if links:
        lines = "\n".join(f"- <{link}>" for link in links)
        parts.append(f"## {_('Links')}\n\n{lines}")
    meeting_line = _("This is the report of the network meeting [%(title)s](%(url)s).") % {
        "title": _escaped(meeting.title),
        "url": meeting.get_absolute_url(),
    }
    parts.append(meeting_line)
    return "\n\n".join(parts)


def _escaped(text: str) -> str:
    """A line of plain text that Markdown shows as written."""
    return re.sub(r"([\\`*_{}\[\]()<>#+\-.!|])", r"\\\1", text)
