"""Factories and helpers for the contribute part's tests."""

from typing import Any

from accounts.models import User
from knowledgebase import revisions
from knowledgebase.models import Item


def change_published(item: Item, *, by: User | None = None, **fields: Any) -> Item:
    """Change a published item as an edit does: the first state kept, the new one recorded."""
    from django.db import transaction

    with transaction.atomic():
        revisions.keep_first(item)
        for name, value in fields.items():
            setattr(item, name, value)
        item.save()
        revisions.record(item, by=by, comment="Veranderd")
    return item


def practice_data(initiative_pk: int | str, **overrides: Any) -> dict[str, Any]:
    data = {
        "on_behalf_of": str(initiative_pk),
        "title": "Samen koken in de wijk",
        "summary": "Buren koken elke week samen voor wie alleen is.",
        "goal": "Minder eenzaamheid.",
        "target_group": "Ouderen",
        "approach": "Elke donderdag koken.",
        "success_factors": "Vaste dag.",
        "costs": "Weinig.",
        "results": "Veertig gasten.",
        "body": "",
        "knowledge_type": Item.KnowledgeType.PRACTICE_DESCRIPTION,
        "last_checked": "2026-11-01",
        "concerns": "",
    }
    return data | overrides


def document_data(initiative_pk: int | str, **overrides: Any) -> dict[str, Any]:
    data = {
        "on_behalf_of": str(initiative_pk),
        "title": "Beleidsregel bewonersbudget",
        "summary": "Wat de gemeente betaalt voor bewonersinitiatieven.",
        "document_type": Item.DocumentType.POLICY_RULE,
        "issued_by": "Gemeente Utrecht",
        "issued_on": "2025-01-15",
        "body": "",
        "knowledge_type": Item.KnowledgeType.POLICY,
        "last_checked": "2026-11-01",
        "concerns": "",
    }
    return data | overrides


def question_data(initiative_pk: int | str, **overrides: Any) -> dict[str, Any]:
    data = {
        "on_behalf_of": str(initiative_pk),
        "title": "Hoe bereik je jongeren?",
        "summary": "Veel initiatieven zien weinig jongeren.",
        "body": "",
        "knowledge_type": Item.KnowledgeType.RESEARCH,
        "last_checked": "2026-11-01",
        "concerns": "",
    }
    return data | overrides
