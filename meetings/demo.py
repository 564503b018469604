"""Demo meetings for `make run`: the meetings of the network's own texts, about two years of held
meetings before today, several upcoming ones, host offers in every state and what about a third
of the initiatives can offer as a host.

Made with the models directly (the rules of registering and scheduling live elsewhere), the same
every run (a fixed random seed), and made once: when the meeting of 21 February 2018 exists, the
meetings are left as they are. It runs after the initiatives' demo (INSTALLED_APPS order).
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.text import slugify

from accounts.demo import MEMBER_EMAIL
from accounts.models import User
from initiatives.models import Initiative, Theme
from meetings.models import (
    AgendaItem,
    DayPart,
    HostCapability,
    HostOffer,
    Meeting,
    MeetingTask,
    Region,
    Registration,
    Report,
    WalkIn,
)
from omzien.demo import demo_loader

SEED = 2018
MARKER = "bewonersnetwerk-utrecht-21-februari-2018"
KRACHTSTATION = "Krachtstation Kanaleneiland"
KRACHTSTATION_ADDRESS = "Amerikalaan 199, 3526 VD Utrecht"
KRACHTSTATION_POINT = (Decimal("52.07320"), Decimal("5.09540"))

# The initiatives present on 10 September (seed 002).
KNOWLEDGE_AGENDA_GUESTS = [
    "Vereniging Dorpsbelangen Hoogland",
    "Samen maken we Nieuwland",
    "Door Achterveld Voor Achterveld",
    "De Kracht van Zuilen",
    "Austerlitz Zorgt",
    "Buurthuis De Nieuwe Jutter",
    "Gelukkig en Vitaal Werkhoven Odijk Bunnik",
    "Zegveld Zorgt",
]

# What the conclusions of 21 February 2018 come down to (seed 001), in the portal's own words.
CONCLUSIONS_21_FEBRUARY = """\
Initiatieven uit de stad Utrecht kwamen bij elkaar in het Krachtstation om te praten over een \
vervolg op het Manifest. Ze vertelden elkaar hoe ze werken, en kwamen samen tot deze conclusies:

- **Waar we het voor doen.** We kunnen een standpunt innemen over regels en beleid van de \
gemeente, en daar een aanpak voor bedenken. Maar wat ons drijft, is iets anders: in onze eigen \
buurt werken aan een samenleving waarin mensen op elkaar kunnen rekenen. Dat is meer dan het \
uitvoeren van gemeentelijk beleid.
- **Samen sterker.** Het helpt als de initiatieven in de stad samen optrekken: kennis delen, \
laten zien wat werkt, en goede voorbeelden opschrijven.
- **Een gedeeld verhaal.** We willen samen een verhaal en een visie maken over een stad waarin \
bewoners meer voor elkaar kunnen betekenen.
- **Verschillend, en toch één.** Elk initiatief is anders, en dat mag zo blijven. Tegelijk \
vormen we samen een beweging die zich inzet voor de kracht van de buurt.
"""
FOLLOW_UP_21_FEBRUARY = """\
Welk gezamenlijk verhaal vertellen we over de kracht van de buurt?
Welke organisatievorm past bij een netwerk van zulke verschillende initiatieven?
Hoe verzamelen we voorbeelden die laten zien wat initiatieven opleveren?"""

DESCRIPTION_27_MARCH = """\
Een vervolg op de bijeenkomst van 21 februari. We werken verder aan een gezamenlijke visie, aan \
het delen van kennis en aan meer verbinding tussen de initiatieven in de stad.

We praten ook over de vraag hoe we de beweging in Utrecht sterker maken: hoe bundelen we onze \
krachten en onze kennis, en welke organisatievorm past daarbij?

Wil je meedenken over de vorm van de volgende keer, of helpen die voor te bereiden? Zet het \
vinkje aan als je je aanmeldt."""

CONCLUSIONS_10_SEPTEMBER = """\
Initiatieven uit de hele provincie zochten samen met het Kennisplatform Utrecht Sociaal naar de \
vragen die onderzoek waard zijn. Vier vragen bleven over:

1. **Hoe maak je een wijk waar iedereen bij hoort?** Wie heeft wat nodig, en wie in de buurt kan \
dat geven? Als bewoners elkaars kwaliteiten kennen en gebruiken, organiseert de wijk zich meer \
zelf.
2. **Welke nieuwe manieren van samenwerken brengen initiatieven in de praktijk?** Denk aan regie \
vanuit de wijk in plaats van vanuit losse instellingen, en aan maatwerk in plaats van hokjes.
3. **Hoe laat je zien wat een initiatief waard is?** Initiatieven nemen taken in zorg, welzijn en \
energie op zich, maar krijgen daar weinig voor terug. Hoe toon je die waarde aan?
4. **Hoe groeit een netwerk van initiatieven dat blijft bestaan?** Daarvoor zijn nodig: genoeg \
initiatieven die meedoen, gedeelde doelen, en een bondgenootschap met partners in de provincie.
"""

# About two years of meetings before today: (weeks ago, theme or question, themes).
HISTORY = [
    (100, "Hoe vinden en houden we vrijwilligers?", ("Participatie",)),
    (94, "Samen de eenzaamheid in het dorp te lijf", ("Eenzaamheid", "Welzijn")),
    (88, "Wat leren we van de buurtteams?", ("Zorg",)),
    (81, "Een buurthuis draaiende houden", ("Leefbaarheid",)),
    (74, "Energie besparen met de hele straat", ("Energie",)),
    (68, "Ouder worden in je eigen dorp", ("Zorg", "Wonen")),
    (61, "Hoe praat je met de gemeente?", ("Participatie",)),
    (54, "Taal en meedoen", ("Laaggeletterdheid",)),
    (47, "Groen in de wijk: van tegel naar tuin", ("Natuur en groen",)),
    (40, "Armoede zie je niet altijd", ("Armoede",)),
    (33, "Geld voor je initiatief: fondsen en subsidies", ("Participatie",)),
    (27, "Jongeren betrekken bij de buurt", ("Welzijn",)),
    (20, "Mantelzorgers ontlasten", ("Zorg",)),
    (14, "Hoe laat je zien wat je initiatief waard is?", ("Participatie", "Welzijn")),
    (7, "Samen eten tegen eenzaamheid", ("Eenzaamheid",)),
]

# Upcoming: (weeks ahead, title, kind, capacity, registered, waiting, themes).
UPCOMING = [
    (2, "Van buurtidee naar buurtplan", Meeting.Kind.IN_PERSON, 40, 17, 0, ("Participatie",)),
    (4, "Zorg in het dorp organiseren", Meeting.Kind.IN_PERSON, 25, 25, 4, ("Zorg",)),
    (6, "Online: de kennisagenda een jaar verder", Meeting.Kind.ONLINE, 60, 12, 0, ("Welzijn",)),
    (9, "Duurzaam wonen in een oud dorp", Meeting.Kind.HYBRID, 30, 28, 0, ("Energie", "Wonen")),
    (13, "Samen tegen armoede in de wijk", Meeting.Kind.IN_PERSON, 35, 4, 0, ("Armoede",)),
]

TASKS = [
    ("De zaal reserveren", MeetingTask.Assignee.HOST),
    ("De uitnodiging versturen", MeetingTask.Assignee.COORDINATOR),
    ("Het thema voorbereiden", MeetingTask.Assignee.HOST),
    ("Koffie en thee regelen", MeetingTask.Assignee.HOST),
    ("Aantekeningen maken", MeetingTask.Assignee.COORDINATOR),
    ("Het verslag schrijven", MeetingTask.Assignee.COORDINATOR),
]

FIRST_NAMES = [
    "Anouk", "Bram", "Fatima", "Joke", "Sem", "Gerrit", "Yara", "Marleen", "Ruud", "Ingrid",
    "Mohamed", "Els", "Kees", "Naima", "Pieter", "Sanne", "Tom", "Wilma", "Youssef", "Lotte",
    "Henk", "Esra", "Daan", "Greet", "Jeroen", "Mirjam", "Ahmed", "Linda", "Koen", "Ria",
]  # fmt: skip
LAST_NAMES = [
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
    "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer",
]  # fmt: skip

OFFER_THEMES = [
    "Hoe houden we ons buurthuis open zonder subsidie?",
    "Vrijwilligers die blijven: wat werkt?",
    "Samenwerken met de huisarts en de wijkverpleging",
    "Een repair café beginnen",
    "Dorpsvervoer voor ouderen",
    "Nieuwkomers welkom heten in het dorp",
    "De buurt vergroenen met de gemeente",
    "Eenzaamheid onder jongeren",
]


@dataclass
class Made:
    meetings: list[Meeting] = field(default_factory=list)
    registrations: list[Registration] = field(default_factory=list)


@demo_loader
def load_meetings() -> list[str]:
    if Meeting.objects.filter(slug=MARKER).exists():
        return summary()
    initiatives = list(Initiative.objects.approved().select_related("municipality").order_by("pk"))
    if not initiatives:
        return []
    rng = random.Random(SEED)  # noqa: S311 - demo data, the same every run
    by_name = {initiative.name: initiative for initiative in initiatives}
    coordinator = User.objects.filter(groups__name="coordinator").order_by("pk").first()
    made = Made()
    source_meetings(by_name, made, coordinator)
    held = history(rng, initiatives, made, coordinator)
    upcoming(rng, initiatives, by_name, made, coordinator)
    Registration.objects.bulk_create(made.registrations)
    capabilities(rng, initiatives, by_name)
    offers(rng, initiatives, held, made.meetings)
    return summary()


def summary() -> list[str]:
    upcoming_count = Meeting.objects.upcoming().count()
    return [f"Network meetings: {upcoming_count} upcoming, see /meetings/"]


def at(day: date, start: time, end: time) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(day, start, tzinfo=zone),
        datetime.combine(day, end, tzinfo=zone),
    )


def slug_for(title: str, day: date) -> str:
    return f"{slugify(title)[:120]}-{day:%Y-%m-%d}"


def new_meeting(
    title: str,
    day: date,
    host: Initiative,
    *,
    start: time = time(19, 30),
    end: time = time(21, 30),
    themes: tuple[str, ...] = (),
    agenda: tuple[tuple[time, str], ...] = (),
    created_by: User | None = None,
    **fields: object,
) -> Meeting:
    starts_at, ends_at = at(day, start, end)
    fields.setdefault("municipality", host.municipality)
    if "latitude" not in fields and host.latitude is not None:
        fields |= {"latitude": host.latitude, "longitude": host.longitude}
    fields.setdefault("venue_name", host.name)
    # Most demo initiatives have no street address; a place is better than nothing to edit.
    fields.setdefault("address", host.address or host.place or host.municipality.name)
    fields.setdefault("capacity", 40)
    fields.setdefault("slug", slug_for(title, day))
    meeting = Meeting.objects.create(
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        host=host,
        created_by=created_by,
        **fields,
    )
    if themes:
        meeting.themes.set(Theme.objects.filter(name__in=themes))
    items = agenda or (
        (start, "Inloop met koffie en thee"),
        (
            time(start.hour, 45) if start.minute == 0 else time(start.hour + 1, 0),
            "Welkom en voorstelronde",
        ),
        (time(start.hour + 1, start.minute), "In gesprek over het thema, in kleine groepen"),
        (time(end.hour, 0) if end.minute else time(end.hour - 1, 30), "Wat nemen we mee?"),
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, starts_at=when, title=what) for when, what in items
    )
    return meeting


def guests(
    rng: random.Random,
    meeting: Meeting,
    count: int,
    initiatives: list[Initiative],
    *,
    status: str = Registration.Status.REGISTERED,
    attended: bool = False,
    offset: int = 0,
) -> list[Registration]:
    """`count` people registered for `meeting`, most on behalf of an initiative."""
    registered_at = meeting.starts_at - timedelta(days=rng.randint(5, 30))
    # Nobody registers in the future: a waiting list queued after now would put the next
    # person who registers ahead of those already waiting.
    registered_at = min(registered_at, timezone.now() - timedelta(hours=offset + count + 1))
    made = []
    for number in range(offset, offset + count):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        initiative = rng.choice(initiatives) if rng.random() < 0.8 else None
        queued = registered_at + timedelta(hours=number)
        made.append(
            Registration(
                meeting=meeting,
                name=name,
                email=f"deelnemer{number + 1}.{meeting.pk}@demo.omziennaarelkaar.nl",
                initiative=initiative,
                show_initiative=initiative is not None and rng.random() < 0.7,
                needs="Ik kom met de rolstoel." if rng.random() < 0.05 else "",
                wants_to_help=rng.random() < 0.1,
                status=status,
                token=get_random_string(43),
                confirmed_at=queued,
                queued_at=queued,
                attended=attended,
            )
        )
    return made


def source_meetings(by_name: dict[str, Initiative], made: Made, by: User | None) -> None:
    """The three meetings of the network's texts (seeds 001 and 002)."""
    krachtstation = by_name.get(KRACHTSTATION) or next(iter(by_name.values()))
    place: dict[str, Any] = {
        "venue_name": KRACHTSTATION,
        "address": KRACHTSTATION_ADDRESS,
        "latitude": KRACHTSTATION_POINT[0],
        "longitude": KRACHTSTATION_POINT[1],
        "municipality": krachtstation.municipality,
    }
    february = new_meeting(
        "Bewonersnetwerk Utrecht stad: vervolg op het Manifest",
        date(2018, 2, 21),
        krachtstation,
        start=time(16, 30),
        end=time(18, 30),
        slug=MARKER,
        question="Hoe geven we samen een vervolg aan het Manifest Samen bouwen aan de buurt?",
        description=(
            "In 2017 schreven initiatieven uit de stad samen het Manifest *Samen bouwen aan de "
            "buurt*. Hoe gaan we nu verder? We wisselen uit hoe ieder initiatief werkt, en "
            "zoeken wat we samen willen."
        ),
        themes=("Participatie", "Leefbaarheid"),
        status=Meeting.Status.HELD,
        created_by=by,
        **place,
    )
    Report.objects.create(
        meeting=february,
        conclusions=CONCLUSIONS_21_FEBRUARY,
        follow_up=FOLLOW_UP_21_FEBRUARY,
        written_by=by,
        published_at=february.ends_at + timedelta(days=6),
    )
    march = new_meeting(
        "Bewonersnetwerk Utrecht stad: samen verder",
        date(2018, 3, 27),
        krachtstation,
        start=time(16, 30),
        end=time(18, 30),
        question="Welke organisatievorm past bij onze beweging?",
        description=DESCRIPTION_27_MARCH,
        themes=("Participatie",),
        status=Meeting.Status.HELD,
        agenda=(
            (time(16, 30), "Inloop"),
            (time(16, 45), "Terugblik op 21 februari"),
            (time(17, 0), "Werken aan een gezamenlijke visie"),
            (time(17, 45), "Welke organisatievorm past bij ons?"),
            (time(18, 15), "Afspraken voor de volgende keer"),
        ),
        created_by=by,
        **place,
    )
    present = [by_name[name] for name in KNOWLEDGE_AGENDA_GUESTS if name in by_name]
    zuilen = by_name.get("De Kracht van Zuilen", krachtstation)
    september = new_meeting(
        "Een provinciale kennisagenda voor bewonersinitiatieven",
        date(2018, 9, 10),
        zuilen,
        start=time(14, 0),
        end=time(16, 30),
        question=(
            "Welke vragen over wonen, welzijn en zorg willen initiatieven samen met "
            "onderzoekers uitzoeken?"
        ),
        description=(
            "Omzien naar Elkaar nodigt initiatieven uit de hele provincie uit, samen met het "
            "[Kennisplatform Utrecht Sociaal](https://www.werkplaatsensociaaldomein.nl/"
            "werkplaatsen/kennisplatform-utrecht-sociaal-kus). Samen stellen we een "
            "kennisagenda op: de vragen waar onderzoek ons echt verder helpt."
        ),
        themes=("Welzijn", "Zorg", "Wonen"),
        status=Meeting.Status.HELD,
        capacity=30,
        created_by=by,
    )
    september.co_hosts.set([i for i in present if i.pk != zuilen.pk][:1])
    Report.objects.create(
        meeting=september,
        conclusions=CONCLUSIONS_10_SEPTEMBER,
        follow_up=(
            "Welke onderzoekers willen met ons aan deze vragen werken?\n"
            "Hoe betrekken we initiatieven die er nu niet bij waren?"
        ),
        links="https://www.werkplaatsensociaaldomein.nl/werkplaatsen/kennisplatform-utrecht-sociaal-kus",
        written_by=by,
        published_at=september.ends_at + timedelta(days=10),
    )
    WalkIn.objects.bulk_create(
        WalkIn(meeting=september, initiative=initiative, people=1 + index % 2)
        for index, initiative in enumerate(present)
    )
    made.meetings += [february, march, september]


def regions_of(initiatives: list[Initiative]) -> dict[int, list[Initiative]]:
    """The initiatives by region, regions in a fixed order."""
    region_of = dict(
        Region.municipalities.through.objects.values_list("municipality_id", "region_id")
    )
    grouped: dict[int, list[Initiative]] = {}
    for initiative in initiatives:
        region = region_of.get(initiative.municipality_id)
        if region is not None:
            grouped.setdefault(region, []).append(initiative)
    return dict(sorted(grouped.items()))


def history(
    rng: random.Random, initiatives: list[Initiative], made: Made, by: User | None
) -> list[Meeting]:
    """About two years of held meetings, each region in turn, each time another host."""
    today = timezone.localdate()
    grouped = regions_of(initiatives)
    regions = list(grouped)
    used: set[int] = set()
    held = []
    for index, (weeks_ago, question, themes) in enumerate(HISTORY):
        candidates = [i for i in grouped[regions[index % len(regions)]] if i.pk not in used]
        host = rng.choice(candidates or initiatives)
        used.add(host.pk)
        day = today - timedelta(weeks=weeks_ago)
        day -= timedelta(days=(day.weekday() - 1) % 7)  # a Tuesday
        meeting = new_meeting(
            question,
            day,
            host,
            question=question,
            description=(
                f"{host.name} ontvangt de initiatieven van het netwerk. We wisselen ervaringen "
                "uit en gaan met ideeën naar huis."
            ),
            themes=themes,
            status=Meeting.Status.HELD,
            capacity=rng.choice([25, 30, 40, 50]),
            created_by=by,
        )
        come = rng.randint(8, 22)
        made.registrations += guests(rng, meeting, come, initiatives, attended=True)
        made.registrations += guests(
            rng, meeting, 2, initiatives, status=Registration.Status.CANCELLED, offset=come
        )
        walk_ins = rng.sample(initiatives, rng.randint(1, 4))
        WalkIn.objects.bulk_create(
            WalkIn(meeting=meeting, initiative=initiative, people=rng.randint(1, 3))
            for initiative in walk_ins
        )
        if index < len(HISTORY) - 1 or rng.random() < 0.5:  # the last one may still wait
            Report.objects.create(
                meeting=meeting,
                conclusions=(
                    f"We spraken bij {host.name} over de vraag: *{question}*\n\n"
                    "- Veel initiatieven lopen tegen hetzelfde aan; samen vinden we sneller "
                    "een oplossing.\n"
                    "- Een goed voorbeeld uit de buurt zegt meer dan een plan op papier.\n"
                    "- We houden contact en delen wat werkt."
                ),
                follow_up="Wie schrijft een voorbeeld op voor de anderen?",
                written_by=by,
                published_at=meeting.ends_at + timedelta(days=5),
            )
        held.append(meeting)
    made.meetings += held
    return held


def upcoming(
    rng: random.Random,
    initiatives: list[Initiative],
    by_name: dict[str, Initiative],
    made: Made,
    by: User | None,
) -> None:
    """Several upcoming meetings, one full with a waiting list, one nearly full; a draft and a
    cancelled one; tasks for each, the first ones partly done."""
    today = timezone.localdate()
    hosts = rng.sample(initiatives, len(UPCOMING) + 2)
    member = User.objects.filter(email=MEMBER_EMAIL).first()
    now = timezone.now()
    for index, (weeks, title, kind, capacity, registered, waiting, themes) in enumerate(UPCOMING):
        host = hosts[index]
        day = today + timedelta(weeks=weeks)
        day += timedelta(days=(3 - day.weekday()) % 7)  # a Thursday
        meeting = new_meeting(
            title,
            day,
            host,
            question=title if index % 2 else f"{title}: wat werkt, en wat niet?",
            description=(
                f"{host.name} is gastheer. Kom, vertel hoe het bij jullie gaat en neem mee wat "
                "je van de anderen leert.\n\nIedereen is welkom: je hoeft niet bij een "
                "initiatief te horen."
            ),
            themes=themes,
            kind=kind,
            capacity=capacity,
            status=Meeting.Status.PUBLISHED,
            online_link="https://meet.example.nl/omzien-demo"
            if kind != Meeting.Kind.IN_PERSON
            else "",
            accessibility=(
                "De zaal is drempelvrij en er is een invalidentoilet. De bushalte is op vijf "
                "minuten lopen."
                if kind != Meeting.Kind.ONLINE
                else "Je doet mee vanaf je eigen computer of telefoon; je hoeft niets te installeren."
            ),
            created_by=by,
        )
        if index == 0:
            meeting.co_hosts.set([hosts[-1]])
        people = guests(rng, meeting, registered, initiatives)
        if member is not None and index == 0:
            people[0].user, people[0].name, people[0].email = member, member.name, member.email
        made.registrations += people
        made.registrations += guests(
            rng,
            meeting,
            waiting,
            initiatives,
            status=Registration.Status.WAITING,
            offset=registered,
        )
        MeetingTask.objects.bulk_create(
            MeetingTask(
                meeting=meeting,
                title=task,
                assignee=assignee,
                position=position,
                done_at=now if weeks <= 4 and position < 3 else None,
            )
            for position, (task, assignee) in enumerate(TASKS)
        )
        made.meetings.append(meeting)
    draft_day = today + timedelta(weeks=17)
    new_meeting(
        "Buurtzorg en bewoners: hoe werk je samen?",
        draft_day,
        hosts[-2],
        question="Hoe werken initiatieven en wijkverpleging samen?",
        themes=("Zorg",),
        status=Meeting.Status.DRAFT,
        created_by=by,
    )
    cancelled_day = today + timedelta(weeks=3)
    new_meeting(
        "Moestuinen in de wijk",
        cancelled_day,
        hosts[-1],
        question="Hoe houd je een buurtmoestuin samen draaiende?",
        themes=("Natuur en groen",),
        status=Meeting.Status.CANCELLED,
        cancel_reason="De zaal is die avond toch niet vrij. We zoeken een nieuwe datum.",
        created_by=by,
    )


def capabilities(
    rng: random.Random, initiatives: list[Initiative], by_name: dict[str, Initiative]
) -> None:
    """What about a third of the initiatives can offer as a host, some not confirmed for over a
    year (stale)."""
    chosen = rng.sample(initiatives, len(initiatives) // 3)
    krachtstation = by_name.get(KRACHTSTATION)
    if krachtstation is not None and krachtstation not in chosen:
        chosen.append(krachtstation)
    now = timezone.now()
    rows = []
    for initiative in chosen:
        big = initiative == krachtstation or rng.random() < 0.3
        rows.append(
            HostCapability(
                initiative=initiative,
                can_host=rng.random() < 0.9,
                capacity=rng.choice([60, 80, 120]) if big else rng.choice([12, 20, 25, 30, 40]),
                breakout_rooms=rng.randint(2, 4) if big else rng.randint(0, 1),
                step_free=rng.random() < 0.7,
                accessible_toilet=rng.random() < 0.5,
                public_transport=rng.random() < 0.6,
                parking=rng.random() < 0.6,
                catering=rng.random() < 0.7,
                projector=rng.random() < 0.5,
                hybrid_kit=big and rng.random() < 0.5,
                weekdays=sorted(rng.sample(range(1, 8), rng.randint(1, 4))),
                day_parts=sorted(rng.sample([p.value for p in DayPart], rng.randint(1, 2))),
                venue_name=KRACHTSTATION if initiative == krachtstation else initiative.name,
                address=initiative.address,
                confirmed_at=now - timedelta(days=rng.choice([20, 90, 200, 300, 420, 500])),
            )
        )
    HostCapability.objects.bulk_create(rows)


def offers(
    rng: random.Random,
    initiatives: list[Initiative],
    held: list[Meeting],
    meetings: list[Meeting],
) -> None:
    """Host offers in every state; the proposed ones of different ages, so the oldest leads."""
    upcoming_meetings = [m for m in meetings if m.status == Meeting.Status.PUBLISHED]
    Status = HostOffer.Status
    plan = [
        (Status.PROPOSED, None, 200),
        (Status.PROPOSED, None, 60),
        (Status.PROPOSED, None, 9),
        (Status.TENTATIVE, upcoming_meetings[-1], 40),
        (Status.CONFIRMED, upcoming_meetings[0], 80),
        (Status.HELD, held[-1], 150),
        (Status.REPORTED, held[-2], 220),
        (Status.DECLINED, None, 120),
        (Status.WITHDRAWN, None, 100),
    ]
    now = timezone.now()
    themes = list(Theme.objects.all())
    for index, (status, meeting, days_ago) in enumerate(plan):
        initiative = meeting.host if meeting is not None else rng.choice(initiatives)
        offer = HostOffer.objects.create(
            initiative=initiative,
            theme=meeting.question
            if meeting is not None
            else OFFER_THEMES[index % len(OFFER_THEMES)],
            preferred_months=sorted(rng.sample(range(1, 13), 3)),
            note="We hebben een ruime zaal en vrijwilligers die koffie zetten.",
            status=status,
            decline_reason=(
                "Er is dit voorjaar al een bijeenkomst in deze regio; wil je het in het najaar "
                "nog eens aanbieden?"
                if status == Status.DECLINED
                else ""
            ),
            meeting=meeting,
        )
        offer.themes.set(rng.sample(themes, 1))
        # auto_now_add: set the offer's age afterwards.
        HostOffer.objects.filter(pk=offer.pk).update(created_at=now - timedelta(days=days_ago))
