"""Registering a new initiative: it starts pending, with the registrant as its first admin."""

import secrets
from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from accounts.models import User
from initiatives import audit
from initiatives.models import Initiative, Membership, Municipality, TargetGroup, Theme
from initiatives.permissions import COORDINATOR_GROUP
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
    """The same name, or more than half of the new name's distinctive words in the other's.

    "Groene Buren Lunetten" is like "Groene Buren Utrecht"; "Moestuin De Zonnebloem" is not
    like "Buurtmoestuin Houten-Noord", nor like "Moestuin Oost".
    """
    if slugify(name) == slugify(other):
        return True
    words = distinctive_words(name)
    return 2 * len(words & distinctive_words(other)) > len(words)


def similar_initiatives(
    name: str, municipality: Municipality, *, seen_by: User
) -> list[Initiative]:
    """Initiatives the person may see, in the same municipality, with a name like this one."""
    words = distinctive_words(name) or {name}
    candidates = (
        Initiative.objects.visible_to(seen_by)
        .filter(municipality=municipality)
        .filter(reduce(or_, (Q(name__icontains=word) for word in words)))
        .exclude(status=Initiative.Status.REJECTED)
        .select_related("municipality")
        .order_by("name")
    )
    return [initiative for initiative in candidates if _alike(name, initiative.name)][
        :SIMILAR_LIMIT
    ]


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
    group = Group.objects.get(name=COORDINATOR_GROUP)
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
