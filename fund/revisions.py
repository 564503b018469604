"""The revisions of a submitted application: each a frozen copy, and what changed between two.

Submitting freezes revision 1; every change after it (its texts, budget, co-applicants or
attachments) freezes the next one and raises `Application.revision`. A revision keeps the names
of what the application pointed at as they were then (theme, research question, meeting,
co-applicants, attachments), so it reads the same when those change or go.

The comparison is word by word (difflib), every part escaped, each mark saying in words what
happened for a screen reader and for whoever sees no colour (as the knowledge base's history).
"""

import difflib
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import F
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from fund.models import Application, ApplicationAttachment, ApplicationRevision
from fund.money import euros
from fund.origins import labels_of

LONG_TEXT = 4000  # words and spaces: beyond this a text is compared line by line


def snapshot(application: Application) -> dict[str, Any]:
    """Everything a revision keeps of the application as it is now (in the caller's
    transaction). Amounts in cents, as integers."""
    lines = application.budget_lines.order_by("position", "pk")
    return {
        "initiative": application.initiative.name,
        "title": application.title,
        "summary": application.summary,
        "plan": application.plan,
        "why": application.why,
        "for_whom": application.for_whom,
        "theme": application.theme.name if application.theme_id else "",  # type: ignore[union-attr]
        **labels_of(application.research_question_id, application.meeting_id),
        "amount_cents": application.amount_cents,
        "budget_lines": [
            {"description": line.description, "amount_cents": line.amount_cents} for line in lines
        ],
        "co_applicants": sorted(
            (i.name for i in application.co_applicants.order_by("name")), key=str.casefold
        ),
        "attachments": list(
            ApplicationAttachment.objects.filter(application=application)
            .order_by("pk")
            .values_list("name", flat=True)
        ),
    }


def freeze(application: Application, *, by: User | None) -> ApplicationRevision | None:
    """Keep the application as it is now as its next revision, unless it is the same as the
    last one (then None). Call it under the application's row lock (fund/applications.py,
    fund/submission.py): the number is the one after `application.revision`."""
    content = snapshot(application)
    if application.revision > 0:
        last = (
            ApplicationRevision.objects.filter(application=application, number=application.revision)
            .values_list("content", flat=True)
            .first()
        )
        if last == content:
            return None
    number = application.revision + 1
    revision = ApplicationRevision.objects.create(
        application=application, number=number, content=content, created_by=by
    )
    Application.objects.filter(pk=application.pk).update(
        revision=F("revision") + 1, updated_at=timezone.now()
    )
    application.revision = number
    return revision


# --- what changed between two revisions ---

LABELS = {
    name: capfirst(Application._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
    for name in (
        "title",
        "summary",
        "plan",
        "why",
        "for_whom",
        "theme",
        "research_question",
        "meeting",
        "amount_cents",
    )
} | {
    "budget_lines": pgettext_lazy("application", "Budget"),
    "co_applicants": capfirst(Application._meta.get_field("co_applicants").verbose_name),
    "attachments": _("Attachments"),
}


@dataclass(frozen=True)
class FieldChange:
    label: str
    html: SafeString  # the old and the new, with <del> and <ins>, escaped
    changed: bool


def _tokens(text: str) -> list[str]:
    return re.findall(r"\s+|\w+|[^\w\s]", text)


def _mark(tag: str, word: str, text: str) -> SafeString:
    return format_html(
        '<{tag}><span class="omzien-visually-hidden">[{word}] </span>{text}'
        '<span class="omzien-visually-hidden"> [/]</span></{tag}>',
        tag=tag,
        word=word,
        text=text,
    )


def text_diff(old: str, new: str) -> SafeString:
    """The words taken out in <del>, those put in in <ins>, everything escaped."""
    a, b = _tokens(old), _tokens(new)
    if len(a) + len(b) > 2 * LONG_TEXT:
        a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    removed, added = gettext("removed:"), gettext("added:")
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(_mark("del", removed, "".join(a[i1:i2])))
        if j2 > j1:
            parts.append(_mark("ins", added, "".join(b[j1:j2])))
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 - every part escaped


def value_diff(old: str, new: str) -> SafeString:
    """A short value (an amount, a name) as a whole: the old one out, the new one in."""
    if old == new:
        return escape(new)
    removed, added = gettext("removed:"), gettext("added:")
    parts = [_mark("del", removed, old) if old else "", _mark("ins", added, new) if new else ""]
    return mark_safe(" ".join(str(p) for p in parts if p))  # noqa: S308 - every part escaped


def list_diff(old: list[str], new: list[str]) -> SafeString:
    """A list (budget lines, names) item by item, in the new order, taken-out items where they
    were."""
    removed, added = gettext("removed:"), gettext("added:")
    parts = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts += [format_html("<li>{}</li>", item) for item in old[i1:i2]]
            continue
        parts += [format_html("<li>{}</li>", _mark("del", removed, item)) for item in old[i1:i2]]
        parts += [format_html("<li>{}</li>", _mark("ins", added, item)) for item in new[j1:j2]]
    if not parts:
        return format_html("<p>{}</p>", gettext("(none)"))
    return format_html(
        '<ul class="fund-diff__list">{}</ul>',
        mark_safe("".join(str(p) for p in parts)),  # noqa: S308 - every part escaped
    )


def _as_list(name: str, content: dict[str, Any]) -> list[str]:
    if name == "budget_lines":
        return [
            f"{line['description']}: {euros(line['amount_cents'])}"
            for line in content.get(name, [])
        ]
    return [str(item) for item in content.get(name, [])]


def _as_text(name: str, content: dict[str, Any]) -> str:
    value = content.get(name)
    if name == "amount_cents":
        return euros(value) if isinstance(value, int) else ""
    return "" if value is None else str(value)


LIST_FIELDS = ("budget_lines", "co_applicants", "attachments")
VALUE_FIELDS = ("theme", "research_question", "meeting", "amount_cents")


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    """Field by field, what differs from `old` to `new` (and what stayed, marked unchanged)."""
    changes = []
    for name, label in LABELS.items():
        if name in LIST_FIELDS:
            a, b = _as_list(name, old), _as_list(name, new)
            if a or b:
                changes.append(FieldChange(str(label), list_diff(a, b), a != b))
            continue
        a_text, b_text = _as_text(name, old), _as_text(name, new)
        if a_text or b_text:
            diff = value_diff if name in VALUE_FIELDS else text_diff
            changes.append(FieldChange(str(label), diff(a_text, b_text), a_text != b_text))
    return changes


@dataclass(frozen=True)
class Shown:
    """One field of a revision in full: its text, or its items (budget lines, names)."""

    label: str
    text: str = ""
    items: tuple[str, ...] = ()


def shown(content: dict[str, Any]) -> list[Shown]:
    """One revision in full, field by field (escaped on the page)."""
    rows = []
    for name, label in LABELS.items():
        if name in LIST_FIELDS:
            items = _as_list(name, content)
            if items:
                rows.append(Shown(str(label), items=tuple(items)))
        elif text := _as_text(name, content):
            rows.append(Shown(str(label), text=text))
    return rows
