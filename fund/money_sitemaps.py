"""The money part's share of sitemap.xml: the funders, each funder's statement and the ledger."""

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from fund.models import Funder
from omzien.sitemaps import pages_sitemap, register_sitemap


class FunderSitemap(Sitemap):
    changefreq = "monthly"

    def items(self) -> QuerySet[Funder]:
        # Funders are public, all of them.
        return Funder.objects.only("slug").order_by("pk")


def register() -> None:
    register_sitemap("fund-money", pages_sitemap("fund:funders", "fund:ledger"))
    register_sitemap("fund-funders", FunderSitemap)
