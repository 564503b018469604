"""sitemap.xml for the public pages of the whole portal.

`omzien` knows no domain: each app registers its own sitemap classes in its AppConfig.ready()
(`register_sitemap("initiatives", InitiativeSitemap)`), and lists only what a visitor may see:
never a draft, a pending or an archived thing. /sitemap.xml is an index of the sections, each
at /sitemap-<section>.xml and paginated by Django at 50,000 addresses a page.
"""

from collections.abc import Iterable

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control

_sitemaps: dict[str, type[Sitemap] | Sitemap] = {}


def register_sitemap(name: str, sitemap_class: type[Sitemap]) -> None:
    _sitemaps[name] = sitemap_class


def sitemaps() -> dict[str, type[Sitemap] | Sitemap]:
    return dict(_sitemaps)


class PagesSitemap(Sitemap):
    """Fixed pages by URL name; subclass with `names`."""

    names: tuple[str, ...] = ()
    changefreq = "weekly"

    def items(self) -> Iterable[str]:
        return self.names

    def location(self, item: str) -> str:
        return reverse(item)


def pages_sitemap(*names: str) -> type[Sitemap]:
    """A sitemap of fixed pages, for an app's lists and overviews."""
    return type("Pages", (PagesSitemap,), {"names": names})


def register() -> None:
    """The portal's own pages."""
    register_sitemap("portal", pages_sitemap("home", "privacy", "accessibility", "contact"))


@cache_control(max_age=3600)
def index(request: HttpRequest) -> HttpResponse:
    return sitemap_views.index(request, sitemaps(), sitemap_url_name="sitemap-section")


@cache_control(max_age=3600)
def section(request: HttpRequest, section: str) -> HttpResponse:
    return sitemap_views.sitemap(request, sitemaps(), section=section)
