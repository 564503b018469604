from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OmzienConfig(AppConfig):
    name = "omzien"
    verbose_name = _("Omzien naar Elkaar")

    def ready(self) -> None:
        from django.utils.autoreload import file_changed

        from omzien import frame, sitemaps

        # The development server reads a changed template again; so must the prebuilt frame.
        file_changed.connect(frame.forget, dispatch_uid="omzien-frame-forget")
        sitemaps.register()
