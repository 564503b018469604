from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self) -> None:
        from initiatives import figures, logo, personal_data, work_queues

        figures.register()
        personal_data.register()
        work_queues.register()
        logo.register()
