"""The rotation ledger: who hosted and who came, per initiative and per region.

Derived only from the meetings that took place and the attendance recorded for them; nothing in
it is typed in. Read in a fixed number of queries, however many meetings and initiatives there are.

A meeting counts as held when its status is "held", or when it is published and its end has
passed: coordinators do not always mark a meeting held at once, and it did take place. Drafts and
cancelled meetings never count. (The page's cached copy, kept under the content version, can so
be up to its ten minutes behind a meeting that just ended without anyone marking it held.)
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, F, Max, Q
from django.utils import timezone

from initiatives.models import Initiative
from meetings.models import Meeting, Region, Registration, WalkIn

# "Hosted twice this year": a flag for coordinators, so one initiative does not carry too much.
OFTEN_HOSTED_THIS_YEAR = 2
# "Comes often, never hosted": a flag for coordinators, so they can ask it.
OFTEN_ATTENDED = 3


def held_q(now: datetime | None = None, prefix: str = "") -> Q:
    """The meetings that took place (see the module's docstring), as a filter on `prefix`."""
    now = now or timezone.now()
    return Q(**{f"{prefix}status": Meeting.Status.HELD}) | Q(
        **{f"{prefix}status": Meeting.Status.PUBLISHED, f"{prefix}ends_at__lt": now}
    )


@dataclass
class Hosting:
    times: int = 0
    last: date | None = None
    this_year: int = 0

    def add(self, times: int, last: datetime | None, this_year: int) -> None:
        self.times += times
        self.this_year += this_year
        if last is not None:
            day = timezone.localdate(last)
            self.last = day if self.last is None else max(self.last, day)


@dataclass(frozen=True)
class RegionName:
    pk: int
    name: str
    slug: str


def hosting_by_initiative(now: datetime) -> dict[int, Hosting]:
    """Per initiative: how often it hosted (or co-hosted), when last, how often this year. Two
    queries."""
    year_start = timezone.localtime(now).replace(
        month=1, day=1, hour=0, minute=0, second=0, microsecond=0
    )
    result: dict[int, Hosting] = {}
    as_host = (
        Meeting.objects.filter(held_q(now))
        .order_by()
        .values("host_id")
        .annotate(
            times=Count("pk"),
            last=Max("starts_at"),
            this_year=Count("pk", filter=Q(starts_at__gte=year_start)),
        )
    )
    for row in as_host:
        result.setdefault(row["host_id"], Hosting()).add(
            row["times"], row["last"], row["this_year"]
        )
    as_co_host = (
        Meeting.co_hosts.through.objects.filter(held_q(now, "meeting__"))
        # A co-host that is also the meeting's host counts once.
        .exclude(initiative_id=F("meeting__host_id"))
        .order_by()
        .values("initiative_id")
        .annotate(
            times=Count("meeting_id"),
            last=Max("meeting__starts_at"),
            this_year=Count("meeting_id", filter=Q(meeting__starts_at__gte=year_start)),
        )
    )
    for row in as_co_host:
        result.setdefault(row["initiative_id"], Hosting()).add(
            row["times"], row["last"], row["this_year"]
        )
    return result


def attendance_by_initiative(now: datetime) -> dict[int, int]:
    """Per initiative: at how many held meetings it was present (a registration marked attended
    on its behalf, or walk-ins of it). One query."""
    registered = (
        Registration.objects.filter(held_q(now, "meeting__"), attended=True)
        .exclude(initiative=None)
        .order_by()
        .values_list("initiative_id", "meeting_id")
    )
    walked_in = (
        WalkIn.objects.filter(held_q(now, "meeting__"))
        .order_by()
        .values_list("initiative_id", "meeting_id")
    )
    counts: dict[int, int] = {}
    # UNION (not UNION ALL): an initiative present both ways at one meeting counts once.
    for initiative_id, _meeting_id in registered.union(walked_in):
        counts[initiative_id] = counts.get(initiative_id, 0) + 1
    return counts


def regions_of_municipalities() -> dict[int, RegionName]:
    """The region of each municipality (the first by name, should one be in two). One query."""
    rows = Region.municipalities.through.objects.order_by("region__name").values_list(
        "municipality_id", "region_id", "region__name", "region__slug"
    )
    result: dict[int, RegionName] = {}
    for municipality_id, pk, name, slug in rows:
        result.setdefault(municipality_id, RegionName(pk, name, slug))
    return result


def hosting_by_region(now: datetime, regions: dict[int, RegionName]) -> dict[int, Hosting]:
    """Per region (by pk): how many held meetings took place in it, and when the last. One
    query; a meeting counts for the region of its municipality."""
    rows = (
        Meeting.objects.filter(held_q(now))
        .order_by()
        .values("municipality_id")
        .annotate(times=Count("pk"), last=Max("starts_at"))
    )
    result: dict[int, Hosting] = {}
    for row in rows:
        region = regions.get(row["municipality_id"])
        if region is not None:
            result.setdefault(region.pk, Hosting()).add(row["times"], row["last"], 0)
    return result


@dataclass
class InitiativeLine:
    name: str
    slug: str
    is_public: bool
    region: str
    hosted: Hosting
    attended: int

    @property
    def attends_often_never_hosted(self) -> bool:
        return self.hosted.times == 0 and self.attended >= OFTEN_ATTENDED

    @property
    def hosted_often_this_year(self) -> bool:
        return self.hosted.this_year >= OFTEN_HOSTED_THIS_YEAR


@dataclass
class RegionLine:
    name: str
    slug: str
    hosted: Hosting
    attended: int = 0
    initiatives: int = 0


@dataclass
class Ledger:
    initiatives: list[InitiativeLine] = field(default_factory=list)
    regions: list[RegionLine] = field(default_factory=list)

    @property
    def flagged(self) -> list[InitiativeLine]:
        return [
            line
            for line in self.initiatives
            if line.attends_often_never_hosted or line.hosted_often_this_year
        ]


def build_ledger(now: datetime | None = None) -> Ledger:
    """The whole ledger, in seven queries."""
    now = now or timezone.now()
    hosting = hosting_by_initiative(now)
    attendance = attendance_by_initiative(now)
    regions = regions_of_municipalities()
    ids = set(hosting) | set(attendance)
    initiatives = (
        Initiative.objects.filter(pk__in=ids)
        .exclude(status=Initiative.Status.PENDING)
        .only("pk", "name", "slug", "status", "municipality_id")
    )
    lines: list[InitiativeLine] = []
    region_lines = {
        region.pk: RegionLine(region.name, region.slug, Hosting())
        for region in Region.objects.only("pk", "name", "slug")
    }
    for region_pk, hosted in hosting_by_region(now, regions).items():
        if region_pk in region_lines:
            region_lines[region_pk].hosted = hosted
    for initiative in initiatives:
        region = regions.get(initiative.municipality_id)
        line = InitiativeLine(
            name=initiative.name,
            slug=initiative.slug,
            is_public=initiative.is_public,
            region=region.name if region else "",
            hosted=hosting.get(initiative.pk, Hosting()),
            attended=attendance.get(initiative.pk, 0),
        )
        lines.append(line)
        if region is not None and region.pk in region_lines:
            region_lines[region.pk].attended += line.attended
            region_lines[region.pk].initiatives += 1
    lines.sort(key=lambda line: line.name.casefold())
    return Ledger(
        initiatives=lines,
        regions=sorted(region_lines.values(), key=lambda line: line.name.casefold()),
    )
