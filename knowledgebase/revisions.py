"""Every published state of an item is kept as a revision (django-reversion).

Only what a person wrote is versioned: the rendered HTML, the plain text and the search columns
are derived from it again whenever an item is saved.
"""

import reversion

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
