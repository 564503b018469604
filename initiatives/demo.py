"""Demo directory for `make run`: the initiatives the network's texts name, and ~150 more.

The same every run (a fixed random seed), made in bulk so that it takes well under a second,
and made once: when "De Kracht van Zuilen" already exists, the initiatives are left as they are.
"""

import random
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.utils import timezone
from django.utils.text import slugify

from accounts.demo import MEMBER_EMAIL, demo_user
from initiatives import audit
from initiatives.demo_data import (
    ADMINS,
    CITIES,
    CLAIMS,
    INVITATIONS,
    NAMED,
    NEEDS,
    NEW_PER_YEAR,
    OFFERS,
    ORIGINS,
    PATTERNS,
    PENDING,
    PLACES,
    QUOTAS,
    VILLAGE_PATTERNS,
    Pattern,
)
from initiatives.models import (
    Claim,
    Initiative,
    Listing,
    Membership,
    Municipality,
    TargetGroup,
    Theme,
)
from initiatives.registration import RESERVED_SLUGS
from omzien.demo import demo_loader
from omzien.markdown import render_markdown

SEED = 2013
MARKER = "De Kracht van Zuilen"
EXTRA_THEMES = ["Welzijn", "Participatie", "Leefbaarheid", "Eenzaamheid", "Zorg", "Gezondheid"]
LEGAL_FORMS = {"informal": 6, "association": 2, "foundation": 3, "cooperative": 1}


@dataclass
class Spec:
    """One initiative to make, before it is turned into a model instance."""

    name: str
    municipality: str
    place: str
    founded_year: int | None
    themes: tuple[str, ...]
    target_groups: tuple[str, ...]
    fields: dict[str, Any]
    status: str = Initiative.Status.APPROVED


@demo_loader
def load_initiatives() -> list[str]:
    if not Initiative.objects.filter(name=MARKER).exists():
        make_directory(random.Random(SEED))  # noqa: S311 - demo data, the same every run
    return [*make_admins(), *make_claims(), *summary()]


def make_directory(rng: random.Random) -> None:
    specs = named_specs()
    years = founding_years(exclude=[spec.founded_year for spec in specs])
    rng.shuffle(years)
    specs += generated_specs(rng, years) + pending_specs(rng)
    initiatives = save_specs(specs)
    Listing.objects.bulk_create(
        listing
        for initiative in initiatives
        if initiative.status == Initiative.Status.APPROVED
        for listing in listings_for(rng, initiative)
    )


def named_specs() -> list[Spec]:
    return [
        Spec(
            name=named.name,
            municipality=named.municipality,
            place=named.place,
            founded_year=named.founded_year,
            themes=named.themes,
            target_groups=named.target_groups,
            fields={
                "pitch": named.pitch,
                "description": named.description,
                "legal_form": named.legal_form,
                "activities": "\n".join(named.activities),
                "address": named.address,
                "latitude": named.point[0] if named.point else None,
                "longitude": named.point[1] if named.point else None,
                "volunteers": Initiative.Volunteers.SOME,
            },
        )
        for named in NAMED
    ]


def founding_years(*, exclude: list[int | None]) -> list[int]:
    """One year per generated initiative, so that with the named ones the growth is NEW_PER_YEAR."""
    years = [year for year, count in NEW_PER_YEAR.items() for _ in range(count)]
    for year in exclude:
        if year is not None:
            years.remove(year)
    return years


def generated_specs(rng: random.Random, years: list[int]) -> list[Spec]:
    taken = {(named.municipality, named.name.lower()) for named in NAMED}
    return [
        generated_spec(rng, municipality, years.pop(), taken)
        for municipality, quota in QUOTAS.items()
        for _ in range(quota)
    ]


def generated_spec(
    rng: random.Random, municipality: str, year: int | None, taken: set[tuple[str, str]]
) -> Spec:
    pattern, place = pick_pattern(rng, municipality, taken)
    themes = list(pattern.themes)
    if rng.random() < 0.3:
        themes.append(rng.choice(EXTRA_THEMES))
    return Spec(
        name=pattern.name.format(place=place),
        municipality=municipality,
        place=place,
        founded_year=year,
        themes=tuple(dict.fromkeys(themes)),
        target_groups=pattern.target_groups,
        fields=generated_fields(rng, pattern, place, year),
    )


def pick_pattern(
    rng: random.Random, municipality: str, taken: set[tuple[str, str]]
) -> tuple[Pattern, str]:
    """A kind of initiative and a place in the municipality that do not make a name twice."""
    weights = [pattern.weight for pattern in PATTERNS]
    while True:
        pattern = rng.choices(PATTERNS, weights)[0]
        place = rng.choice(PLACES[municipality])
        key = (municipality, pattern.name.format(place=place).lower())
        city_village = municipality in CITIES and pattern.name in VILLAGE_PATTERNS
        if key not in taken and not city_village:
            taken.add(key)
            return pattern, place


def generated_fields(
    rng: random.Random, pattern: Pattern, place: str, year: int | None
) -> dict[str, Any]:
    origin = rng.choice(ORIGINS).format(year=year or timezone.now().year)
    legal_form = "cooperative" if "coöperatie" in pattern.name.lower() else None
    return {
        "pitch": pattern.pitch.format(place=place),
        "description": f"{pattern.what}\n\n{origin} {rng.choice(INVITATIONS)}",
        "legal_form": legal_form or rng.choices(list(LEGAL_FORMS), list(LEGAL_FORMS.values()))[0],
        "activities": "\n".join(pattern.activities),
        "volunteers": rng.choice(Initiative.Volunteers.values),
    }


def pending_specs(rng: random.Random) -> list[Spec]:
    patterns = {pattern.name: pattern for pattern in PATTERNS}
    specs = []
    for name, municipality, place, pattern_name in PENDING:
        pattern = patterns[pattern_name]
        spec = Spec(
            name=name,
            municipality=municipality,
            place=place,
            founded_year=timezone.now().year,
            themes=pattern.themes,
            target_groups=pattern.target_groups,
            fields=generated_fields(rng, pattern, place, timezone.now().year),
            status=Initiative.Status.PENDING,
        )
        specs.append(spec)
    return specs


def save_specs(specs: list[Spec]) -> list[Initiative]:
    municipalities = {m.name: m for m in Municipality.objects.all()}
    slugs = set(Initiative.objects.values_list("slug", flat=True)) | RESERVED_SLUGS
    now = timezone.now()
    initiatives = Initiative.objects.bulk_create(
        Initiative(
            name=spec.name,
            slug=free_slug(spec.name, slugs),
            municipality=municipalities[spec.municipality],
            place=spec.place,
            founded_year=spec.founded_year,
            status=spec.status,
            approved_at=now if spec.status == Initiative.Status.APPROVED else None,
            description_html=render_markdown(spec.fields["description"]),
            **spec.fields,
        )
        for spec in specs
    )
    link(initiatives, specs, Initiative.themes.through, Theme, "theme", "themes")
    link(initiatives, specs, Initiative.target_groups.through, TargetGroup, "targetgroup",
         "target_groups")  # fmt: skip
    return initiatives


def free_slug(name: str, taken: set[str]) -> str:
    base = slugify(name)[:120]
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def link(
    initiatives: list[Initiative],
    specs: list[Spec],
    through: type[Model],
    model: type[Theme | TargetGroup],
    field: str,
    attribute: str,
) -> None:
    """Fill a many-to-many table in one insert: the themes or target groups of every initiative."""
    by_name = {item.name: item for item in model.objects.all()}
    through._default_manager.bulk_create(
        through(initiative=initiative, **{field: by_name[name]})
        for initiative, spec in zip(initiatives, specs, strict=True)
        for name in getattr(spec, attribute)
    )


def listings_for(rng: random.Random, initiative: Initiative) -> list[Listing]:
    listings = []
    for kind, pool, count in (
        (Listing.Kind.NEED, NEEDS, rng.choice([0, 1, 1, 2])),
        (Listing.Kind.OFFER, OFFERS, rng.choice([0, 0, 1, 1, 2])),
    ):
        for category in rng.sample(list(pool), count):
            text = rng.choice(pool[category])
            listings.append(Listing(initiative=initiative, kind=kind, category=category, text=text))
    return listings


def make_admins() -> list[str]:
    lines = []
    for email, name, initiative_name in [
        (MEMBER_EMAIL, "Bram Bewoner", MARKER),
        *((admin.email, admin.name, admin.initiative) for admin in ADMINS),
    ]:
        initiative = Initiative.objects.filter(name=initiative_name).first()
        if initiative is None:
            continue
        user = demo_user(email, name)
        _, created = Membership.objects.get_or_create(
            initiative=initiative, user=user, defaults={"role": Membership.Role.ADMIN}
        )
        if created and initiative.status == Initiative.Status.PENDING:
            audit.record(initiative, by=user, action="registered")
        lines.append(f"Admin of {initiative.name} ({initiative.status}): {email}")
    return lines


def make_claims() -> list[str]:
    """A few people who say an initiative without a team is theirs, for the coordinators."""
    lines = []
    for claim in CLAIMS:
        initiative = Initiative.objects.filter(name=claim.initiative).first()
        if initiative is None or initiative.has_team:
            continue
        user = demo_user(claim.email, claim.name)
        Claim.objects.get_or_create(
            initiative=initiative, user=user, defaults={"message": claim.message}
        )
        lines.append(f"Claims {initiative.name} (waits for a coordinator): {claim.email}")
    return lines


def summary() -> list[str]:
    approved = Initiative.objects.approved()
    municipalities = approved.values("municipality").distinct().count()
    return [
        f"Directory: {approved.count()} approved initiatives in {municipalities} municipalities, "
        f"{Initiative.objects.pending().count()} waiting for approval"
    ]
