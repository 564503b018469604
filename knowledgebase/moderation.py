"""Contributions on their way to publication: the coordinators publish, send back or reject.

Each decision re-reads the item under a row lock and refuses when another coordinator decided
first, so two coordinators at once never both decide (nor get a server error). The contributor is
told by e-mail, after the decision is committed.
"""

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from initiatives.permissions import is_coordinator
from knowledgebase import revisions
from knowledgebase.contribution import ContributionError
from knowledgebase.contribution_forms import ModerationForm
from knowledgebase.indexing import refresh_labels_of_evidence
from knowledgebase.models import Item
from knowledgebase.permissions import (
    can_edit_item,
    can_moderate,
    can_restore,
    can_see_history,
    can_submit_item,
    is_insider,
)
from omzien.mailing import send_after_commit
from omzien.work_queues import WorkQueue, register_work_queue


class ModerationError(ContributionError):
    pass


def queue() -> QuerySet[Item]:
    """Waiting for review, the one that waits longest first."""
    return (
        Item.objects.filter(status=Item.Status.SUBMITTED)
        .select_related("initiative")
        .order_by("submitted_at", "pk")
    )


def _taken_by_someone_else(status: str) -> ModerationError:
    messages: dict[str, str] = {
        Item.Status.PUBLISHED: _("Someone else has just published this item."),
        Item.Status.CHANGES_REQUESTED: _("Someone else has just asked for changes to this item."),
        Item.Status.REJECTED: _("Someone else has just rejected this item."),
        Item.Status.DRAFT: _("The contributor has just taken this item back as a draft."),
    }
    return ModerationError(
        messages.get(status, _("Someone else has just changed this item. Look at it again."))
    )


def _lock(item: Item, *allowed: str) -> Item:
    current = Item.objects.select_related("contributor").select_for_update(of=("self",))
    locked = current.get(pk=item.pk)
    if locked.status not in allowed:
        raise _taken_by_someone_else(locked.status)
    return locked


def _tell_contributor(item: Item, template: str) -> None:
    contributor = item.contributor
    if contributor is None or not contributor.is_active:
        return
    send_after_commit(
        f"knowledgebase/email/{template}",
        {"item": item, "note": item.moderation_note},
        to=[contributor.email],
    )


def publish(item: Item, *, by: User, note: str = "") -> Item:
    with transaction.atomic():
        item = _lock(item, Item.Status.SUBMITTED)
        item.status = Item.Status.PUBLISHED
        item.published_at = item.published_at or timezone.now()
        item.moderated_by = by
        item.moderation_note = note.strip()
        item.save(update_fields=["status", "published_at", "moderated_by", "moderation_note"])
        revisions.record(item, by=by, comment=_("Published after review"))
        if item.is_research_question:
            refresh_labels_of_evidence(item.pk)
        _tell_contributor(item, "published")
    return item


def request_changes(item: Item, *, by: User, note: str) -> Item:
    if not note.strip():
        raise ModerationError(_("Say what should change."), field="note")
    with transaction.atomic():
        item = _lock(item, Item.Status.SUBMITTED)
        item.status = Item.Status.CHANGES_REQUESTED
        item.moderated_by = by
        item.moderation_note = note.strip()
        item.save(update_fields=["status", "moderated_by", "moderation_note"])
        _tell_contributor(item, "changes_requested")
    return item


def reject(item: Item, *, by: User, reason: str) -> Item:
    """Reject a contribution waiting for review, or take down a published item."""
    if not reason.strip():
        raise ModerationError(_("Give the reason; the contributor receives it."), field="note")
    with transaction.atomic():
        item = _lock(item, Item.Status.SUBMITTED, Item.Status.PUBLISHED)
        item.status = Item.Status.REJECTED
        item.moderated_by = by
        item.moderation_note = reason.strip()
        item.save(update_fields=["status", "moderated_by", "moderation_note"])
        if item.is_research_question:
            refresh_labels_of_evidence(item.pk)
        _tell_contributor(item, "rejected")
    return item


def decide(item: Item, form: ModerationForm, *, by: User) -> Item:
    """Carry out a valid moderation form."""
    decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
    if decision == ModerationForm.PUBLISH:
        return publish(item, by=by, note=note)
    if decision == ModerationForm.CHANGES:
        return request_changes(item, by=by, note=note)
    return reject(item, by=by, reason=note)


def moderation_form_for(item: Item, data: Any = None) -> ModerationForm | None:
    """The form a coordinator sees on the item, if there is a decision to take."""
    if item.status == Item.Status.SUBMITTED:
        return ModerationForm(data)
    if item.status == Item.Status.PUBLISHED:
        return ModerationForm(data, published=True)
    return None


def page_context(request: HttpRequest, item: Item) -> dict[str, Any]:
    """What this part shows on the item's page (templates/knowledgebase/partials/_moderation.html).

    No queries of its own: the predicates read the person's groups and memberships, which the
    request keeps."""
    user = request.user
    insider = is_insider(user, item)
    moderator = can_moderate(user)
    return {
        "moderation": {
            "insider": insider,
            "can_edit": insider and can_edit_item(user, item),
            "can_submit": insider and can_submit_item(user, item),
            "can_see_history": can_see_history(user, item),
            "can_restore": can_restore(user, item),
            "form": moderation_form_for(item) if moderator else None,
        }
    }


def register_work_queue_for_review() -> None:
    register_work_queue(
        WorkQueue(
            key="knowledge-to-review",
            title=gettext_lazy("Knowledge to review"),
            items=queue,
            item_template="knowledgebase/partials/_queue_to_review.html",
            visible_to=is_coordinator,
            intro=gettext_lazy(
                "Contributions to the knowledge base, waiting longest first. Publish them, ask "
                "for changes or reject them with a reason."
            ),
            empty=gettext_lazy("No contributions are waiting for review."),
            url_name="knowledgebase:moderation",
            link_text=gettext_lazy("Review the contributions"),
        )
    )
