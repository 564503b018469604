"""What the knowledge base adds to the rest of the portal: key figures and the newest items on the
home page, and an initiative's contributions on its page. Registered from apps.py."""

from typing import Any

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative
from initiatives.page_sections import register_page_section
from knowledgebase.models import Answer, Item
from omzien.home_sections import register_home_section
from omzien.key_figures import KeyFigure, register_key_figure

HOME_ITEMS = 4
INITIATIVE_ITEMS = 5


def _published_practices() -> int:
    return Item.objects.published().filter(kind=Item.Kind.PRACTICE).count()


def _research_questions() -> int:
    return Item.objects.published().research_questions().count()


def _answered_questions() -> int:
    answered = Answer.objects.filter(item=OuterRef("pk"), removed_at__isnull=True)
    questions = Item.objects.published().filter(kind=Item.Kind.NETWORK_QUESTION)
    return questions.filter(Exists(answered)).count()


def latest_for_home() -> dict[str, Any]:
    """The newest published items, one query."""
    items = Item.objects.published().select_related("initiative")[:HOME_ITEMS]
    return {"items": list(items)}


def contributions_of(initiative: Initiative) -> dict[str, Any]:
    """The newest published items the initiative contributed, one query (one more row than shown
    says whether there are more)."""
    found = list(Item.objects.published().filter(initiative=initiative)[: INITIATIVE_ITEMS + 1])
    return {
        "initiative": initiative,
        "items": found[:INITIATIVE_ITEMS],
        "more": len(found) > INITIATIVE_ITEMS,
    }


def register() -> None:
    register_key_figure(
        KeyFigure(_("practices in the knowledge base"), _published_practices, "knowledgebase:index")
    )
    register_key_figure(
        KeyFigure(_("research questions"), _research_questions, "knowledgebase:agenda")
    )
    register_key_figure(
        KeyFigure(
            _("questions to the network answered"), _answered_questions, "knowledgebase:questions"
        )
    )
    register_home_section("knowledgebase/partials/_home_latest.html", latest_for_home)
    register_page_section("knowledgebase/partials/_initiative_contributions.html", contributions_of)
