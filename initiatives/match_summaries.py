"""The weekly summary for an initiative's admins: offers that have come to fit what it needs.

`manage.py send_match_summaries` runs it daily, beside the reminders. An initiative gets at most
one summary a week (MatchSummary), only when there is something new, and never an offer it was
told about before (SentMatch). "Fit" is the same rule as the suggestions on the pages
(initiatives/exchange.py), so the e-mail never announces what the page would not show.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from initiatives.approval import admin_addresses
from initiatives.exchange import SUGGESTIONS_PER_NEED, Suggestion, find_suggestions
from initiatives.models import Initiative, Listing, MatchSummary, SentMatch
from omzien.mailing import send_after_commit

SUMMARY_EVERY = timedelta(days=7)
# Offers looked at per need, so that new ones are found below those told about before.
CANDIDATES_PER_NEED = 20


@dataclass(frozen=True)
class NewMatches:
    need: Listing
    offers: list[Suggestion]


def initiatives_due(now: datetime) -> QuerySet[Initiative]:
    """Approved initiatives with a need whose last summary is a week old, or that never had one."""
    return (
        Initiative.objects.approved()
        .filter(listings__kind=Listing.Kind.NEED)
        .exclude(match_summary__sent_at__gt=now - SUMMARY_EVERY)
        .distinct()
    )


def send_match_summaries(now: datetime | None = None) -> int:
    """Send every summary that is due; returns how many initiatives got one."""
    now = now or timezone.now()
    due = initiatives_due(now).order_by("pk").values_list("pk", flat=True)
    return sum(send_match_summary(initiative_id, now=now) for initiative_id in due)


def send_match_summary(initiative_id: int, *, now: datetime) -> bool:
    with transaction.atomic():
        initiative = Initiative.objects.select_for_update().get(pk=initiative_id)
        # Checked again under the lock: a run beside this one may have sent it just now.
        last = MatchSummary.objects.filter(initiative=initiative).first()
        if last is not None and last.sent_at > now - SUMMARY_EVERY:
            return False
        admins = admin_addresses(initiative)
        matches = new_matches(initiative)
        if not admins or not matches:
            return False  # nothing recorded: told as soon as there is something and someone
        SentMatch.objects.bulk_create(
            SentMatch(need=match.need, offer_id=offer.offer_id, sent_at=now)
            for match in matches
            for offer in match.offers
        )
        if last is None:
            MatchSummary.objects.create(initiative=initiative, sent_at=now)
        else:
            last.sent_at = now
            last.save(update_fields=["sent_at"])
        send_after_commit(
            "initiatives/email/match_summary",
            {"initiative": initiative, "matches": matches},
            to=admins,
        )
    return True


def new_matches(initiative: Initiative) -> list[NewMatches]:
    """Per need, the best offers that fit it and that the initiative has not been told about."""
    needs = list(initiative.listings.filter(kind=Listing.Kind.NEED).order_by("created_at", "pk"))
    found = find_suggestions([need.pk for need in needs], limit=CANDIDATES_PER_NEED)
    told = set(SentMatch.objects.filter(need__in=needs).values_list("need_id", "offer_id"))
    matches = []
    for need in needs:
        offers = [offer for offer in found[need.pk] if (need.pk, offer.offer_id) not in told]
        if offers:
            matches.append(NewMatches(need, offers[:SUGGESTIONS_PER_NEED]))
    return matches
