"""The knowledge agenda: research questions and the evidence collected for each."""

from typing import Any

from django.http import HttpRequest

from knowledgebase.models import Item


def page_context(request: HttpRequest, item: Item) -> dict[str, Any]:
    """What this part shows on the item's page (templates/knowledgebase/partials/_agenda.html)."""
    return {}
