from django.core.management.base import BaseCommand

from initiatives.match_summaries import send_match_summaries


class Command(BaseCommand):
    help = (
        "E-mail the admins of initiatives the offers that have come to fit their needs. "
        "Meant for a daily timer; an initiative gets at most one summary a week, "
        "and never the same offer twice."
    )

    def handle(self, *args: object, **options: object) -> None:
        count = send_match_summaries()
        self.stdout.write(f"Sent a summary of matching offers to {count} initiative(s).")
