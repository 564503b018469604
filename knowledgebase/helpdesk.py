"""Questions to the network: asking, answering, and marking the answer that helped.

A person asks in public (published at once, no initiative: a person asks, not an initiative);
members answer on behalf of one of their initiatives, coordinators also for the network; the
asker or a coordinator marks the one answer that helped. People are never named on the page: an
answer shows its initiative, or "a coordinator".
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import reversion
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from initiatives.models import Initiative, Municipality, Theme
from knowledgebase.helpdesk_forms import AnswerForm
from knowledgebase.indexing import refresh_labels
from knowledgebase.models import Answer, Item
from knowledgebase.permissions import (
    can_answer,
    can_mark_helpful,
    can_moderate,
    can_remove_answer,
    public_initiatives_of,
)
from omzien.mailing import send_after_commit

# Questions are public and e-mail nobody, but a flood of them buries the others.
ASK_LIMIT, ASK_WINDOW = 5, 60 * 60 * 24
# Each answer e-mails the asker on the answerer's behalf.
ANSWER_LIMIT, ANSWER_WINDOW = 20, 60 * 60 * 24
# Marking an answer e-mails its author on the marker's behalf; moving the mark back and forth
# would send one e-mail each time.
HELPED_LIMIT, HELPED_WINDOW = 20, 60 * 60 * 24
# A question or an answer sent again within this time is the same one (a double click).
SAME_AGAIN = timedelta(minutes=10)


class HelpdeskError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def network_questions() -> QuerySet[Item]:
    """The published questions to the network, newest first, each with its number of answers
    (`answer_count`) and whether one helped (`has_helped`)."""
    shown = Q(answers__removed_at__isnull=True)
    helped = Answer.objects.filter(item=OuterRef("pk"), helped=True, removed_at__isnull=True)
    return (
        Item.objects.published()
        .filter(kind=Item.Kind.NETWORK_QUESTION)
        .annotate(answer_count=Count("answers", filter=shown), has_helped=Exists(helped))
        .only("pk", "kind", "title", "slug", "summary", "published_at")
        .order_by("-published_at", "-pk")
    )


def ask_question(
    person: User,
    *,
    title: str,
    body: str,
    themes: list[Theme] | QuerySet[Theme],
    municipality: Municipality | None,
) -> Item:
    """Publish a person's question at once, as the first revision of its history. The same
    question sent again (a double click, two tabs) is the one already asked, not a second one:
    the person's row is locked while that is looked up."""
    with transaction.atomic():
        User.objects.select_for_update().only("pk").get(pk=person.pk)
        twin = (
            Item.objects.filter(
                kind=Item.Kind.NETWORK_QUESTION,
                contributor=person,
                title=title,
                body=body,
                created_at__gte=timezone.now() - SAME_AGAIN,
            )
            .order_by("pk")
            .first()
        )
        if twin is not None:
            return twin
        return _ask(person, title=title, body=body, themes=themes, municipality=municipality)


def _ask(
    person: User,
    *,
    title: str,
    body: str,
    themes: list[Theme] | QuerySet[Theme],
    municipality: Municipality | None,
) -> Item:
    with transaction.atomic(), reversion.create_revision():
        now = timezone.now()
        question = Item.objects.create(
            kind=Item.Kind.NETWORK_QUESTION,
            status=Item.Status.PUBLISHED,
            title=title,
            body=body,
            knowledge_type=Item.KnowledgeType.EXPERIENCE,
            contributor=person,
            initiative=None,
            published_at=now,
            updated_at=now,
        )
        question.themes.set(themes)
        if municipality is not None:
            question.municipalities.set([municipality])
        refresh_labels([question.pk])
        # Again, now that the themes are set: a version is serialised when it is added.
        reversion.add_to_revision(question)
        reversion.set_user(person)
        reversion.set_comment(gettext_lazy("Question asked"))
    return question


def answer_question(
    question: Item, *, by: User, initiative: Initiative | None, body: str
) -> Answer:
    """An answer on behalf of one of the person's initiatives (a coordinator may answer for the
    network: `initiative` None). The asker gets an e-mail."""
    if not can_answer(by, question):
        raise HelpdeskError(_("Only members of an initiative and coordinators can answer."))
    if initiative is None and not can_moderate(by):
        raise HelpdeskError(_("Choose the initiative you answer on behalf of."))
    if initiative is not None and initiative not in public_initiatives_of(by):
        raise HelpdeskError(_("Choose one of your own initiatives to answer on behalf of."))
    with transaction.atomic():
        # The same answer sent again (a double click) is the one already given: no second
        # answer, no second e-mail. The question's row is locked while that is looked up.
        Item.objects.select_for_update().only("pk").get(pk=question.pk)
        twin = Answer.objects.filter(
            item=question,
            author=by,
            body=body,
            removed_at__isnull=True,
            created_at__gte=timezone.now() - SAME_AGAIN,
        ).first()
        if twin is not None:
            return twin
        answer = Answer.objects.create(item=question, initiative=initiative, author=by, body=body)
        asker = question.contributor
        if asker is not None and asker.pk != by.pk and asker.email:
            send_after_commit(
                "knowledgebase/email/question_answered",
                {"question": question, "answer": answer},
                to=[asker.email],
            )
    return answer


def mark_helpful(answer: Answer, *, by: User) -> Answer:
    """Mark the answer that helped; a mark on another answer of the question moves here.

    The question's row is locked, so two marks at once take turns; the database's rule (one
    answer that helped per question) is the last guard, and becomes a message, never an error.
    """
    try:
        with transaction.atomic():
            question = Item.objects.select_for_update().only("pk").get(pk=answer.item_id)
            answer = Answer.objects.select_related("item").get(pk=answer.pk)
            if answer.removed_at is not None:
                raise HelpdeskError(_("This answer was removed."))
            if answer.helped:
                return answer
            _clear_marks(question)
            answer.helped = True
            answer.save(update_fields=["helped"])
            author = answer.author
            if author is not None and author.pk != by.pk and author.email:
                send_after_commit(
                    "knowledgebase/email/answer_helped",
                    {"question": answer.item, "answer": answer},
                    to=[author.email],
                )
    except IntegrityError as error:
        raise HelpdeskError(
            _("Someone else just marked another answer. Look again and choose once more.")
        ) from error
    return answer


def _clear_marks(question: Item) -> None:
    Answer.objects.filter(item=question, helped=True).update(helped=False)


def remove_answer(answer: Answer, *, by: User) -> None:
    """Take an answer off the page (kept, with the moment it went); its mark goes with it."""
    with transaction.atomic():
        answer = Answer.objects.select_for_update().get(pk=answer.pk)
        if answer.removed_at is not None:
            return
        answer.removed_at = timezone.now()
        answer.helped = False
        answer.save(update_fields=["removed_at", "helped"])


@dataclass
class ShownAnswer:
    answer: Answer
    may_remove: bool


def answers_of(question: Item) -> list[Answer]:
    """The answers on the page: the one that helped first, then oldest first. One query."""
    shown = question.answers.filter(removed_at__isnull=True).select_related("initiative")
    return list(shown.defer("body", "initiative__description").order_by("-helped", "created_at"))


def answer_form_for(request: HttpRequest, question: Item, data: Any = None) -> AnswerForm | None:
    if not can_answer(request.user, question):
        return None
    return AnswerForm(
        data,
        initiatives=public_initiatives_of(request.user),
        as_coordinator=can_moderate(request.user),
    )


def page_context(
    request: HttpRequest, item: Item, form: AnswerForm | None = None
) -> dict[str, Any]:
    """What this part shows on the item's page (templates/knowledgebase/partials/_helpdesk.html)."""
    if not item.is_network_question:
        return {}
    user = request.user
    answers = [ShownAnswer(a, can_remove_answer(user, a)) for a in answers_of(item)]
    return {
        "helpdesk_answers": answers,
        "helpdesk_may_mark": can_mark_helpful(user, item),
        "helpdesk_form": form or answer_form_for(request, item),
        "helpdesk_asked_by_you": user.is_authenticated and item.contributor_id == user.pk,
    }
