"""manage.py load_bench_knowledge: the benchmark's knowledge base (bench/), small."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from knowledgebase.indexing import refresh_labels
from knowledgebase.management.commands import _knowledge_vocabulary as vocabulary
from knowledgebase.management.commands.load_bench_knowledge import CONTRIBUTOR
from knowledgebase.models import Item
from omzien.search.query import parse_search
from tests.factories import InitiativeFactory
from tests.knowledgebase.factories import ItemFactory

pytestmark = pytest.mark.django_db


def load(items: int) -> str:
    out = StringIO()
    call_command("load_bench_knowledge", "--items", str(items), stdout=out)
    return out.getvalue()


def found(words: str) -> set[int]:
    search = parse_search(words)
    return set(Item.objects.published().filter(search.condition()).values_list("pk", flat=True))


def test_it_makes_a_searchable_knowledge_base_of_many_kinds() -> None:
    InitiativeFactory.create_batch(3)

    printed = load(150)

    items = Item.objects.filter(contributor__email=CONTRIBUTOR)
    assert items.count() == 150
    assert items.research_questions().count() == 50
    assert items.published().count() >= 130
    assert {item.kind for item in items} == set(Item.Kind)  # the 100 that are not questions vary
    assert "common word: vrijwilligers" in printed
    assert "item page: /knowledge/" in printed
    # Found by a common word of the vocabulary, by the names of their themes, never by the absent
    # word; every item has themes, so labels.
    assert found(vocabulary.COMMON_WORD)
    assert found(vocabulary.FACET_WORD)
    assert not found(vocabulary.ABSENT_WORD)
    assert all(item.search_labels for item in items)
    assert found(items.first().themes.first().name)  # type: ignore[union-attr]
    # The search page's filters find them too.
    theme = items.first().themes.first()  # type: ignore[union-attr]
    html = Client().get("/knowledge/", {"theme": theme.slug}).content.decode()
    assert "0 resultaten gevonden" not in html


def test_texts_and_labels_are_what_saving_and_refreshing_would_make() -> None:
    InitiativeFactory.create_batch(3)
    load(70)
    items = list(Item.objects.filter(contributor__email=CONTRIBUTOR).order_by("pk"))

    for item in items:
        rendered, plain_text = item.rendered, item.plain_text
        item.render()  # what Item.save() would write
        assert (item.rendered, item.plain_text) == (rendered, plain_text)

    labels = {item.pk: sorted(item.search_labels.split()) for item in items}
    keys = {item.pk: sorted(item.facet_keys.split()) for item in items}
    refresh_labels([item.pk for item in items])
    refreshed = Item.objects.filter(pk__in=labels).values_list("pk", "search_labels", "facet_keys")
    assert {pk: sorted(text.split()) for pk, text, _keys in refreshed} == labels
    assert {pk: sorted(words.split()) for pk, _text, words in refreshed} == keys


def test_a_second_run_replaces_the_generated_items_and_keeps_the_others() -> None:
    own = ItemFactory(title="Een eigen praktijkvoorbeeld")
    load(55)
    load(52)

    assert Item.objects.filter(contributor__email=CONTRIBUTOR).count() == 52
    assert Item.objects.filter(pk=own.pk).exists()
