from django.core.management.base import BaseCommand

from initiatives.staleness import remind_stale_initiatives


class Command(BaseCommand):
    help = (
        "E-mail the admins of initiatives not updated or confirmed for 12 months. "
        "Meant for a daily timer; an initiative is reminded again after 30 days at the earliest."
    )

    def handle(self, *args: object, **options: object) -> None:
        count = remind_stale_initiatives()
        self.stdout.write(f"Reminded the admins of {count} initiative(s).")
