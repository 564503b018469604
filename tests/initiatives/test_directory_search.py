"""What a Dutch visitor finds in the demo directory: words, plurals, synonyms, compounds, the
start of a word, names of places, themes and target groups in both languages, and the web-search
syntax. Each query lists what it must find and what it must not find."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.test import Client

from accounts.demo import load_people
from initiatives.demo import load_initiatives
from initiatives.filters import InitiativeFilter
from initiatives.models import Initiative

Names = Callable[[], set[str]]


def approved() -> "object":
    return Initiative.objects.approved()


def named(*names: str) -> Names:
    return lambda: set(names)


def with_theme(name: str) -> Names:
    return lambda: set(approved().filter(themes__name=name).values_list("name", flat=True))


def for_group(name: str) -> Names:
    return lambda: set(approved().filter(target_groups__name=name).values_list("name", flat=True))


def in_municipality(name: str) -> Names:
    return lambda: set(approved().filter(municipality__name=name).values_list("name", flat=True))


def starting_with(start: str) -> Names:
    return lambda: set(approved().filter(name__startswith=start).values_list("name", flat=True))


@dataclass(frozen=True)
class Case:
    query: str
    finds: Names  # every one of these
    never: Names = field(default=named())  # none of these
    exactly: bool = False  # and nothing else


CASES = [
    # Themes and target groups, by their Dutch and English names.
    Case("eenzaamheid", with_theme("Eenzaamheid"), starting_with("Energiecoöperatie")),
    Case("Eenzaamheid", with_theme("Eenzaamheid"), starting_with("Taalcafé")),
    Case("eenzaam", with_theme("Eenzaamheid"), starting_with("Kledingbank")),
    Case("Loneliness", with_theme("Eenzaamheid"), starting_with("Repair Café"), exactly=True),
    Case("ouderen", for_group("Ouderen"), starting_with("Taalcafé")),
    Case("senioren", for_group("Ouderen"), starting_with("Taalcafé")),
    Case("Older people", for_group("Ouderen"), starting_with("Jongerenplek"), exactly=True),
    Case("jeugd", for_group("Jongeren"), starting_with("Eettafel")),
    Case("mantelzorg", for_group("Mantelzorgers"), starting_with("Repair Café")),
    Case("informele zorg", starting_with("Mantelzorgcafé"), starting_with("Buurtmoestuin")),
    Case("Housing", with_theme("Wonen"), starting_with("Eettafel"), exactly=True),
    # Places: the municipality and the village or neighbourhood.
    Case("Amersfoort", in_municipality("Amersfoort"), in_municipality("Zeist")),
    Case("Utrechtse Heuvelrug", in_municipality("Utrechtse Heuvelrug"), named("De Kracht van Zuilen")),
    Case("Lopik", named(), named("Samen Sterk Lopik"), exactly=True),  # only a pending one there
    # Plurals the stemmer misses, compounds and synonyms, from the word groups.
    Case("initiatief", named("Krachtstation Kanaleneiland"), starting_with("Buurtbus")),
    Case("huizen", named("Buurtkracht Huis ter Heide", "Buurthuis De Nieuwe Jutter"), starting_with("Taalcafé")),
    Case("wijkcentrum", named("Buurthuis De Nieuwe Jutter") , starting_with("Wandelclub")),
    Case("gemeentes", starting_with("Woongroep"), named("Krachtstation Kanaleneiland")),
    Case("Repaircafe", starting_with("Repair Café"), starting_with("Eettafel")),
    Case("taal", starting_with("Taalcafé"), starting_with("Klussendienst")),
    # Accents typed or not.
    Case("cooperatie", named("Zegveld Zorgt", "Energiecoöperatie Leusden-Zuid"), starting_with("Eettafel")),
    Case("ideeen", named("Samen maken we Nieuwland"), starting_with("Eettafel")),
    # The start of a word: search-as-you-type, and the first part of a compound.
    Case("moes", starting_with("Buurtmoestuin"), starting_with("Eettafel")),
    Case("Zuil", named("De Kracht van Zuilen", "Buurtmoestuin Zuilen"), starting_with("Eettafel")),
    Case("energiec", starting_with("Energiecoöperatie"), starting_with("Eettafel")),
    # Web-search syntax: all words, a phrase, either word, a word left out.
    Case("eettafel Cothen", named("Eettafel Cothen"), named("Eettafel Doorslag"), exactly=True),
    Case('"samen eten"', starting_with("Eettafel"), starting_with("Samen Sterk")),
    Case("eettafel or taalcafé", lambda: starting_with("Eettafel")() | starting_with("Taalcafé")(), starting_with("Buurtbus")),
    Case("eenzaamheid -eettafel", named("Buurthuis De Nieuwe Jutter"), starting_with("Eettafel")),
    Case("buurt -Zuilen", starting_with("Buurtkracht"), named("De Kracht van Zuilen", "Buurtmoestuin Zuilen")),
    # Nothing to find, and input that is not a search at all.
    Case("xylofoon", named(), starting_with(""), exactly=True),
    Case("'); drop table initiatives_initiative; --", named(), starting_with(""), exactly=True),
]  # fmt: skip


@pytest.fixture(scope="module")
def demo_directory(django_db_setup: None, django_db_blocker: object) -> Iterator[None]:
    """The demo directory, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():  # type: ignore[attr-defined]
        load_people()
        load_initiatives()
        yield
        transaction.set_rollback(True)


def found(query: str) -> set[str]:
    filterset = InitiativeFilter({"q": query}, queryset=Initiative.objects.approved())
    return set(filterset.qs.values_list("name", flat=True))


@pytest.mark.parametrize("case", CASES, ids=[case.query for case in CASES])
def test_a_dutch_query_finds_what_it_means(demo_directory: None, db: None, case: Case) -> None:
    result = found(case.query)
    expected = case.finds()
    assert expected <= result, f"missing: {sorted(expected - result)}"
    assert not (case.never() & result), f"should not find: {sorted(case.never() & result)}"
    if case.exactly:
        assert result == expected


def test_there_are_enough_queries_in_the_table() -> None:
    assert len(CASES) >= 25


def test_a_plural_and_its_singular_find_the_same(demo_directory: None, db: None) -> None:
    assert found("huizen") == found("huis")
    assert found("initiatieven") == found("initiatief")
    assert found("gemeenten") == found("gemeente") == found("gemeentes")


def test_a_search_of_only_stop_words_says_so_and_leaves_the_list_whole(
    demo_directory: None, db: None, client: Client
) -> None:
    page = client.get("/initiatives/", {"q": "de het een"}).content.decode()
    assert "Je zocht alleen op heel gewone woorden (de, het, een)" in page
    assert "buurthuis" in page  # a suggestion
    assert f"{approved().count()} initiatieven gevonden" in page


def test_a_name_match_comes_first(demo_directory: None, db: None, client: Client) -> None:
    page = client.get("/initiatives/", {"q": "buurthuis"}).content.decode()
    first = page.index('class="omzien-card__link"')
    assert page.index("Buurthuis De Nieuwe Jutter", first) < page.index("Ontmoetingshuis", first)
