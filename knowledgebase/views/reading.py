"""An item's public page, under an address that keeps working when its title changes, and
"we did this too" on a practice."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from initiatives.models import Initiative
from knowledgebase import adoption, agenda, attachments, helpdesk, moderation
from knowledgebase.models import Item
from knowledgebase.permissions import (
    can_adopt,
    can_view_item,
    public_initiatives_of,
    remember_relations,
)
from knowledgebase.related import related_items
from omzien import content_version
from omzien.shared_cache import get_or_compute
from omzien.typing import AuthenticatedHttpRequest

# A practice on the network's template: its sections in order, with their headings.
PRACTICE_SECTIONS = (
    ("goal", gettext_lazy("Goal")),
    ("target_group", gettext_lazy("For whom")),
    ("approach", gettext_lazy("Approach")),
    ("success_factors", gettext_lazy("Why it works")),
    ("costs", gettext_lazy("What it cost")),
    ("results", gettext_lazy("What it yielded")),
)

# Each part of the app adds what it shows on the page (and its partial in the template).
PAGE_PARTS = (moderation, attachments, agenda, helpdesk)


def _shared_item(request: HttpRequest, pk: int) -> Item:
    """The item with its initiative and meeting, loaded once per content version and shared
    between requests (any change to the knowledge base moves the version)."""
    key = f"kb-item:{pk}:{content_version.current(request)}"
    item = caches["fragments"].get(key)
    if item is None:
        item = get_object_or_404(Item.objects.select_related("initiative", "meeting"), pk=pk)
        caches["fragments"].set(key, item)
    return item


def _visible_item(request: HttpRequest, pk: int) -> Item:
    item = _shared_item(request, pk)
    remember_relations(request)  # the page's parts ask about the person's memberships
    if not can_view_item(request.user, item):
        raise Http404
    return item


def _labels(item: Item) -> dict[str, list]:
    """What the item is about; only what the public may see (approved initiatives, published
    research questions)."""
    return {
        "themes": list(item.themes.all()),
        "municipalities": list(item.municipalities.all()),
        "initiatives": list(
            item.initiatives.filter(status=Initiative.Status.APPROVED).only("name", "slug")
        ),
        "research_questions": list(
            item.research_questions.published().only("pk", "title", "slug", "kind")
        ),
    }


NOT_TO_ADOPT: dict[str, Any] = {"may_adopt": False, "choices": [], "done": []}


def _adoption_panel(request: HttpRequest, item: Item) -> dict[str, Any]:
    """Per person: the initiatives they may say it for, and which of those did so already. Kept
    per person, item and content version (memberships move it too)."""
    user = request.user
    if not user.is_authenticated or not item.is_practice or not item.is_published:
        return NOT_TO_ADOPT
    # can_adopt(), with the person's initiatives read once: the item is a published practice.
    mine = [(i.pk, i.name) for i in public_initiatives_of(user)]
    if not mine:
        return NOT_TO_ADOPT

    def compute() -> dict[str, Any]:
        done = adoption.adopted_by(item, [pk for pk, _name in mine])
        return {
            "may_adopt": True,
            "choices": [(pk, name) for pk, name in mine if pk not in done],
            "done": [name for pk, name in mine if pk in done],
        }

    key = f"kb-adopt:{item.pk}:{user.pk}:{content_version.current(request)}"
    return get_or_compute(key, compute)


def _render_page(
    request: HttpRequest,
    item: Item,
    adopt_form: adoption.AdoptionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    panel = _adoption_panel(request, item)
    if adopt_form is None and panel["choices"]:
        adopt_form = adoption.AdoptionForm(initiatives=panel["choices"])
    context: dict[str, Any] = {"item": item, "adoption_panel": panel, "adopt_form": adopt_form}
    for part in PAGE_PARTS:
        context |= part.page_context(request, item)
    context["kept"] = _kept_page(request, item, context)
    return render(request, "knowledgebase/item_detail.html", context, status=status)


# Where the part that differs per person goes in the kept body: an HTML comment, which no text on
# the page can hold (texts are escaped; Markdown and answers are sanitised without comments).
PERSONAL = mark_safe("<!--kb-item-personal-->")


@dataclass(frozen=True)
class KeptPage:
    """What an item's page shows everyone who may see the item and may do the same with it."""

    head: SafeString  # for search engines, link previews and feed readers
    above: SafeString  # the body, up to the part that differs per person
    below: SafeString  # and after it


def _kept_page(request: HttpRequest, item: Item, context: dict[str, Any]) -> KeptPage:
    """Rendered once per item, content version, language and address (the canonical address
    and the printed one), and per what the body shows of the person's rights: the link to the
    history (insiders have it in their panel), to add attachments and to contribute to a
    research question."""
    shown = (
        context["moderation"]["insider"],
        context["attachments_insider"],
        context.get("agenda_may_contribute", False),
    )
    rights = "".join(str(int(right)) for right in shown)
    key = (
        f"kb-item-page:{item.pk}:{content_version.current(request)}:{get_language()}:"
        f"{request.scheme}://{request.get_host()}:{rights}"
    )

    def render_parts() -> KeptPage:
        everything = {**context, **_shown_to_all(item), "personal": PERSONAL}
        head = render_to_string("knowledgebase/partials/_item_head.html", everything, request)
        body = render_to_string("knowledgebase/partials/_item_body.html", everything, request)
        above, _personal, below = body.partition(PERSONAL)
        # Pieces of the template's output: safe as it was.
        return KeptPage(mark_safe(head), mark_safe(above), mark_safe(below))  # noqa: S308

    return get_or_compute(key, render_parts)


def _shown_to_all(item: Item) -> dict[str, Any]:
    labels = SimpleLazyObject(lambda: _labels(item))
    adoptions = SimpleLazyObject(lambda: adoption.adoptions_of(item))
    return {
        "labels": labels,
        "related": SimpleLazyObject(lambda: related_items(item)),
        "adoptions": SimpleLazyObject(lambda: adoptions[0]),
        "adoption_count": SimpleLazyObject(lambda: adoptions[1]),
        "contact_initiative": item.initiative
        if item.initiative and item.initiative.is_public
        else None,
        "meeting": item.meeting if item.meeting and item.meeting.is_public else None,
        "practice_sections": [
            (field, heading, item.html(field))
            for field, heading in PRACTICE_SECTIONS
            if item.is_practice and item.html(field)
        ],
    }


@require_safe
def permalink(request: HttpRequest, pk: int) -> HttpResponse:
    return redirect(_visible_item(request, pk), permanent=True)


@require_safe
def detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    item = _visible_item(request, pk)
    if slug != item.slug:
        return redirect(item, permanent=True)
    return _render_page(request, item)


@require_POST
@login_required
def adopt(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """ "We did this too", for one of the person's initiatives, with a short note."""
    item = _visible_item(request, pk)
    if not (item.is_practice and item.is_published):
        raise Http404
    if not can_adopt(request.user, item):
        raise PermissionDenied
    initiatives = {i.pk: i for i in public_initiatives_of(request.user)}
    form = adoption.AdoptionForm(
        request.POST, initiatives=[(pk, i.name) for pk, i in initiatives.items()]
    )
    if form.is_valid():
        initiative = initiatives[form.cleaned_data["initiative"]]
        try:
            adoption.adopt(item, initiative, by=request.user, note=form.cleaned_data["note"])
        except adoption.AdoptionError as error:
            form.add_error("initiative", str(error))
        else:
            messages.success(
                request,
                _("Thank you. %(initiative)s is now listed under “We did this too”.")
                % {"initiative": initiative.name},
            )
            return redirect(f"{item.get_absolute_url()}#adoptions")
    return _render_page(request, item, adopt_form=form)
