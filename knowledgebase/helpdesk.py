"""Questions to the network: asking, answering, and marking the answer that helped."""

from typing import Any

from django.http import HttpRequest

from knowledgebase.models import Item


def page_context(request: HttpRequest, item: Item) -> dict[str, Any]:
    """What this part shows on the item's page (templates/knowledgebase/partials/_helpdesk.html)."""
    return {}
