"""The directory's part of sitemap.xml: its lists and every approved initiative."""

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from initiatives.models import Initiative
from omzien.sitemaps import pages_sitemap, register_sitemap


class InitiativeSitemap(Sitemap):
    changefreq = "monthly"

    def items(self) -> QuerySet[Initiative]:
        # Approved only: a pending, rejected or archived initiative is not for the public.
        return Initiative.objects.approved().only("slug", "updated_at").order_by("pk")

    def lastmod(self, initiative: Initiative) -> datetime:
        return initiative.updated_at


def register() -> None:
    register_sitemap(
        "initiative-pages",
        pages_sitemap("initiatives:directory", "initiatives:map", "initiatives:listings"),
    )
    register_sitemap("initiatives", InitiativeSitemap)
