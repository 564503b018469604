from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "omzien.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from omzien import content_version
        from omzien.search.models import WordGroup

        # Its table has the trigger (migration 0004_content_version_trigger).
        content_version.watch(WordGroup)
