"""An item's public page, under an address that keeps working when its title changes."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from knowledgebase import agenda, attachments, helpdesk, moderation
from knowledgebase.models import Item
from knowledgebase.permissions import can_view_item

# Each part of the app adds what it shows on the page (and its partial in the template).
PAGE_PARTS = (moderation, attachments, agenda, helpdesk)


def _visible_item(request: HttpRequest, pk: int) -> Item:
    item = get_object_or_404(Item.objects.select_related("initiative"), pk=pk)
    if not can_view_item(request.user, item):
        raise Http404
    return item


def permalink(request: HttpRequest, pk: int) -> HttpResponse:
    return redirect(_visible_item(request, pk), permanent=True)


def detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    item = _visible_item(request, pk)
    if slug != item.slug:
        return redirect(item, permanent=True)
    context: dict = {"item": item}
    for part in PAGE_PARTS:
        context |= part.page_context(request, item)
    return render(request, "knowledgebase/item_detail.html", context)
