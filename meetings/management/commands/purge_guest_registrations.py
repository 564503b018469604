"""Guests' data goes 12 months after their meeting ended (run daily by the timer, see README).

A guest's registration that counted (registered or waiting, the attendance of a held meeting) is
anonymised, so the counts stay right; one that never counted (unconfirmed, cancelled) is deleted.
"""

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from meetings.models import Registration
from meetings.registration import GUEST_DATA_KEPT_MONTHS, anonymise

ANONYMOUS_DOMAIN = "@verwijderd.invalid"


def purge_guest_registrations() -> tuple[int, int]:
    """(deleted, anonymised)"""
    # A month counted generously: 12 months is never less than 366 days.
    before = timezone.now() - timedelta(days=31 * GUEST_DATA_KEPT_MONTHS - 6)
    expired = Registration.objects.filter(user=None, meeting__ends_at__lt=before)
    with transaction.atomic():
        never_counted = expired.filter(
            status__in=(Registration.Status.UNCONFIRMED, Registration.Status.CANCELLED),
            attended=False,
        )
        deleted, _ = never_counted.delete()
        anonymised = anonymise(expired.exclude(email__endswith=ANONYMOUS_DOMAIN))
    return deleted, anonymised


class Command(BaseCommand):
    help = "Delete or anonymise guests' registrations 12 months after their meeting."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted, anonymised = purge_guest_registrations()
        self.stdout.write(f"{deleted} deleted, {anonymised} anonymised")
