"""Reminding admins of initiatives whose profile has not been looked at for a year."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from initiatives.approval import admin_addresses
from initiatives.models import Initiative, InitiativeQuerySet
from initiatives.profile import confirm_token
from initiatives.still_right import still_right_lines
from omzien.mailing import send_after_commit

STALE_AFTER = timedelta(days=365)
# A reminder that got no answer is repeated after a month, not every day.
REMIND_AGAIN_AFTER = timedelta(days=30)


def stale_initiatives(now: datetime | None = None) -> InitiativeQuerySet:
    """Listed initiatives whose profile was neither updated nor confirmed for a year."""
    return Initiative.objects.approved().not_confirmed_since((now or timezone.now()) - STALE_AFTER)


def initiatives_to_remind(now: datetime | None = None) -> list[Initiative]:
    now = now or timezone.now()
    stale = stale_initiatives(now)
    return list(
        stale.exclude(reminded_at__gt=now - REMIND_AGAIN_AFTER).select_related("municipality")
    )


def remind_stale_initiatives(now: datetime | None = None) -> int:
    """E-mail the admins of each stale initiative; returns how many initiatives were reminded."""
    now = now or timezone.now()
    reminded = 0
    for candidate in initiatives_to_remind(now):
        with transaction.atomic():
            # Read again under the lock: archived or confirmed since the list was made?
            initiative = (
                Initiative.objects.approved()
                .not_confirmed_since(now - STALE_AFTER)
                .select_for_update()
                .filter(pk=candidate.pk)
                .first()
            )
            if initiative is None:
                continue
            link = settings.SITE_URL + reverse(
                "initiatives:confirm-current",
                kwargs={"slug": initiative.slug, "token": confirm_token(initiative)},
            )
            send_after_commit(
                "initiatives/email/still_current",
                {
                    "initiative": initiative,
                    "confirm_link": link,
                    "also_asked": still_right_lines(initiative),
                },
                to=admin_addresses(initiative),
            )
            initiative.reminded_at = now
            initiative.save(update_fields=["reminded_at"])
        reminded += 1
    return reminded
