"""The knowledge base's front page: search, facets and the newest items."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from knowledgebase.models import Item


def index(request: HttpRequest) -> HttpResponse:
    items = Item.objects.published().select_related("initiative")[:20]
    return render(request, "knowledgebase/index.html", {"items": items})
