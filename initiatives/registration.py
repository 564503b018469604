"""Registering a new initiative: it starts pending, with the registrant as its first admin."""

import secrets
from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.text import slugify

from accounts.models import User
from accounts.roles import COORDINATOR
from initiatives import audit
from initiatives.models import Initiative, Membership, Municipality, TargetGroup, Theme
from omzien.mailing import send_after_commit

SIMILAR_LIMIT = 5
# Paths under /initiatives/ that an initiative's slug must not take.
RESERVED_SLUGS = {"register", "review", "map", "white-spots", "needs-and-offers", "invitations"}
# Words that many names share and that say nothing about which initiative it is.
COMMON_WORDS = {"stichting", "vereniging", "buurt", "wijk", "initiatief", "bewonersinitiatief"}


def distinctive_words(name: str) -> set[str]:
    words = {word for word in slugify(name).split("-") if len(word) > 3}
    return words - COMMON_WORDS or words


def _alike(name: str, other: str) -> bool:
    """The same name, or sharing more than half of the distinctive words of the shorter one.

    "Groene Buren Lunetten" is like "Groene Buren Utrecht", "Moestuin De Zonnebloem" like
    "De Zonnebloem"; it is not like "Buurtmoestuin Houten-Noord", nor like "Moestuin Oost".
    """
    if slugify(name) == slugify(other):
        return True
    words, others = distinctive_words(name), distinctive_words(other)
    return 2 * len(words & others) > min(len(words), len(others))


def similar_initiatives(
    name: str, municipality: Municipality, *, seen_by: User
) -> list[Initiative]:
    """Initiatives the person may see, in the same municipality, with a name like this one.

    Names are compared without accents ("Taalcafé" is "Taalcafe"), which the database cannot
    do without an extension: the municipality's names are compared here, a few thousand at most.
    """
    names = (
        Initiative.objects.visible_to(seen_by)
        .filter(municipality=municipality)
        .exclude(status=Initiative.Status.REJECTED)
        .values_list("pk", "name")
    )
    alike = [pk for pk, other in names if _alike(name, other)]
    return list(
        Initiative.objects.filter(pk__in=alike)
        .select_related("municipality")
        .order_by("name")[:SIMILAR_LIMIT]
    )


def pending_slug(name: str) -> str:
    """A waiting initiative's address: the name and a random ending, whatever else exists.

    A plain "-2" would tell the registrant that someone else registered the same name.
    """
    return f"{slugify(name)[:120] or 'initiatief'}-{secrets.token_hex(3)}"


def public_slug(name: str, *, exclude_pk: int | None = None) -> str:
    """An approved initiative's address: the name, numbered only after a public one's."""
    base = slugify(name)[:120] or "initiatief"
    taken = Initiative.objects.exclude(pk=exclude_pk)
    slug, number = base, 2
    while slug in RESERVED_SLUGS or taken.filter(slug=slug).exists():
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
    """Save a new, pending initiative from a validated form instance.

    Sent twice (a double click), the second request finds the first one and returns it.
    """
    with transaction.atomic():
        # One registration at a time per person: the second waits here, then finds the first.
        User.objects.select_for_update().filter(pk=by.pk).first()
        earlier = (
            Initiative.objects.pending()
            .filter(municipality=initiative.municipality, memberships__user=by)
            .named(initiative.name)
            .first()
        )
        if earlier is not None:
            return earlier
        initiative.slug = pending_slug(initiative.name)
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
