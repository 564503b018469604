from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self) -> None:
        from accounts.models import User
        from initiatives import figures, logo, personal_data, sitemaps, work_queues
        from initiatives.models import (
            Claim,
            Initiative,
            Listing,
            Membership,
            Municipality,
            TargetGroup,
            Theme,
        )
        from omzien import content_version

        figures.register()
        personal_data.register()
        work_queues.register()
        logo.register()
        sitemaps.register()
        # Their tables have the trigger (migration 0013_content_version_triggers).
        content_version.watch(
            Initiative,
            Initiative.themes.through,
            Initiative.target_groups.through,
            Municipality,
            Theme,
            TargetGroup,
            Listing,
            Membership,
            Claim,
            User.groups.through,
        )
