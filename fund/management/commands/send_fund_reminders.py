from django.core.management.base import BaseCommand

from fund.accountability import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail the members of initiatives whose report on a grant of the community fund is due "
        "within 14 days or overdue. Meant for a daily timer; a grant is reminded at most once a "
        "week."
    )

    def handle(self, *args: object, **options: object) -> None:
        count = send_reminders()
        self.stdout.write(f"Reminded the members of {count} grant(s) of their report.")
