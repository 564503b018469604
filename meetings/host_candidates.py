"""The initiatives that could host the next meeting, as `meetings.rotation.Candidate`s.

Read in a fixed number of queries (eight), however many initiatives, offers and meetings there
are: the approved initiatives whose members said they can host, their open offers (with themes),
and the ledger's counts (`meetings/ledger.py`, which also says what counts as held).
"""

from datetime import datetime

from django.db.models import Prefetch
from django.utils import timezone

from initiatives.models import Initiative
from meetings.ledger import (
    Hosting,
    attendance_by_initiative,
    hosting_by_initiative,
    hosting_by_region,
    regions_of_municipalities,
)
from meetings.models import HostCapability, HostOffer
from meetings.rotation import Candidate, OpenOffer


def load_candidates(now: datetime | None = None) -> list[Candidate]:
    now = now or timezone.now()
    open_offers = HostOffer.objects.filter(status__in=HostOffer.OPEN_STATUSES).prefetch_related(
        Prefetch("themes", to_attr="theme_list")
    )
    capabilities = (
        HostCapability.objects.filter(can_host=True, initiative__status=Initiative.Status.APPROVED)
        .select_related("initiative")
        .only(
            *(
                f.name
                for f in HostCapability._meta.concrete_fields
                if f.name not in ("venue_name", "address")
            ),
            "initiative__name",
            "initiative__slug",
            "initiative__municipality_id",
        )
        .prefetch_related(
            # To `open_offers` of each initiative (mypy cannot know it: an ignore below).
            Prefetch("initiative__host_offers", open_offers.order_by("created_at"), "open_offers")
        )
    )
    hosting = hosting_by_initiative(now)
    attendance = attendance_by_initiative(now)
    regions = regions_of_municipalities()
    region_hosting = hosting_by_region(now, regions)
    candidates = []
    for capability in capabilities:
        initiative = capability.initiative
        region = regions.get(initiative.municipality_id)
        hosted = hosting.get(initiative.pk, Hosting())
        candidates.append(
            Candidate(
                initiative_id=initiative.pk,
                name=initiative.name,
                slug=initiative.slug,
                region=region.name if region else None,
                capacity=capability.capacity,
                breakout_rooms=capability.breakout_rooms,
                step_free=capability.step_free,
                accessible_toilet=capability.accessible_toilet,
                public_transport=capability.public_transport,
                parking=capability.parking,
                catering=capability.catering,
                projector=capability.projector,
                hybrid_kit=capability.hybrid_kit,
                weekdays=tuple(capability.weekdays),
                day_parts=tuple(capability.day_parts),
                offers=tuple(
                    OpenOffer(
                        theme=offer.theme,
                        theme_ids=frozenset(theme.pk for theme in offer.theme_list),
                        preferred_months=tuple(offer.preferred_months),
                        offer_id=offer.pk,
                    )
                    for offer in initiative.open_offers  # type: ignore[attr-defined]
                ),
                last_hosted=hosted.last,
                times_hosted=hosted.times,
                attended=attendance.get(initiative.pk, 0),
                details_stale=capability.is_stale,
                region_last_hosted=(
                    region_hosting[region.pk].last
                    if region is not None and region.pk in region_hosting
                    else None
                ),
            )
        )
    return candidates
