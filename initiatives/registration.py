"""Registering a new initiative: it starts pending, with the registrant as its first admin."""

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.contrib.postgres.search import SearchQuery
from django.db import transaction
from django.db.models import QuerySet
from django.utils.text import slugify

from accounts.models import User
from accounts.roles import COORDINATOR
from initiatives import audit
from initiatives.models import Initiative, Membership, Municipality, TargetGroup, Theme
from omzien.mailing import send_after_commit
from omzien.search.vectors import CONFIG

SIMILAR_LIMIT = 5
# Paths under /initiatives/ that an initiative's slug must not take.
RESERVED_SLUGS = {"register", "review", "map", "white-spots", "needs-and-offers", "invitations"}


def similar_initiatives(
    name: str, municipality: Municipality, *, seen_by: User
) -> QuerySet[Initiative]:
    """Initiatives the person may see, in the same municipality, sharing a word of the name."""
    words = [word for word in slugify(name).split("-") if len(word) > 3] or [name]
    query = SearchQuery(" or ".join(words), search_type="websearch", config=CONFIG)
    return (
        Initiative.objects.visible_to(seen_by)
        .filter(municipality=municipality, search_vector=query)
        .exclude(status=Initiative.Status.REJECTED)
        .order_by("name")[:SIMILAR_LIMIT]
    )


def unique_slug(name: str) -> str:
    base = slugify(name)[:120] or "initiatief"
    slug, number = base, 2
    while slug in RESERVED_SLUGS or Initiative.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def coordinator_addresses() -> list[str]:
    group = Group.objects.get(name=COORDINATOR)
    return list(group.user_set.filter(is_active=True).values_list("email", flat=True))


def register_initiative(
    initiative: Initiative,
    *,
    by: User,
    themes: Iterable[Theme],
    target_groups: Iterable[TargetGroup],
) -> Initiative:
    """Save a new, pending initiative from a validated form instance."""
    with transaction.atomic():
        initiative.slug = unique_slug(initiative.name)
        initiative.status = Initiative.Status.PENDING
        initiative.save()
        initiative.themes.set(themes)
        initiative.target_groups.set(target_groups)
        Membership.objects.create(initiative=initiative, user=by, role=Membership.Role.ADMIN)
        audit.record(initiative, by=by, action="registered")
        send_after_commit(
            "initiatives/email/review_needed",
            {"initiative": initiative},
            to=coordinator_addresses(),
        )
    return initiative
