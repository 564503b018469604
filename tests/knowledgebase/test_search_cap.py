"""A search that finds very many items (a common word at 100,000 items): only its newest
matches are ranked, and above a second limit the page says "more than" instead of a total and the
filters show no numbers; the page says so, and the number of queries does not grow. The limits
are set small here."""

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from knowledgebase import facets, filters
from knowledgebase.models import Item
from tests.knowledgebase.factories import PracticeFactory

pytestmark = pytest.mark.django_db

RANKED = 3
COUNTED = 5


@pytest.fixture(autouse=True)
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filters, "RANK_CANDIDATES", RANKED)
    monkeypatch.setattr(facets, "COUNT_LIMIT", COUNTED)


def practice(title: str, days_ago: int, **kwargs: object) -> Item:
    item = PracticeFactory(title=title, **kwargs)
    Item.objects.filter(pk=item.pk).update(published_at=timezone.now() - timedelta(days=days_ago))
    return item


def titles_on(response: object) -> list[str]:
    html = response.content.decode()  # type: ignore[attr-defined]
    return re.findall(r'class="omzien-card__link" href="[^"]*">([^<]*)</a>', html)


def text_of(response: object) -> str:
    html = response.content.decode()  # type: ignore[attr-defined]
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def moestuinen(number: int) -> None:
    """`number` items with the word in the body only, newest first by title number."""
    for n in range(number):
        practice(f"Tuin {n}", days_ago=10 + n, body="Samen werken in de moestuin.")


# The newest are found from the GIN index and sorted, or by walking the date index (a word in
# very many items): the same items either way.
@pytest.mark.parametrize("walk_above", [100, 4], ids=["sorted", "walked"])
def test_many_matches_rank_only_the_newest(
    client: Client, monkeypatch: pytest.MonkeyPatch, walk_above: int
) -> None:
    monkeypatch.setattr(filters, "WALK_ABOVE", walk_above)
    # The best match of all (the word in its title) is older than the newest three.
    practice("Moestuin aan de Vecht", days_ago=100, body="Een moestuin voor de buurt.")
    moestuinen(2)  # Tuin 0, Tuin 1: 10 and 11 days old
    practice("Moestuin in Zuilen", days_ago=12, body="De moestuin van de school.")
    practice("Tuin oud", days_ago=50, body="Ook een moestuin.")
    response = client.get("/knowledge/", {"q": "moestuin"})
    assert response.status_code == 200
    # Among the three newest the best by rank comes first; the older ones are not ranked.
    assert titles_on(response) == ["Moestuin in Zuilen", "Tuin 0", "Tuin 1"]
    text = text_of(response)
    assert "5 resultaten gevonden" in text  # the total stays exact
    assert 'id="search-many"' in response.content.decode()
    assert "de beste uit de nieuwste 3" in text


def test_a_few_matches_are_all_ranked(client: Client) -> None:
    practice("Moestuin aan de Vecht", days_ago=100, body="Een moestuin voor de buurt.")
    moestuinen(2)
    response = client.get("/knowledge/", {"q": "moestuin"})
    assert titles_on(response)[0] == "Moestuin aan de Vecht"
    assert 'id="search-many"' not in response.content.decode()


def test_newest_first_lists_every_match(client: Client) -> None:
    moestuinen(5)
    response = client.get("/knowledge/", {"q": "moestuin", "sort": "newest"})
    assert titles_on(response) == [f"Tuin {n}" for n in range(5)]


def test_too_many_to_count_shows_the_filters_without_numbers(client: Client) -> None:
    moestuinen(COUNTED + 1)
    response = client.get("/knowledge/", {"q": "moestuin"})
    html = response.content.decode()
    text = text_of(response)
    assert f"Meer dan {COUNTED} resultaten gevonden" in text  # counting stopped there
    assert f"{COUNTED + 1} items" not in text
    assert "te veel resultaten om per filter te tellen" in text.lower()
    # The kinds are offered, without a number.
    assert re.search(r">\s*Praktijkvoorbeeld\s*<", html)
    assert not re.search(r"Praktijkvoorbeeld \(\d+\)", html)
    # With a filter chosen that leaves few, the numbers come back.
    practice("Moestuin in Zeist", days_ago=1, themes=["Wonen"], body="Een moestuin.")
    chosen = client.get("/knowledge/", {"q": "moestuin", "theme": "wonen"})
    assert titles_on(chosen) == ["Moestuin in Zeist"]
    assert re.search(r"Praktijkvoorbeeld \(1\)", chosen.content.decode())


def test_up_to_the_limit_the_filters_are_counted(client: Client) -> None:
    moestuinen(COUNTED)
    html = client.get("/knowledge/", {"q": "moestuin"}).content.decode()
    assert re.search(rf"Praktijkvoorbeeld \({COUNTED}\)", html)


def queries_for(client: Client, params: dict[str, str]) -> int:
    from django.core.cache import caches

    caches["fragments"].clear()
    with CaptureQueriesContext(connection) as captured:
        client.get("/knowledge/", params)
    return len(captured)


@pytest.mark.parametrize("params", [{"q": "moestuin"}, {"q": "moestuin", "theme": "wonen"}])
def test_the_queries_do_not_grow_past_the_limits(
    client: Client, params: dict[str, str], django_assert_max_num_queries: Callable
) -> None:
    def add(number: int) -> None:
        for _ in range(number):
            practice("Moestuin", days_ago=5, themes=["Wonen"], body="De moestuin.")

    add(2)
    few = queries_for(client, params)
    add(COUNTED + 3)
    many = queries_for(client, params)
    # Counting per value stops (fewer queries); ranking the newest costs none extra.
    assert many <= few
    add(20)
    assert queries_for(client, params) == many
    with django_assert_max_num_queries(14):
        client.get("/knowledge/", params)
