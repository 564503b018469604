"""manage.py load_bench_meetings N: network meetings for a benchmark network of N initiatives.

For the benchmarks in bench/ (after load_bench_data): about 40 meetings for the realistic 150
initiatives, the same ratio at other sizes (a few thousand at 100x). A quarter are upcoming, the
rest held, a third of those with a report; each has a programme, themes and registrations.
Generated meetings (slug "bench-meeting-000001" and up, number 1 the first upcoming one) are
replaced on every run; the others are left alone.
"""

import random
from argparse import ArgumentParser
from datetime import time, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from initiatives.models import Initiative, Theme
from meetings.models import AgendaItem, Meeting, Registration, Report
from omzien.markdown import render_markdown

PREFIX = "bench-meeting-"
MEETINGS_PER_INITIATIVE = 40 / 150
UPCOMING_SHARE = 4  # one in four is upcoming
REGISTRATIONS = 12
BATCH = 1000

DESCRIPTION = (
    "Initiatieven uit de regio wisselen ervaringen uit over het thema van de avond.\n\n"
    "- Inloop met koffie\n- Gesprek in kleine groepen\n- Wat nemen we mee?"
)
QUESTIONS = [
    "Hoe vinden en houden we vrijwilligers?",
    "Samen de eenzaamheid te lijf",
    "Een buurthuis draaiende houden",
    "Energie besparen met de hele straat",
    "Ouder worden in je eigen dorp",
    "Groen in de wijk",
]


class Command(BaseCommand):
    help = "Make network meetings for a benchmark network of N initiatives (bench/)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("initiatives", type=int, metavar="N")

    def handle(self, *args: object, **options: object) -> None:
        size = int(options["initiatives"])  # type: ignore[call-overload]
        if size < 0:
            raise CommandError("N must be 0 or more")
        count = max(1, round(size * MEETINGS_PER_INITIATIVE)) if size else 0
        with transaction.atomic():
            Meeting.objects.filter(slug__startswith=PREFIX).delete()
            made = make(count)
        upcoming = Meeting.objects.filter(slug__startswith=PREFIX).upcoming().count()
        self.stdout.write(f"{made} generated meetings ({upcoming} upcoming)")


def make(count: int) -> int:
    hosts = list(
        Initiative.objects.approved().select_related("municipality").order_by("pk")[: count * 2]
    )
    if not hosts:
        return 0
    themes = list(Theme.objects.order_by("pk"))
    html = render_markdown(DESCRIPTION)
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    upcoming = max(1, count // UPCOMING_SHARE)
    for first in range(1, count + 1, BATCH):
        numbers = range(first, min(first + BATCH, count + 1))
        meetings = []
        for number in numbers:
            rng = random.Random(number)  # noqa: S311 - the same meeting on every run
            host = hosts[(number * 7) % len(hosts)]
            if number <= upcoming:
                starts_at = now + timedelta(days=2 + (number * 3) % 365, hours=rng.randint(0, 6))
                status = Meeting.Status.PUBLISHED
            else:
                starts_at = now - timedelta(days=7 + (number * 2) % 1800)
                status = Meeting.Status.HELD
            question = rng.choice(QUESTIONS)
            meetings.append(
                Meeting(
                    title=f"{question} ({number})",
                    slug=f"{PREFIX}{number:06d}",
                    question=question,
                    description=DESCRIPTION,
                    description_html=html,
                    starts_at=starts_at,
                    ends_at=starts_at + timedelta(hours=2),
                    host=host,
                    kind=rng.choice(list(Meeting.Kind)),
                    venue_name=host.name[:120],
                    address=host.address,
                    municipality=host.municipality,
                    latitude=host.latitude,
                    longitude=host.longitude,
                    capacity=rng.choice([20, 30, 40, 60]),
                    accessibility="Drempelvrij; de bushalte is op vijf minuten lopen.",
                    status=status,
                )
            )
        meetings = Meeting.objects.bulk_create(meetings)
        Meeting.themes.through.objects.bulk_create(
            Meeting.themes.through(meeting=meeting, theme=themes[(meeting.pk + step) % len(themes)])
            for meeting in meetings
            for step in (0, 3)
        )
        AgendaItem.objects.bulk_create(
            AgendaItem(meeting=meeting, starts_at=time(19 + step // 2, 30 * (step % 2)), title=what)
            for meeting in meetings
            for step, what in enumerate(("Inloop", "Welkom", "In gesprek", "Afsluiting"))
        )
        Registration.objects.bulk_create(
            Registration(
                meeting=meeting,
                name=f"Deelnemer {person}",
                email=f"deelnemer{person}.{meeting.slug}@bench.example.nl",
                initiative=hosts[(meeting.pk + person) % len(hosts)],
                show_initiative=person % 2 == 0,
                status=Registration.Status.REGISTERED,
                token=f"{meeting.slug}-{person}",
                confirmed_at=meeting.starts_at - timedelta(days=3),
                queued_at=meeting.starts_at - timedelta(days=3, minutes=-person),
                attended=meeting.status == Meeting.Status.HELD,
            )
            for meeting in meetings
            for person in range(REGISTRATIONS)
        )
        Report.objects.bulk_create(
            Report(
                meeting=meeting,
                conclusions="We delen wat werkt.",
                conclusions_html="<p>We delen wat werkt.</p>",
                published_at=meeting.ends_at,
            )
            for meeting in meetings
            if meeting.status == Meeting.Status.HELD and meeting.pk % 3 == 0
        )
    return count
