"""Helpers of the money part's tests: money that moved all the way (paid out, paid back,
released), always through the fund's own functions, and the page's text."""

import re
import uuid

from django.db import transaction
from django.test import Client
from django.utils import timezone

from fund.models import Grant, Payout
from fund.payments import pay, release_unpaid, repay

HOSTILE = '<script>alert("x")</script>=HYPERLINK("http://evil.example","klik")'
LONG_WORD = "Buurtcoöperatiefondsstichtingsbestuursvergadering" * 3


def paid_out(grant: Grant, cents: int) -> Payout:
    """An approved payout of `cents`, paid (as the payouts part will do it, under the lock)."""
    with transaction.atomic():
        locked = Grant.objects.select_for_update().get(pk=grant.pk)
        payout = Payout.objects.create(
            grant=locked,
            amount_cents=cents,
            idempotency_key=uuid.uuid4(),
            status=Payout.Status.APPROVED,
            approved_at=timezone.now(),
        )
        pay(payout, by=None)
    grant.refresh_from_db()
    return payout


def paid_back(grant: Grant, cents: int) -> None:
    with transaction.atomic():
        locked = Grant.objects.select_for_update().get(pk=grant.pk)
        repay(locked, cents, by=None)
    grant.refresh_from_db()


def settled(grant: Grant) -> int:
    """Releases what was not paid out (as settling a grant does); returns the cents."""
    with transaction.atomic():
        locked = Grant.objects.select_for_update().get(pk=grant.pk)
        released = release_unpaid(locked, by=None)
        Grant.objects.filter(pk=grant.pk).update(status=Grant.Status.SETTLED)
    grant.refresh_from_db()
    return released


def text_of(client: Client, url: str) -> str:
    """The page's text as a person reads it: tags gone, spaces folded (entities kept)."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    html = response.content.decode()
    # Folds spaces and line breaks only: the no-break space of "€ 1.250,00" stays.
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html))


def html_of(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()
