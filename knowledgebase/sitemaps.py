"""The knowledge base's part of sitemap.xml: its front page and every published item."""

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from knowledgebase.models import Item
from omzien.sitemaps import pages_sitemap, register_sitemap


class ItemSitemap(Sitemap):
    changefreq = "monthly"

    def items(self) -> QuerySet[Item]:
        # Published only: a draft, one waiting for review or a rejected one does not exist.
        return Item.objects.published().only("pk", "slug", "updated_at").order_by("pk")

    def lastmod(self, item: Item) -> datetime:
        return item.updated_at


def register() -> None:
    register_sitemap("knowledge-pages", pages_sitemap("knowledgebase:index"))
    register_sitemap("knowledge", ItemSitemap)
