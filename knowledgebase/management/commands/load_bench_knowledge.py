"""manage.py load_bench_knowledge [N] [--items M]: a knowledge base for a benchmark network.

For the benchmarks in bench/ (after load_bench_data): M knowledge items, by default
ITEMS_PER_INITIATIVE per initiative of N (1,000 items for the realistic 150 initiatives, 100,000
for 15,000). N defaults to the approved initiatives in the database.

The mix: 50 research questions (the knowledge agenda), and then mostly practices and documents,
some questions to the network with answers, and meeting reports (without a meeting). Most are
published; a few are drafts, waiting for review, sent back or rejected. Their Dutch texts are made
of the words in _knowledge_vocabulary.py with a realistic spread: a few words in 10-40 % of the
items, most in well under 1 %, and the benchmark's rare, common and absent search words (printed at
the end). Items have themes, municipalities, initiatives (the bench initiatives, else any approved
one) and links to research questions; `search_labels` and `facet_keys` (what the search page's
filters find the items by) are written as knowledgebase.indexing.refresh_labels() writes them
(before the insert, so each row's search vectors are computed once), and the stored search vectors
fill themselves.

Everything is inserted in bulk; at 10,000 items or more the search indexes are dropped during the
load and built again after it (in the same transaction). Generated items (contributed by the bench
contributor account) are replaced on every run; other items are left alone; ANALYZE at the end.
"""

import html
import random
import time
from argparse import ArgumentParser
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from initiatives.models import Initiative, Municipality, Theme
from knowledgebase.management.commands import _knowledge_vocabulary as vocabulary
from knowledgebase.models import FACET_PREFIXES, MARKDOWN_FIELDS, Answer, Item, ItemQuerySet

T = TypeVar("T")
ITEMS_PER_INITIATIVE = 1000 / 150
RESEARCH_QUESTIONS = 50
CONTRIBUTOR = "bench-knowledge@example.org"
BATCH = 2000
DROP_INDEXES_FROM = 10_000
SEED = 8

# Share of the items that are not research questions, per kind.
KINDS = {
    Item.Kind.PRACTICE: 0.55,
    Item.Kind.DOCUMENT: 0.33,
    Item.Kind.NETWORK_QUESTION: 0.07,
    Item.Kind.MEETING_REPORT: 0.05,
}
STATUSES = {
    Item.Status.PUBLISHED: 0.92,
    Item.Status.DRAFT: 0.03,
    Item.Status.SUBMITTED: 0.03,
    Item.Status.CHANGES_REQUESTED: 0.01,
    Item.Status.REJECTED: 0.01,
}
ISSUERS = [
    "Provincie Utrecht",
    "Kennisplatform Utrecht Sociaal",
    "Gemeente Utrecht",
    "Gemeente Amersfoort",
    "Netwerk Omzien naar Elkaar",
    "Movisie",
    "Verwey-Jonker Instituut",
]

# Sentences of the texts: the item's words go in the braces; the other words are everyday Dutch
# that appears in most items (and is never searched for in the benchmark).
SENTENCES = [
    "We begonnen met {} omdat {} ontbrak.",
    "Wat goed werkte: {} en {}.",
    "Het kostte tijd om {} te regelen, maar {} hielp ons verder.",
    "Volgend jaar willen we meer doen aan {} en {}.",
    "Veel mensen kenden {} nog niet, dus vertelden we over {}.",
    "Belangrijk is dat {} en {} elkaar goed kennen.",
    "Na een half jaar zagen we dat {} beter ging dankzij {}.",
    "Vraag op tijd hulp bij {}, want {} vraagt veel aandacht.",
    "Elke week komen {} en {} bij elkaar.",
    "De ervaringen met {} zijn opgeschreven, net als die met {}.",
    "Onze tip: begin klein met {} en betrek {} vanaf het begin.",
    "Er is nog weinig bekend over {} in combinatie met {}.",
]
# {A} is the item's first word with a capital, {a} without; {b} its second word; {place} a
# municipality.
QUESTION_TITLES = [
    "Hoe versterken we {a} met {b}?",
    "Wat werkt bij {a} voor {b}?",
    "Welke rol speelt {a} bij {b}?",
    "Hoe houden we {a} vol als {b} verandert?",
]
TITLES: dict[str, list[str]] = {
    Item.Kind.PRACTICE: ["{A} en {b} in {place}", "Zo pakten we {a} aan in {place}", "{A} met {b}"],
    Item.Kind.DOCUMENT: ["Notitie {a} en {b}", "Beleidsregel {a} {place}", "Onderzoek naar {a}"],
    Item.Kind.NETWORK_QUESTION: ["Wie heeft ervaring met {a} en {b}?", "Tips gezocht voor {a}"],
    Item.Kind.MEETING_REPORT: ["Verslag: {a} en {b}", "Terugblik op de avond over {a}"],
}


class Command(BaseCommand):
    help = "Fill the knowledge base with generated items, for the benchmarks (bench/)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "initiatives",
            type=int,
            nargs="?",
            metavar="N",
            help="size of the benchmark network (default: the approved initiatives)",
        )
        parser.add_argument(
            "--items",
            type=int,
            metavar="M",
            help=f"knowledge items (default: {ITEMS_PER_INITIATIVE:.2f} per initiative)",
        )

    def handle(self, *args: object, **options: object) -> None:
        size = options["initiatives"]
        if size is None:
            size = Initiative.objects.approved().count()
        items = options["items"]
        if items is None:
            items = round(int(size) * ITEMS_PER_INITIATIVE)  # type: ignore[call-overload]
        count = int(items)  # type: ignore[call-overload]
        if count < 0:
            raise CommandError("the number of items must be 0 or more")
        started = timezone.now()
        with transaction.atomic():
            remove_generated()
            load(count, self.stdout.write)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE knowledgebase_item")
            for table in THROUGH_TABLES:
                cursor.execute(f"ANALYZE {table}")
        seconds = (timezone.now() - started).total_seconds()
        published = generated().published().count()
        self.stdout.write(
            f"{count} generated knowledge items ({published} published) in {seconds:.0f} s"
        )
        for line in sample_lines():
            self.stdout.write(line)


THROUGH_TABLES = [
    "knowledgebase_item_themes",
    "knowledgebase_item_municipalities",
    "knowledgebase_item_initiatives",
    "knowledgebase_item_research_questions",
    "knowledgebase_answer",
]


def contributor() -> User:
    user = User.objects.filter(email=CONTRIBUTOR).first()
    return user or User.objects.create_user(CONTRIBUTOR, None)


def generated() -> ItemQuerySet:
    return Item.objects.get_queryset().filter(contributor__email=CONTRIBUTOR)


def remove_generated() -> None:
    """Through Django's delete, which knows every table that points at an item (its links,
    answers, attachments, adoptions, and whatever other parts add)."""
    generated().delete()


@dataclass
class World:
    """What generated items are drawn from; busy places and common themes weigh more."""

    rng: random.Random
    themes: list[Theme]
    municipalities: list[Municipality]
    initiatives: list[Initiative]
    user: User
    now: date = field(default_factory=date.today)

    @classmethod
    def load(cls) -> "World":
        rng = random.Random(SEED)  # noqa: S311 - benchmark data, not secrets
        themes = list(Theme.objects.order_by("pk"))
        municipalities = list(Municipality.objects.order_by("pk"))
        rng.shuffle(themes)
        rng.shuffle(municipalities)
        bench = Initiative.objects.approved().filter(slug__startswith="bench-")
        initiatives = list(
            (bench if bench.exists() else Initiative.objects.approved()).order_by("pk")
        )
        return cls(rng, themes, municipalities, initiatives, contributor())

    def zipf(self, values: Sequence[T], exponent: float = 1.0) -> T:
        weights = [1 / rank**exponent for rank in range(1, len(values) + 1)]
        return self.rng.choices(values, weights)[0]


def word_shares() -> list[tuple[str, float]]:
    ranked = [
        (word, min(vocabulary.CAP, vocabulary.SCALE / (rank + 3)))
        for rank, word in enumerate(vocabulary.WORDS, start=1)
    ]
    rare = [
        (word, vocabulary.RARE_SHARE / (1 + number % 4))
        for number, word in enumerate(vocabulary.RARE)
    ]
    return [(vocabulary.COMMON_WORD, vocabulary.COMMON_SHARE), *ranked, *rare]


def words_per_item(count: int, rng: random.Random) -> list[list[str]]:
    """For each item, the vocabulary words it contains: word by word, a random set of items of
    the word's share (so the work is the number of words placed, not items times vocabulary)."""
    chosen: list[list[str]] = [[] for _ in range(count)]
    everyone = range(count)
    for word, share in word_shares():
        expected = count * share
        # At small sizes a rare word is in one item or none, at random (as in a real collection),
        # except the benchmark's own rare word, which is always somewhere.
        placed = int(expected) + (rng.random() < expected - int(expected))
        if word == vocabulary.RARE_WORD:
            placed = max(placed, 1)
        for index in rng.sample(everyone, min(placed, count)):
            chosen[index].append(word)
    for words in chosen:
        rng.shuffle(words)
        while len(words) < 4:  # every text needs a few words to be about
            words.append(rng.choice(vocabulary.WORDS[:40]))
    return chosen


def load(count: int, say: Callable[[str], None] = print) -> None:
    if not count:
        return
    started = time.monotonic()

    def phase(what: str) -> None:
        say(f"  {time.monotonic() - started:6.1f} s  {what}")

    world = World.load()
    words = words_per_item(count, world.rng)
    phase("words placed")
    questions = min(RESEARCH_QUESTIONS, count)
    with search_indexes_dropped(count >= DROP_INDEXES_FROM, phase):
        agenda = [
            make_item(world, Item.Kind.RESEARCH_QUESTION, words[number], number)
            for number in range(questions)
        ]
        links = plan_links(world, agenda, [])
        Item.objects.bulk_create(agenda)
        links.save()
        for first in range(questions, count, BATCH):
            numbers = range(first, min(first + BATCH, count))
            batch = [make_item(world, pick_kind(world.rng), words[n], n) for n in numbers]
            links = plan_links(world, batch, agenda)
            Item.objects.bulk_create(batch)
            links.save()
            if (first - questions) % (10 * BATCH) == 0:
                phase(f"{first + len(numbers)} items inserted, with their links")
        phase(f"{count} items inserted, with their links")


class search_indexes_dropped:
    """Drops the GIN indexes of the item table and makes them again on exit: one build is far
    cheaper than 100,000 updates of an index (to be used inside a transaction)."""

    def __init__(self, drop: bool, phase: Callable[[str], None]) -> None:
        self.drop = drop
        self.phase = phase
        self.definitions: list[tuple[str, str]] = []

    def __enter__(self) -> None:
        if not self.drop:
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes "
                "WHERE tablename = 'knowledgebase_item' AND indexdef LIKE '%% USING gin %%'"
            )
            self.definitions = cursor.fetchall()
            for name, _definition in self.definitions:
                cursor.execute(f'DROP INDEX "{name}"')

    def __exit__(self, *exception: object) -> None:
        if not self.definitions or exception[0] is not None:
            return  # on an error the transaction rolls back, the drop too
        with connection.cursor() as cursor:
            # The foreign keys are checked at commit; an index cannot be built while checks wait.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            self.phase("foreign keys checked")
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for name, definition in self.definitions:
                cursor.execute(definition)
                self.phase(f"index {name} built")


def pick_kind(rng: random.Random) -> str:
    return rng.choices(list(KINDS), list(KINDS.values()))[0]


def sentences(rng: random.Random, words: list[str], count: int) -> Iterator[str]:
    """`count` sentences about `words`, each word used in turn (so the first ones come back)."""
    for number in range(count):
        first = words[(2 * number) % len(words)]
        second = words[(2 * number + 1) % len(words)]
        yield rng.choice(SENTENCES).format(first, second)


def paragraphs(rng: random.Random, words: list[str], sentence_count: int, per: int = 3) -> str:
    text = list(sentences(rng, words, sentence_count))
    return "\n\n".join(" ".join(text[i : i + per]) for i in range(0, len(text), per))


def make_item(world: World, kind: str, words: list[str], number: int) -> Item:
    rng = world.rng
    status = (
        Item.Status.PUBLISHED
        if kind == Item.Kind.RESEARCH_QUESTION
        else rng.choices(list(STATUSES), list(STATUSES.values()))[0]
    )
    published_at = timezone.now() - timedelta(
        days=rng.randint(0, 5 * 365), hours=rng.randint(0, 23)
    )
    place = world.zipf(world.municipalities).name
    names = {"A": words[0].capitalize(), "a": words[0], "b": words[1], "place": place}
    if kind == Item.Kind.RESEARCH_QUESTION:
        title = rng.choice(QUESTION_TITLES).format(**names)
    else:  # numbered, as people tell similar stories apart
        title = f"{rng.choice(TITLES[kind]).format(**names)[:190]} ({number + 1})"
    item = Item(
        kind=kind,
        status=status,
        title=title,
        summary=" ".join(sentences(rng, words[1:] + words[:1], 2)),
        knowledge_type=Item.KnowledgeType.RESEARCH,
        last_checked=world.now - timedelta(days=rng.randint(0, 3 * 365)),
        contributor=world.user,
        initiative=world.zipf(world.initiatives, 0.5) if world.initiatives else None,
        submitted_at=published_at - timedelta(days=2) if status != Item.Status.DRAFT else None,
        published_at=published_at if status == Item.Status.PUBLISHED else None,
        updated_at=published_at,
    )
    if kind == Item.Kind.PRACTICE:
        item.knowledge_type = rng.choice(
            [Item.KnowledgeType.PRACTICE_DESCRIPTION, Item.KnowledgeType.EXPERIENCE]
        )
        item.goal = paragraphs(rng, words, 2)
        item.target_group = paragraphs(rng, words[2:] + words[:2], 1)
        item.approach = paragraphs(rng, words, rng.randint(3, 7))
        item.success_factors = paragraphs(rng, words[1:] + words[:1], 2)
        item.costs = f"Ongeveer {rng.randint(2, 80) * 250} euro per jaar, vooral voor {words[0]}."
        item.results = paragraphs(rng, words[3:] + words[:3], rng.randint(1, 3))
    elif kind == Item.Kind.DOCUMENT:
        item.document_type = rng.choice(list(Item.DocumentType))
        item.knowledge_type = rng.choice([Item.KnowledgeType.POLICY, Item.KnowledgeType.RESEARCH])
        item.issued_by = rng.choice(ISSUERS)
        item.issued_on = world.now - timedelta(days=rng.randint(30, 8 * 365))
        item.body = paragraphs(rng, words, rng.randint(4, 12))
    elif kind == Item.Kind.RESEARCH_QUESTION:
        item.body = paragraphs(rng, words, 2)
        item.initiative = None
    else:
        item.knowledge_type = Item.KnowledgeType.EXPERIENCE
        item.body = paragraphs(rng, words, rng.randint(2, 5))
    render(item)
    return item


def render(item: Item) -> None:
    """What Item.render() makes of these texts (plain sentences, no Markdown): paragraphs,
    escaped. tests/knowledgebase/test_bench_loader.py checks that the two agree."""
    item.slug = slugify(item.title)[:200] or "item"
    item.rendered = {}
    plain = []
    for name in MARKDOWN_FIELDS:
        text = getattr(item, name)
        if text:
            parts = text.split("\n\n")
            item.rendered[name] = "\n".join(
                f"<p>{html.escape(part, quote=False)}</p>" for part in parts
            )
            plain.append("\n\n".join(parts))
    item.plain_text = "\n\n".join(plain)


@dataclass
class Links:
    """The rows that tie a batch of items to themes, places, initiatives and research questions,
    and the answers to its questions; made before the items are saved (they take the items' ids
    when saved after them)."""

    themes: list = field(default_factory=list)
    places: list = field(default_factory=list)
    concerns: list = field(default_factory=list)
    questions: list = field(default_factory=list)
    answers: list = field(default_factory=list)

    def save(self) -> None:
        Item.themes.through.objects.bulk_create(self.themes)
        Item.municipalities.through.objects.bulk_create(self.places)
        Item.initiatives.through.objects.bulk_create(self.concerns)
        Item.research_questions.through.objects.bulk_create(self.questions)
        Answer.objects.bulk_create(self.answers)


def plan_links(world: World, items: list[Item], agenda: list[Item]) -> Links:
    """The items' links, with their names written into `search_labels` and their ids into
    `facet_keys` as knowledgebase.indexing.refresh_labels() writes them, so each row is written
    (and its search vectors computed) once; tests/knowledgebase/test_bench_loader.py checks the two agree."""
    rng = world.rng
    links = Links()
    for item in items:
        themes = {world.zipf(world.themes, 0.8) for _ in range(rng.randint(1, 3))}
        places = {world.zipf(world.municipalities) for _ in range(rng.choice([0, 1, 1, 2]))}
        concerns = set()
        if world.initiatives and item.kind != Item.Kind.RESEARCH_QUESTION:
            concerns = {rng.choice(world.initiatives) for _ in range(rng.choice([0, 1, 1, 2]))}
        questions = set()
        if agenda and rng.random() < 0.35:
            # A few questions of the agenda gather most of the evidence; some get none.
            questions = {world.zipf(agenda, 1.2) for _ in range(rng.randint(1, 2))}
        links.themes += [Item.themes.through(item=item, theme=theme) for theme in themes]
        links.places += [
            Item.municipalities.through(item=item, municipality=place) for place in places
        ]
        links.concerns += [
            Item.initiatives.through(item=item, initiative=initiative) for initiative in concerns
        ]
        links.questions += [
            Item.research_questions.through(from_item=item, to_item=question)
            for question in questions
        ]
        labels = [
            " ".join(f"{theme.name} {theme.name_en}" for theme in themes),
            " ".join(place.name for place in places),
            " ".join(initiative.name for initiative in concerns),
            item.initiative.name if item.initiative else "",
            " ".join(question.title for question in questions),
        ]
        item.search_labels = " ".join(label for label in labels if label)
        keys = [
            *(f"{FACET_PREFIXES['theme']}{theme.pk}" for theme in themes),
            *(f"{FACET_PREFIXES['municipality']}{place.pk}" for place in places),
            *(f"{FACET_PREFIXES['initiative']}{initiative.pk}" for initiative in concerns),
            *(f"{FACET_PREFIXES['question']}{question.pk}" for question in questions),
        ]
        item.facet_keys = " ".join(keys)
        if item.kind == Item.Kind.NETWORK_QUESTION:
            helped = rng.randrange(4)
            for number in range(rng.randint(0, 3)):
                body = f"Wij hebben goede ervaringen met {rng.choice(vocabulary.WORDS[:80])}."
                links.answers.append(
                    Answer(
                        item=item,
                        initiative=rng.choice(world.initiatives) if world.initiatives else None,
                        body=body,
                        body_html=f"<p>{body}</p>",
                        helped=number == helped and item.status == Item.Status.PUBLISHED,
                    )
                )
    return links


def sample_lines() -> Iterator[str]:
    """The benchmark's search words and how many published items have them; an item page."""
    published = generated().published()
    for label, word in [
        ("common", vocabulary.COMMON_WORD),
        ("rare", vocabulary.RARE_WORD),
        ("absent", vocabulary.ABSENT_WORD),
        ("facet", vocabulary.FACET_WORD),
    ]:
        found = published.filter(plain_text__contains=word).count()
        yield f"{label} word: {word} (in the text of {found} published items)"
    first = published.filter(kind=Item.Kind.PRACTICE).order_by("pk").first()
    if first is not None:
        yield f"item page: {first.get_absolute_url()}"
