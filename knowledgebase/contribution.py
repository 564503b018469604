"""Contributing an item: a draft on behalf of an initiative, changed, and sent to the coordinators.

A coordinator may publish directly. A change to a published item by an insider keeps it published
and is kept as a new revision (knowledgebase/revisions.py).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from knowledgebase import revisions
from knowledgebase.contribution_forms import ItemForm
from knowledgebase.indexing import refresh_labels, refresh_labels_of_evidence
from knowledgebase.models import Item
from knowledgebase.permissions import (
    can_contribute_for,
    can_edit_item,
    can_moderate,
    can_submit_item,
)

RELATIONS = ("themes", "municipalities", "research_questions")


class ContributionError(Exception):
    """An action broke a rule; the view shows `message` (next to `field`, if any)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _check_on_behalf(form: ItemForm, by: User, item: Item | None = None) -> None:
    initiative = form.cleaned_data.get("on_behalf_of")
    if initiative is None:
        if not can_moderate(by):
            raise ContributionError(_("Choose the initiative that shares this."))
        return
    unchanged = item is not None and item.initiative_id == initiative.pk
    if not unchanged and not can_contribute_for(by, initiative):
        raise ContributionError(_("You can only contribute on behalf of your own initiatives."))


def _set_relations(item: Item, form: ItemForm) -> None:
    for name in RELATIONS:
        getattr(item, name).set(form.cleaned_data.get(name) or [])
    item.initiatives.set(form.concerned_initiatives())
    refresh_labels([item.pk])


def create_item(form: ItemForm, *, by: User) -> Item:
    """A new draft (or, for a coordinator who asks, a published item) from a valid form."""
    _check_on_behalf(form, by)
    publish = bool(form.cleaned_data.get("publish_directly")) and can_moderate(by)
    with transaction.atomic():
        # The same item sent again (a double click, two tabs) is the one just made, not a
        # second one: the person's row is locked while that is looked up.
        User.objects.select_for_update().only("pk").get(pk=by.pk)
        twin = _same_item_just_made(form, by)
        if twin is not None:
            return twin
        item: Item = form.save(commit=False)
        item.kind = form.kind
        item.initiative = form.cleaned_data.get("on_behalf_of")
        item.contributor = by
        now = timezone.now()
        item.updated_at = now
        if publish:
            item.status = Item.Status.PUBLISHED
            item.published_at = now
            item.moderated_by = by
        else:
            item.status = Item.Status.DRAFT
        item.save()
        _set_relations(item, form)
        if publish:
            revisions.record(item, by=by, comment=_("Published directly by a coordinator"))
    return item


SAME_AGAIN = timedelta(minutes=10)


def _same_item_just_made(form: ItemForm, by: User) -> Item | None:
    data = form.cleaned_data
    return (
        Item.objects.filter(
            kind=form.kind,
            contributor=by,
            initiative=data.get("on_behalf_of"),
            title=data.get("title", ""),
            summary=data.get("summary", ""),
            body=data.get("body", ""),
            created_at__gte=timezone.now() - SAME_AGAIN,
        )
        .order_by("pk")
        .first()
    )


@dataclass(frozen=True)
class Saved:
    item: Item
    published_now: bool  # a coordinator published it with this save


def update_item(item: Item, form: ItemForm, *, by: User) -> Saved:
    """Write the form's fields, and only those, onto the row as it is now: a coordinator may have
    moderated it since the form was opened, and that decision stands."""
    _check_on_behalf(form, by, item)
    with transaction.atomic():
        current = Item.objects.select_for_update().get(pk=item.pk)
        if not can_edit_item(by, current):
            # Re-read under the lock: a coordinator who rejected it while the form was open
            # decided last, and a rejected item stays as it is.
            if current.status == Item.Status.REJECTED:
                raise ContributionError(_("A coordinator has just rejected this item."))
            raise ContributionError(_("You can no longer change this item."))
        if current.is_published:
            revisions.keep_first(current)
        changed = ["updated_at"]
        for name in form.Meta.fields:
            if name in RELATIONS or name not in form.cleaned_data:
                continue
            value = form.cleaned_data[name]
            if getattr(current, name) != value:
                setattr(current, name, value)
                changed.append(name)
        initiative = form.cleaned_data.get("on_behalf_of")
        if current.initiative_id != (initiative.pk if initiative else None):
            current.initiative = initiative
            changed.append("initiative")
        current.updated_at = timezone.now()
        published_now = False
        publish = form.cleaned_data.get("publish_directly") and can_moderate(by)
        if publish and current.status != Item.Status.PUBLISHED:
            current.status = Item.Status.PUBLISHED
            current.published_at = current.published_at or current.updated_at
            current.moderated_by = by
            changed += ["status", "published_at", "moderated_by"]
            published_now = True
        current.save(update_fields=changed)
        _set_relations(current, form)
        if published_now:
            revisions.record(current, by=by, comment=_("Published directly by a coordinator"))
            if current.is_research_question:
                refresh_labels_of_evidence(current.pk)
        elif current.status == Item.Status.PUBLISHED:
            revisions.record(current, by=by, comment=_("Changed"))
    return Saved(current, published_now)


@dataclass(frozen=True)
class Submitted:
    item: Item
    already: bool  # it was sent before (a second click): nothing changed


def submit_item(item: Item, *, by: User) -> Submitted:
    """A draft, or one sent back for changes, goes to the coordinators. Twice is once."""
    with transaction.atomic():
        current = Item.objects.select_for_update().get(pk=item.pk)
        if current.status == Item.Status.SUBMITTED:
            return Submitted(current, already=True)
        if not can_submit_item(by, current):
            raise ContributionError(_("This item cannot be sent for review any more."))
        current.status = Item.Status.SUBMITTED
        current.submitted_at = timezone.now()
        current.save(update_fields=["status", "submitted_at"])
    return Submitted(current, already=False)
