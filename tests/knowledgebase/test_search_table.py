"""What a Dutch visitor finds in the knowledge base: plurals the stemmer misses, compounds,
synonyms of the thesaurus, the start of a word, names of themes, places and initiatives, text that
is only in an attachment, and the web-search syntax ("quotes", -minus, or). Each query lists the
items it must find and the items it must not find, on a small fixed corpus in real PostgreSQL
(tests/knowledgebase/factories_search.py)."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import import_module

import pytest
from django.apps import apps
from django.db import transaction

from knowledgebase.filters import ItemFilter
from knowledgebase.models import Item
from omzien.search.models import WordGroup
from tests.knowledgebase.factories_search import (
    ALL_PUBLISHED,
    BELEIDSREGELS,
    BRIEF,
    BUURTFEEST,
    CONCEPT,
    EENZAAMHEID_VRAAG,
    INCLUSIEF,
    KLUSHULP,
    MANTELZORG,
    MOESTUIN,
    SAMEN_ETEN,
    STUDIE,
    VERSLAG,
    WIJKREGIE,
    WONEN_VRAAG,
    build_corpus,
)


@dataclass(frozen=True)
class Case:
    query: str
    finds: set[str]  # every one of these
    never: set[str] = field(default_factory=set)  # none of these
    exactly: bool = False  # and nothing else


CASES = [
    # Words and their forms; a draft is never found.
    Case("eenzaamheid", {SAMEN_ETEN, EENZAAMHEID_VRAAG}, {MOESTUIN, CONCEPT}),
    Case("eenzaam", {SAMEN_ETEN, EENZAAMHEID_VRAAG}, {KLUSHULP, CONCEPT}),
    Case("Ouderen", {EENZAAMHEID_VRAAG, KLUSHULP}, {MOESTUIN}),
    # Plurals and compounds the stemmer misses, from the thesaurus.
    # (The practice that helps answer the question about initiatives is found by its title too.)
    Case("initiatief", {BELEIDSREGELS, EENZAAMHEID_VRAAG, SAMEN_ETEN}, {MOESTUIN, KLUSHULP}),
    Case("initiatieven", {BELEIDSREGELS, EENZAAMHEID_VRAAG, SAMEN_ETEN}, {MOESTUIN, KLUSHULP}),
    Case("bewonersinitiatief", {BELEIDSREGELS, EENZAAMHEID_VRAAG}, {MOESTUIN}),
    Case("huis", {KLUSHULP}, {MOESTUIN, SAMEN_ETEN}),
    Case("huizen", {KLUSHULP}, {MOESTUIN, SAMEN_ETEN}),
    Case("subsidie", {BELEIDSREGELS}, {CONCEPT, SAMEN_ETEN}, exactly=True),
    Case("subsidies", {BELEIDSREGELS}, {CONCEPT}, exactly=True),
    Case("inclusief", {INCLUSIEF}, {SAMEN_ETEN}, exactly=True),
    Case("inclusieve", {INCLUSIEF}, {SAMEN_ETEN}, exactly=True),
    Case("brieven", {BRIEF}, {BELEIDSREGELS}),
    Case("studies", {STUDIE}, {BELEIDSREGELS}),
    # The knowledge base's own words.
    Case("beleidsregel", {BELEIDSREGELS}, {CONCEPT}, exactly=True),
    Case("beleidsregels", {BELEIDSREGELS}, {CONCEPT}, exactly=True),
    Case("onderzoeksvraag", {EENZAAMHEID_VRAAG, WONEN_VRAAG}, {SAMEN_ETEN, STUDIE}),
    Case("onderzoeksvragen", {EENZAAMHEID_VRAAG, WONEN_VRAAG}, {SAMEN_ETEN}),
    Case("kennisagenda", {EENZAAMHEID_VRAAG, WONEN_VRAAG}, {SAMEN_ETEN}),
    Case("regie", {WIJKREGIE}, {SAMEN_ETEN}, exactly=True),
    Case("wijkregie", {WIJKREGIE}, {SAMEN_ETEN}, exactly=True),
    Case("gemeenschapskracht", {STUDIE}, {VERSLAG}, exactly=True),
    Case("samenredzaamheid", {STUDIE}, {VERSLAG}, exactly=True),
    Case("informele zorg", {MANTELZORG}, {SAMEN_ETEN}),
    Case("mantelzorger", {MANTELZORG}, {SAMEN_ETEN}),
    Case("netwerkbijeenkomsten", {VERSLAG}, {SAMEN_ETEN}, exactly=True),
    Case("verslagen", {VERSLAG, BRIEF}, {SAMEN_ETEN}),  # the letter's attachment has "verslag"
    # The start of a word: as you type, and the first part of a compound.
    Case("moes", {MOESTUIN}, {SAMEN_ETEN, CONCEPT}, exactly=True),
    Case("straatfee", {BUURTFEEST}, {MOESTUIN}, exactly=True),
    Case("zonnepaneel", {VERSLAG}, {MOESTUIN}),  # "zonnepanelen" in the thesaurus' energy group
    # Names of themes (in Dutch and English), municipalities and initiatives.
    Case("Natuur en groen", {MOESTUIN}, {SAMEN_ETEN}),
    Case("Loneliness", {SAMEN_ETEN, EENZAAMHEID_VRAAG}, {MOESTUIN}),
    Case("Zeist", {MOESTUIN, BRIEF}, {SAMEN_ETEN}, exactly=True),
    Case("Amersfoort", {KLUSHULP}, {SAMEN_ETEN}, exactly=True),
    Case("Buurtkracht Zuilen", {SAMEN_ETEN, WIJKREGIE, VERSLAG}, {MOESTUIN, CONCEPT}),
    Case("Cothen", {MOESTUIN, MANTELZORG, BRIEF}, {SAMEN_ETEN}, exactly=True),
    # Text that is only in an attachment.
    Case("bibliotheek", {BRIEF}, {BELEIDSREGELS}, exactly=True),
    # Web-search syntax: all words, a phrase, either word, a word left out.
    Case("eenzaamheid donderdag", {SAMEN_ETEN}, {EENZAAMHEID_VRAAG}, exactly=True),
    Case('"samen eten"', {SAMEN_ETEN}, {MOESTUIN, WONEN_VRAAG}),
    Case('"eten samen"', set(), {SAMEN_ETEN}, exactly=True),
    Case("moestuin or mantelzorg", {MOESTUIN, MANTELZORG}, {SAMEN_ETEN}, exactly=True),
    Case("eenzaamheid -ouderen", {SAMEN_ETEN}, {EENZAAMHEID_VRAAG}),
    Case("buurtfeest vergunning", {BUURTFEEST}, {MOESTUIN}, exactly=True),
    # Nothing to find, and input that is not a search at all.
    Case("xylofoon", set(), exactly=True),
    Case("'); drop table knowledgebase_item; --", set(), exactly=True),
    Case("eenzaamheid & | ! : * ( ) '", {SAMEN_ETEN, EENZAAMHEID_VRAAG}, {MOESTUIN}),
    Case('"eenzaamheid', {SAMEN_ETEN, EENZAAMHEID_VRAAG}, {MOESTUIN}),  # unbalanced quote
]


@pytest.fixture(scope="module")
def corpus(django_db_setup: None, django_db_blocker: object) -> Iterator[None]:
    """The corpus, made once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():  # type: ignore[attr-defined]
        thesaurus_as_migrated()
        build_corpus()
        yield
        transaction.set_rollback(True)


def thesaurus_as_migrated() -> None:
    """The word groups of the data migrations, if a transactional test emptied the table."""
    if WordGroup.objects.exists():
        return
    for name in ("0003_dutch_starting_set", "0005_knowledge_base_words"):
        import_module(f"omzien.search.migrations.{name}").add_groups(apps, None)


def found(query: str) -> set[str]:
    filterset = ItemFilter({"q": query}, queryset=Item.objects.published())
    return set(filterset.qs.values_list("title", flat=True))


@pytest.mark.parametrize("case", CASES, ids=[case.query for case in CASES])
def test_a_dutch_query_finds_what_it_means(corpus: None, db: None, case: Case) -> None:
    result = found(case.query)
    assert case.finds <= result, f"missing: {sorted(case.finds - result)}"
    assert not (case.never & result), f"should not find: {sorted(case.never & result)}"
    if case.exactly:
        assert result == case.finds, f"also found: {sorted(result - case.finds)}"


def test_there_are_enough_queries_in_the_table() -> None:
    assert len(CASES) >= 30


def test_the_corpus_is_what_the_table_expects(corpus: None, db: None) -> None:
    assert found("") == ALL_PUBLISHED


def test_a_plural_and_its_singular_find_the_same(corpus: None, db: None) -> None:
    assert found("huizen") == found("huis")
    assert found("initiatieven") == found("initiatief")
    assert found("subsidies") == found("subsidie")
    assert found("inclusieve") == found("inclusief")
    assert found("beleidsregels") == found("beleidsregel")


def test_the_best_match_comes_first(corpus: None, db: None) -> None:
    """A word in the title weighs more than the same word in the text."""
    filterset = ItemFilter({"q": "eenzaamheid"}, queryset=Item.objects.published())
    titles = list(filterset.qs.values_list("title", flat=True))
    assert titles[0] == EENZAAMHEID_VRAAG


def test_sorting_by_title_and_newest(corpus: None, db: None) -> None:
    by_title = ItemFilter({"q": "eenzaamheid", "sort": "title"}, queryset=Item.objects.published())
    assert list(by_title.qs.values_list("title", flat=True)) == [EENZAAMHEID_VRAAG, SAMEN_ETEN]
    newest = ItemFilter({"sort": "newest"}, queryset=Item.objects.published())
    dates = list(newest.qs.values_list("published_at", flat=True))
    assert dates == sorted(dates, reverse=True)
