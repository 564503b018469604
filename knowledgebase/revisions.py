"""Every published state of an item is kept as a revision (django-reversion).

Only what a person wrote is versioned: the rendered HTML, the plain text and the search columns
are derived from it again whenever an item is saved.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import reversion
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from reversion.models import Version

if TYPE_CHECKING:
    from accounts.models import User
    from knowledgebase.models import Item

VERSIONED_FIELDS = (
    "kind",
    "status",
    "title",
    "summary",
    "body",
    "goal",
    "target_group",
    "approach",
    "success_factors",
    "costs",
    "results",
    "document_type",
    "issued_by",
    "issued_on",
    "knowledge_type",
    "last_checked",
    "themes",
    "municipalities",
    "initiatives",
    "research_questions",
    "initiative",
    "meeting",
)


def register() -> None:
    from knowledgebase.models import Item

    if not reversion.is_registered(Item):
        reversion.register(Item, fields=VERSIONED_FIELDS)


# --- contribute: recording, listing, comparing and restoring revisions ---

NOT_RESTORED = ("kind", "status", "initiative", "meeting")
"""A restore brings back what was written, never where the item stands (its status), what it is
(its kind) or whose it is."""

M2M_FIELDS = ("themes", "municipalities", "initiatives", "research_questions")


def record(item: Item, *, by: User | None, comment: str) -> None:
    """Keep the item's current state (its fields and many-to-many) as a new revision, with who
    did it and why. Call it inside a transaction, after the item and its relations are saved."""
    from initiatives.permissions import is_coordinator
    from knowledgebase.models import RevisionSource

    with reversion.create_revision(manage_manually=True):
        reversion.add_to_revision(item)
        reversion.set_user(by)
        reversion.set_comment(comment)
        coordinator = by is not None and is_coordinator(by)
        reversion.add_meta(
            RevisionSource,
            initiative_id=None if coordinator else item.initiative_id,
            by_coordinator=coordinator,
        )


def keep_first(item: Item) -> None:
    """A published item without any revision yet (published before revisions were kept, or by
    the demo data) first has its state as it stands kept, so that its first change can be
    compared and undone."""
    if not Version.objects.get_for_object(item).exists():
        record(item, by=None, comment=gettext("As it was published"))


def versions_of(item: Item) -> QuerySet[Version]:
    """The revisions of an item, newest first, with what the history shows of each."""
    return (
        Version.objects.get_for_object(item)
        .select_related("revision__user", "revision__knowledge_source__initiative")
        .order_by("-revision__date_created", "-pk")
    )


def version_of(item: Item, version_id: int) -> Version:
    """One of the item's own versions; a version of another item does not exist here (404)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Version.objects.get_for_object(item).select_related(
            "revision__user", "revision__knowledge_source__initiative"
        ),
        pk=version_id,
    )


def restore(item: Item, version: Version, *, by: User) -> Item:
    """Bring back what an earlier version said, as a new revision. Through `Item.save()`, so the
    rendered HTML and the plain text follow; the status and kind stay as they are."""
    from django.db import transaction

    from initiatives.models import Initiative, Municipality, Theme
    from knowledgebase.indexing import refresh_labels
    from knowledgebase.models import Item

    fields = version.field_dict
    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        changed = []
        for name in VERSIONED_FIELDS:
            if name in NOT_RESTORED or name in M2M_FIELDS or name not in fields:
                continue
            if getattr(item, name) != fields[name]:
                setattr(item, name, fields[name])
                changed.append(name)
        item.updated_at = timezone.now()
        item.save(update_fields=[*changed, "updated_at"])
        related: dict[str, Any] = {
            "themes": Theme.objects,
            "municipalities": Municipality.objects,
            "initiatives": Initiative.objects,
            "research_questions": Item.objects.research_questions(),
        }
        for name, objects in related.items():
            if name in fields:
                # What was linked then and still exists.
                ids = [int(pk) for pk in fields[name]]
                existing = objects.filter(pk__in=ids).values_list("pk", flat=True)
                getattr(item, name).set(list(existing))
        refresh_labels([item.pk])
        when = version.revision.date_created
        record(
            item,
            by=by,
            comment=gettext("Restored the version of %(date)s") % {"date": dutch_datetime(when)},
        )
    return item


def dutch_datetime(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y, H.i")


# --- contribute: the differences between two versions ---

LONG_TEXT = 4000  # words and spaces: beyond this a text is compared line by line
TEXT_FIELDS = (
    "title",
    "summary",
    "body",
    "goal",
    "target_group",
    "approach",
    "success_factors",
    "costs",
    "results",
    "issued_by",
)
COMPARED_FIELDS = (
    "title",
    "summary",
    "goal",
    "target_group",
    "approach",
    "success_factors",
    "costs",
    "results",
    "body",
    "document_type",
    "issued_by",
    "issued_on",
    "knowledge_type",
    "last_checked",
    "themes",
    "municipalities",
    "initiatives",
    "research_questions",
)


@dataclass(frozen=True)
class FieldChange:
    label: str
    html: SafeString  # the old and the new, with <del> and <ins>, escaped
    changed: bool


def _tokens(text: str) -> list[str]:
    return re.findall(r"\s+|\w+|[^\w\s]", text)


def text_diff(old: str, new: str) -> SafeString:
    """The words taken out in <del>, those put in in <ins>, everything escaped. Each mark also
    says in words what happened, for a screen reader and for whoever sees no colour."""
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
            parts.append(
                format_html(
                    '<del><span class="omzien-visually-hidden">[{}] </span>{}'
                    '<span class="omzien-visually-hidden"> [/]</span></del>',
                    removed,
                    "".join(a[i1:i2]),
                )
            )
        if j2 > j1:
            parts.append(
                format_html(
                    '<ins><span class="omzien-visually-hidden">[{}] </span>{}'
                    '<span class="omzien-visually-hidden"> [/]</span></ins>',
                    added,
                    "".join(b[j1:j2]),
                )
            )
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 - every part escaped


def _set_diff(old: list[str], new: list[str]) -> SafeString:
    removed, added = gettext("removed:"), gettext("added:")
    parts = []
    for name in sorted(set(old) | set(new), key=str.casefold):
        if name in old and name not in new:
            parts.append(
                format_html(
                    '<li><del><span class="omzien-visually-hidden">[{}] </span>{}</del></li>',
                    removed,
                    name,
                )
            )
        elif name in new and name not in old:
            parts.append(
                format_html(
                    '<li><ins><span class="omzien-visually-hidden">[{}] </span>{}</ins></li>',
                    added,
                    name,
                )
            )
        else:
            parts.append(format_html("<li>{}</li>", name))
    if not parts:
        return format_html("<p>{}</p>", gettext("(none)"))
    return format_html(
        '<ul class="omzien-kb-diff__list">{}</ul>',
        mark_safe("".join(str(p) for p in parts)),  # noqa: S308 - every part escaped
    )


def _names(versions: tuple[Version, ...]) -> dict[str, dict[int, str]]:
    """The names of what the versions link to: one query per kind of relation."""
    from initiatives.models import Initiative, Municipality, Theme
    from knowledgebase.models import Item

    wanted: dict[str, set[int]] = {name: set() for name in M2M_FIELDS}
    for version in versions:
        for name in M2M_FIELDS:
            wanted[name].update(int(pk) for pk in version.field_dict.get(name, ()))
    # Only what the public may see: a research question taken down, or an initiative no longer
    # in the directory, reads "(removed from the portal)" in the history anyone can open.
    models: dict[str, tuple[Any, str]] = {
        "themes": (Theme.objects, "name"),
        "municipalities": (Municipality.objects, "name"),
        "initiatives": (Initiative.objects.approved(), "name"),
        "research_questions": (Item.objects.published(), "title"),
    }
    names: dict[str, dict[int, str]] = {}
    for name, (objects, column) in models.items():
        ids = wanted[name]
        names[name] = dict(objects.filter(pk__in=ids).values_list("pk", column)) if ids else {}
    return names


def _display(name: str, value: Any) -> str:
    from knowledgebase.models import Item

    if value in (None, ""):
        return ""
    if name == "document_type":
        return str(Item.DocumentType(value).label) if value in Item.DocumentType.values else ""
    if name == "knowledge_type":
        return str(Item.KnowledgeType(value).label) if value in Item.KnowledgeType.values else ""
    if name in ("issued_on", "last_checked") and isinstance(value, date):
        return formats.date_format(value, "j F Y")
    return str(value)


def compare(old: Version, new: Version) -> list[FieldChange]:
    """Field by field, what differs from `old` to `new` (and what stayed, marked unchanged)."""
    from knowledgebase.models import Item

    names = _names((old, new))
    before, after = old.field_dict, new.field_dict
    changes = []
    for name in COMPARED_FIELDS:
        label = str(getattr(Item._meta.get_field(name), "verbose_name", name))
        label = label[:1].upper() + label[1:]
        if name in M2M_FIELDS:
            gone = gettext("(removed from the portal)")
            a = [names[name].get(int(pk), gone) for pk in before.get(name, ())]
            b = [names[name].get(int(pk), gone) for pk in after.get(name, ())]
            changed = sorted(a) != sorted(b)
            if a or b:
                changes.append(FieldChange(label, _set_diff(a, b), changed))
            continue
        a_text, b_text = _display(name, before.get(name)), _display(name, after.get(name))
        if not (a_text or b_text):
            continue
        changes.append(FieldChange(label, text_diff(a_text, b_text), a_text != b_text))
    return changes


def source_of(version: Version) -> str:
    """Who made a version, as anyone may read it: the initiative, or "a coordinator"."""
    source = getattr(version.revision, "knowledge_source", None)
    if source is not None and source.by_coordinator:
        return gettext("coordinator")
    if source is not None and source.initiative is not None:
        return source.initiative.name
    return gettext("the network")
