"""RSS and Atom feeds of the published knowledge: all items, per kind and per theme.

Descriptions are the plain-language summary as plain text; the feed writer escapes every text,
so a title with `<script>` or `]]>` stays text; the control characters XML cannot carry are left
out (`xml_safe`), else one such title would break the feed for everyone. Links are absolute (the request's own address).
"""

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from initiatives.models import Theme
from knowledgebase.models import Item
from knowledgebase.plain_text import xml_safe
from omzien.site_address import site_url

NEWEST = 50
FIELDS = ("pk", "kind", "title", "slug", "summary", "published_at", "updated_at")


def _newest(items: QuerySet[Item]) -> list[Item]:
    """One query: the newest published items, with the initiative that contributed each."""
    return list(
        items.published()  # type: ignore[attr-defined]
        .select_related("initiative")
        .only(*FIELDS, "initiative__name")
        .order_by("-published_at", "-pk")[:NEWEST]
    )


class ItemFeed(Feed):
    """All published items, newest first."""

    def title(self, obj: object = None) -> str:
        return _("Omzien naar Elkaar: knowledge base")

    def link(self, obj: object = None) -> str:
        return reverse("knowledgebase:index")

    def description(self, obj: object = None) -> str:
        return _("New practices, documents, research questions and reports of the network.")

    def items(self, obj: object = None) -> list[Item]:
        return _newest(Item.objects.all())

    def item_title(self, item: Item) -> str:
        return xml_safe(f"{item.get_kind_display()}: {item.title}")

    def item_description(self, item: Item) -> str:
        return xml_safe(item.summary)

    def item_link(self, item: Item) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Item) -> str:
        # The permalink, absolute: it stays when the title (and so the slug) changes.
        return site_url() + reverse("knowledgebase:permalink", args=[item.pk])

    def item_guid_is_permalink(self, item: Item) -> bool:
        return True

    def item_pubdate(self, item: Item) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Item) -> datetime:
        return item.updated_at

    def item_author_name(self, item: Item) -> str | None:
        # Who contributed it is the initiative, never a person.
        return xml_safe(item.initiative.name) if item.initiative else None

    def item_categories(self, item: Item) -> list[str]:
        return [str(item.get_kind_display())]


class AtomItemFeed(ItemFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: object = None) -> str:
        return self.description(obj)


class KindFeed(ItemFeed):
    """The published items of one kind: /knowledge/feed/practice/ (404 for an unknown kind)."""

    def get_object(self, request: HttpRequest, kind: str) -> str:
        kind = kind.replace("-", "_")
        if kind not in Item.Kind.values:
            raise Http404
        return kind

    def title(self, obj: object = None) -> str:
        return _("Omzien naar Elkaar: %(kind)s") % {"kind": Item.Kind(str(obj)).label}

    def link(self, obj: object = None) -> str:
        return f"{reverse('knowledgebase:index')}?kind={obj}"

    def items(self, obj: object = None) -> list[Item]:
        return _newest(Item.objects.filter(kind=obj))


class ThemeFeed(ItemFeed):
    """The published items of one theme: /knowledge/themes/<slug>/feed/."""

    def get_object(self, request: HttpRequest, theme: str) -> Theme:
        return get_object_or_404(Theme, slug=theme)

    def title(self, obj: object = None) -> str:
        assert isinstance(obj, Theme)
        theme = xml_safe(obj.display_name)
        return _("Omzien naar Elkaar: knowledge about %(theme)s") % {"theme": theme}

    def link(self, obj: object = None) -> str:
        assert isinstance(obj, Theme)
        return f"{reverse('knowledgebase:index')}?theme={obj.slug}"

    def items(self, obj: object = None) -> list[Item]:
        assert isinstance(obj, Theme)
        return _newest(Item.objects.filter(themes=obj))
