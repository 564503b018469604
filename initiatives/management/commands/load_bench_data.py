"""manage.py load_bench_data --initiatives N: make the database hold N approved initiatives.

For the benchmarks in bench/: generated initiatives (slug "bench-000001" and up) are added in bulk
or the last ones removed until N are approved; the others are left alone. Each generated one is
the same on every run (its own random seed), spread unevenly over municipalities and themes, some
with needs and offers.
"""

import random
from argparse import ArgumentParser
from collections.abc import Iterator
from functools import cache

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from initiatives.demo_data import INVITATIONS, NEEDS, OFFERS, ORIGINS, PATTERNS, PLACES, Pattern
from initiatives.models import Initiative, Listing, Municipality, Theme
from omzien.markdown import render_markdown

PREFIX = "bench-"
BATCH = 2000


class Command(BaseCommand):
    help = "Make the database hold N approved initiatives, for the benchmarks (bench/)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--initiatives", type=int, required=True, metavar="N")

    def handle(self, *args: object, **options: object) -> None:
        target = int(options["initiatives"])  # type: ignore[call-overload]
        if target < 0:
            raise CommandError("--initiatives must be 0 or more")
        with transaction.atomic():
            approved = Initiative.objects.approved().count()
            if approved < target:
                add_generated(target - approved)
            elif approved > target:
                remove_generated(approved - target)
        now = Initiative.objects.approved().count()
        self.stdout.write(f"{now} approved initiatives ({generated().count()} generated)")
        if now != target:
            self.stderr.write(f"Only generated initiatives are removed: {now}, not {target}.")


def generated() -> QuerySet[Initiative]:
    return Initiative.objects.filter(slug__startswith=PREFIX)


def add_generated(count: int) -> None:
    start = generated().count() + 1  # the last ones are removed first, so numbers have no gaps
    world = World.load()
    numbers = range(start, start + count)
    for batch in (numbers[i : i + BATCH] for i in range(0, count, BATCH)):
        made = [world.initiative(number) for number in batch]
        initiatives = Initiative.objects.bulk_create(initiative for initiative, _ in made)
        Initiative.themes.through.objects.bulk_create(
            Initiative.themes.through(initiative=initiative, theme=theme)
            for initiative, (_, themes) in zip(initiatives, made, strict=True)
            for theme in themes
        )
        Listing.objects.bulk_create(
            listing for initiative in initiatives for listing in world.listings(initiative)
        )


def remove_generated(count: int) -> None:
    last = generated().order_by("-slug").values_list("pk", flat=True)[:count]
    Initiative.objects.filter(pk__in=list(last)).delete()


class World:
    """What a generated initiative is drawn from; busy places and common themes weigh more."""

    def __init__(self, municipalities: list[Municipality], themes: list[Theme]) -> None:
        self.municipalities = municipalities
        # Zipf-like: the first municipality in the shuffled order gets most, the last very few.
        self.municipality_weights = [1 / rank for rank in range(1, len(municipalities) + 1)]
        self.themes = themes
        self.theme_weights = [1 / rank**0.8 for rank in range(1, len(themes) + 1)]
        self.now = timezone.now()

    @classmethod
    def load(cls) -> "World":
        municipalities = list(Municipality.objects.order_by("name"))
        random.Random(1).shuffle(municipalities)  # noqa: S311 - benchmark data, not secrets
        themes = list(Theme.objects.order_by("name"))
        random.Random(2).shuffle(themes)  # noqa: S311
        return cls(municipalities, themes)

    def initiative(self, number: int) -> tuple[Initiative, list[Theme]]:
        rng = random.Random(number)  # noqa: S311 - the same initiative on every run
        municipality = rng.choices(self.municipalities, self.municipality_weights)[0]
        place = rng.choice(PLACES.get(municipality.name, [municipality.name]))
        pattern = rng.choice(PATTERNS)
        year = rng.randint(2013, self.now.year)
        description, html = describe(
            pattern, rng.randrange(len(ORIGINS)), rng.randrange(len(INVITATIONS)), year
        )
        initiative = Initiative(
            name=f"{pattern.name.format(place=place)} {number}",
            slug=f"{PREFIX}{number:06d}",
            pitch=pattern.pitch.format(place=place),
            description=description,
            description_html=html,
            municipality=municipality,
            place=place,
            founded_year=year,
            status=Initiative.Status.APPROVED,
            approved_at=self.now,
            activities="\n".join(pattern.activities),
        )
        themes = set(rng.choices(self.themes, self.theme_weights, k=rng.randint(1, 3)))
        return initiative, sorted(themes, key=lambda theme: theme.pk)

    def listings(self, initiative: Initiative) -> Iterator[Listing]:
        rng = random.Random(initiative.slug)  # noqa: S311
        for kind, pool in ((Listing.Kind.NEED, NEEDS), (Listing.Kind.OFFER, OFFERS)):
            if rng.random() < 0.5:
                category = rng.choice(list(pool))
                text = rng.choice(pool[category])
                yield Listing(initiative=initiative, kind=kind, category=category, text=text)


def describe(pattern: Pattern, origin: int, invitation: int, year: int) -> tuple[str, str]:
    """The description and its HTML, rendered a paragraph at a time: few variants each."""
    first, second = pattern.what, f"{ORIGINS[origin].format(year=year)} {INVITATIONS[invitation]}"
    return f"{first}\n\n{second}", f"{paragraph(first)}\n{paragraph(second)}"


@cache
def paragraph(text: str) -> str:
    return render_markdown(text)
