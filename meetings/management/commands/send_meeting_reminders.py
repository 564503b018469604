from django.core.management.base import BaseCommand

from meetings.reminders import send_meeting_reminders


class Command(BaseCommand):
    help = (
        "Meetings' timed e-mails, for a daily timer: a reminder to registered people two days "
        "before, a briefing to the host's admins a week before, a request for the report to the "
        "coordinators three days after. Each goes out once, however often this runs."
    )

    def handle(self, *args: object, **options: object) -> None:
        sent = send_meeting_reminders()
        self.stdout.write(
            f"Reminded {sent.reminders} registration(s), briefed the hosts of "
            f"{sent.host_briefings} meeting(s), asked for {sent.report_requests} report(s)."
        )
