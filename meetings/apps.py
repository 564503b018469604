from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Network meetings")

    def ready(self) -> None:
        from meetings import figures, personal_data
        from meetings.models import (
            AgendaItem,
            Meeting,
            Region,
            Registration,
            Report,
            WalkIn,
        )
        from omzien import content_version

        figures.register()
        personal_data.register()

        # Their tables have the trigger (migration 0003_content_version_triggers).
        content_version.watch(
            Region,
            Region.municipalities.through,
            Meeting,
            Meeting.themes.through,
            Meeting.co_hosts.through,
            AgendaItem,
            Registration,
            WalkIn,
            Report,
        )

        # The organisers' part: the coordinators' queue "Reports to write".
        from meetings import report_queue

        report_queue.register()
