from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Network meetings")

    def ready(self) -> None:
        from meetings import figures, personal_data, sitemaps
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
        sitemaps.register()

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

        self._register_hosts()

    def _register_hosts(self) -> None:
        """Hosts: the link on the initiative's page, the yearly check, the coordinators' queue."""
        from initiatives.still_right import register_still_right_section
        from initiatives.tools import register_initiative_tool
        from meetings import host_personal_data, hosting, work_queues
        from meetings.permissions import can_keep_host_capability

        register_initiative_tool(
            _("Host a network meeting"), "meetings:host-capability", can_keep_host_capability
        )
        register_still_right_section(
            lines=hosting.still_right_lines, confirm=hosting.confirm_with_profile
        )
        work_queues.register_host_offers()
        host_personal_data.register()
