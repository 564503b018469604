"""Offers to host a network meeting: an initiative offers, coordinators move the offer along.

    proposed → tentatively scheduled → confirmed → held → reported
    (or declined with a reason by a coordinator, or withdrawn by the initiative while open)

Every move re-reads the offer under a row lock and checks the status the person saw: when two
coordinators act at the same moment, the second is told what happened instead of overwriting it.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts.models import User
from initiatives.approval import admin_addresses
from initiatives.models import Initiative, Theme
from initiatives.registration import coordinator_addresses
from meetings.hosting import HostingRuleError
from meetings.models import HostOffer, Meeting
from omzien.mailing import send_after_commit

Status = HostOffer.Status

# Where a coordinator can move an offer from each status.
NEXT_STEPS: dict[str, tuple[str, ...]] = {
    Status.PROPOSED: (Status.TENTATIVE, Status.DECLINED),
    Status.TENTATIVE: (Status.CONFIRMED, Status.PROPOSED, Status.DECLINED),
    Status.CONFIRMED: (Status.HELD, Status.TENTATIVE, Status.DECLINED),
    Status.HELD: (Status.REPORTED,),
    Status.REPORTED: (),
    Status.DECLINED: (),
    Status.WITHDRAWN: (),
}
# The order the coordinators' page shows them in: what needs a step first.
STATUS_ORDER = [
    Status.PROPOSED,
    Status.TENTATIVE,
    Status.CONFIRMED,
    Status.HELD,
    Status.REPORTED,
    Status.DECLINED,
    Status.WITHDRAWN,
]


def offers_with_details() -> QuerySet[HostOffer]:
    """Offers with everything a list shows, in the same few queries for any number of them."""
    return HostOffer.objects.select_related(
        "initiative__municipality", "initiative__host_capability", "meeting", "offered_by"
    ).prefetch_related("themes")


def open_offers() -> QuerySet[HostOffer]:
    """The coordinators' queue: open offers, the one waiting longest first."""
    return (
        HostOffer.objects.filter(status__in=HostOffer.OPEN_STATUSES)
        .select_related("initiative__municipality", "meeting")
        .order_by("created_at", "pk")
    )


def offers_of(initiative: Initiative) -> QuerySet[HostOffer]:
    return offers_with_details().filter(initiative=initiative).order_by("-created_at", "-pk")


def make_offer(
    initiative: Initiative,
    *,
    by: User,
    theme: str,
    themes: Iterable[Theme],
    preferred_months: list[int],
    note: str,
) -> HostOffer:
    """Save the offer and tell the coordinators, once it is committed."""
    with transaction.atomic():
        offer = HostOffer.objects.create(
            initiative=initiative,
            offered_by=by,
            theme=theme,
            preferred_months=sorted(set(preferred_months)),
            note=note,
        )
        offer.themes.set(themes)
        send_after_commit(
            "meetings/email/offer_received",
            {"offer": offer, "initiative": initiative, "themes": list(offer.themes.all())},
            to=coordinator_addresses(),
        )
    return offer


def _locked(offer_id: int, expected: str) -> HostOffer:
    offer = HostOffer.objects.select_for_update().select_related("initiative").get(pk=offer_id)
    if offer.status != expected:
        raise HostingRuleError(
            _(
                "Someone else changed this offer of %(name)s meanwhile: it is now “%(status)s”. "
                "Look at it again before you take a step."
            )
            % {"name": offer.initiative.name, "status": offer.get_status_display()}
        )
    return offer


def move_offer(offer_id: int, *, seen: str, to: str, reason: str = "") -> HostOffer:
    """A coordinator takes a step; `seen` is the status shown when they chose it."""
    if to not in NEXT_STEPS.get(seen, ()):
        raise HostingRuleError(_("This step is not possible from here."))
    # Typed text straight from the page, without a form's checks: no NUL (PostgreSQL refuses it).
    reason = reason.replace("\x00", "").strip()
    if to == Status.DECLINED and not reason:
        raise HostingRuleError(_("Tell the initiative why."), field="reason")
    with transaction.atomic():
        offer = _locked(offer_id, seen)
        offer.status = to
        columns = ["status", "updated_at"]
        if to == Status.DECLINED:
            offer.decline_reason = reason
            columns.append("decline_reason")
        offer.save(update_fields=columns)
        if to == Status.DECLINED:
            recipients = decline_recipients(offer)
            if recipients:
                send_after_commit(
                    "meetings/email/offer_declined",
                    {"offer": offer, "initiative": offer.initiative},
                    to=recipients,
                )
    return offer


def decline_recipients(offer: HostOffer) -> list[str]:
    """The initiative's admins and the member who made the offer: who hears why it was declined.

    An initiative without admins (a coordinator entered the offer, or its only admin left) has
    nobody to tell; the coordinators' page then says so, so that they let it know themselves.
    """
    addresses = admin_addresses(offer.initiative)
    offerer = offer.offered_by
    if offerer is not None and offerer.is_active and offerer.email not in addresses:
        addresses.append(offerer.email)
    return addresses


def link_meeting(offer_id: int, *, seen: str, meeting: Meeting | None) -> HostOffer:
    """Tie the offer to the meeting it became (or untie it); the status must still be as seen."""
    with transaction.atomic():
        offer = _locked(offer_id, seen)
        offer.meeting = meeting
        offer.save(update_fields=["meeting", "updated_at"])
    return offer


def withdraw_offer(offer: HostOffer) -> HostOffer:
    """The initiative takes its offer back; only while it is open."""
    with transaction.atomic():
        locked = HostOffer.objects.select_for_update().get(pk=offer.pk)
        if not locked.is_open:
            raise HostingRuleError(
                _("This offer is no longer open (“%(status)s”), so it cannot be withdrawn.")
                % {"status": locked.get_status_display()}
            )
        locked.status = Status.WITHDRAWN
        locked.save(update_fields=["status", "updated_at"])
    return locked
