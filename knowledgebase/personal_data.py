"""The knowledge base's part of a person's data: export and erasure (see accounts.personal_data).

A person's questions to the network, answers and contributions belong to the network's knowledge
once published, so deleting an account keeps them without the person: the contributor and the
author become empty. What an initiative contributed stays its contribution; a question asked
without an initiative stays, asked by nobody in particular.
"""

from typing import Any

from accounts.models import User
from accounts.personal_data import Answers, Section, register_section
from knowledgebase.models import Adoption, Answer, Attachment, Item


def _moment(value: Any) -> str | None:
    return value.isoformat() if value else None


def _item(item: Item) -> dict[str, Any]:
    return {
        "title": item.title,
        "kind": item.kind,
        "status": item.status,
        "initiative": item.initiative.name if item.initiative else None,
        "created_at": _moment(item.created_at),
        "submitted_at": _moment(item.submitted_at),
        "published_at": _moment(item.published_at),
        "updated_at": _moment(item.updated_at),
        "address": item.get_absolute_url(),
    }


def _export(user: User) -> dict[str, Any]:
    items = list(Item.objects.filter(contributor=user).select_related("initiative").order_by("pk"))
    answers = Answer.objects.filter(author=user).select_related("item", "initiative").order_by("pk")
    adoptions = (
        Adoption.objects.filter(added_by=user).select_related("practice", "initiative")
    ).order_by("pk")
    return {
        "questions": [_item(i) | {"text": i.body} for i in items if i.is_network_question],
        "contributions": [_item(i) for i in items if not i.is_network_question],
        "answers": [
            {
                "question": answer.item.title,
                "answer": answer.body,
                "initiative": answer.initiative.name if answer.initiative else None,
                "helped": answer.helped,
                "written_at": _moment(answer.created_at),
                "removed_at": _moment(answer.removed_at),
                "address": answer.item.get_absolute_url(),
            }
            for answer in answers
        ],
        "we_did_this_too": [
            {
                "practice": adoption.practice.title,
                "initiative": adoption.initiative.name,
                "note": adoption.note,
                "added_at": _moment(adoption.created_at),
            }
            for adoption in adoptions
        ],
    }


def _erase(user: User, answers: Answers) -> None:
    """Keep the knowledge, drop the person (one UPDATE per table)."""
    Item.objects.filter(contributor=user).update(contributor=None)
    Item.objects.filter(moderated_by=user).update(moderated_by=None)
    Answer.objects.filter(author=user).update(author=None)
    Adoption.objects.filter(added_by=user).update(added_by=None)
    Attachment.objects.filter(uploaded_by=user).update(uploaded_by=None)


def _before_deletion(user: User) -> dict[str, Any]:
    written = Item.objects.filter(contributor=user).exists()
    answered = Answer.objects.filter(author=user).exists()
    return {"written": written, "answered": answered} if written or answered else {}


def register() -> None:
    register_section(
        Section(
            "knowledgebase",
            _export,
            erase=_erase,
            before_deletion=(
                "knowledgebase/partials/_before_account_deletion.html",
                _before_deletion,
            ),
        )
    )
