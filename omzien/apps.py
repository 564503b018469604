from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OmzienConfig(AppConfig):
    name = "omzien"
    verbose_name = _("Omzien naar Elkaar")
