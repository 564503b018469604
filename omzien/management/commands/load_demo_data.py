from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import autodiscover_modules


class Command(BaseCommand):
    help = "Load the demo data of every app (each app's demo.py) and print the demo accounts."

    def handle(self, *args: object, **options: object) -> None:
        from omzien import demo

        with transaction.atomic():
            autodiscover_modules("demo")
            lines = demo.run_loaders()
        self.stdout.write("")
        # `make run PORT=…` sets SITE_URL to the address runserver is about to serve.
        self.stdout.write(self.style.SUCCESS(f"Omzien naar Elkaar runs at {settings.SITE_URL}"))
        for line in lines:
            self.stdout.write(f"  {line}")
        self.stdout.write(f"  Sent e-mails are written as files to {settings.EMAIL_FILE_PATH}/")
        self.stdout.write("")
