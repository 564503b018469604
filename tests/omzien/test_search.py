"""The portal's Dutch search (omzien.search): turning what was typed into a search, the word
groups coordinators keep, and stop words."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from accounts.models import User
from omzien.search.models import WordGroup
from omzien.search.query import Search, parse_search
from omzien.search.words import fold, key_of, words_of

pytestmark = pytest.mark.django_db


def terms(search: Search) -> list[list[str]]:
    """The clauses as readable text: each an OR of terms, a "-" for a word left out."""
    return [
        [("-" if term.negated else "") + term.key for term in clause] for clause in search.clauses
    ]


def test_words_are_folded_to_letters_and_digits_without_accents() -> None:
    assert fold("Coöperatie Café IDEEËN") == "cooperatie cafe ideeen"
    assert words_of("Zuil:* & !'); drop--") == ["zuil", "drop"]
    assert key_of("  Informele   ZORG! ") == "informele zorg"


def test_every_word_must_be_found_by_default() -> None:
    assert terms(parse_search("buurthuis Zeist")) == [["buurthuis"], ["zeist"]]


def test_quotes_keep_words_together_and_a_hyphen_joins_them() -> None:
    assert terms(parse_search('"samen eten" Zeist-West')) == [["samen eten"], ["zeist west"]]


def test_a_minus_leaves_a_word_out_and_or_offers_a_choice() -> None:
    search = parse_search("eettafel or taalcafé -Utrecht")
    assert terms(search) == [["eettafel", "taalcafe"], ["-utrecht"]]


@pytest.mark.parametrize(
    "text",
    ["Zuil:* & !", "'); drop table x; --", "a:*|b", '"unfinished', "-", "(((", "ü" * 300, "\\'"],
)
def test_whatever_is_typed_becomes_words_of_letters_and_digits(text: str) -> None:
    search = parse_search(text)
    for clause in search.clauses:
        for term in clause:
            assert all(word.isalnum() for word in term.words)
            assert all(len(word) <= 40 for word in term.words)


def test_nothing_to_search_needs_no_query(django_assert_num_queries: object) -> None:
    with django_assert_num_queries(0):  # type: ignore[operator]
        assert parse_search("  &&! -- ").is_empty


def test_one_query_looks_up_every_word_whatever_the_number_of_groups(
    django_assert_num_queries: object,
) -> None:
    WordGroup.objects.bulk_create(
        WordGroup(terms=[f"woord{i}", f"variant{i}"], keys=[f"woord{i}", f"variant{i}"])
        for i in range(300)
    )
    # The content version (the words are kept under it), then one look-up of every word.
    with django_assert_num_queries(2):  # type: ignore[operator]
        parse_search("woord1 woord2 woord3 informele zorg -woord4 or woord5")
    # Searched again, the words are kept: only the version is read.
    with django_assert_num_queries(1):  # type: ignore[operator]
        parse_search("woord1 woord2 woord3 informele zorg -woord4 or woord5")


def test_a_search_of_only_stop_words_is_recognised() -> None:
    search = parse_search("de het een")
    assert search.only_stop_words
    assert search.is_empty
    assert search.stop_words == ("de", "het", "een")


def test_stop_words_among_other_words_are_left_out_quietly() -> None:
    search = parse_search("de buurt van Zeist")
    assert not search.only_stop_words
    assert terms(search) == [["buurt"], ["zeist"]]


def test_a_word_of_a_group_finds_the_others_of_that_group() -> None:
    (term,) = parse_search("initiatief").clauses[0]
    assert "'bewonersinitiatief'" in term.stemmed
    assert "'initiatiev'" in term.stemmed  # initiatieven, as the stemmer makes it


def test_words_in_a_row_that_a_group_names_find_that_group() -> None:
    search = parse_search("informele zorg")
    assert terms(search) == [["informele zorg"]]
    assert "'mantelzorg'" in search.clauses[0][0].stemmed


def test_only_words_no_group_knows_are_also_matched_as_the_start_of_longer_words() -> None:
    moes, buurt, ab = (parse_search(word).clauses[0][0] for word in ("moes", "buurt", "ab"))
    assert moes.can_be_a_prefix
    assert not buurt.can_be_a_prefix  # a whole word: its group names the longer ones
    assert not ab.can_be_a_prefix  # too short to narrow anything down


def test_the_stems_of_variants_are_not_repeated() -> None:
    (term,) = parse_search("buurt").clauses[0]
    assert term.stemmed == "('buurt') | ('wijk')"  # buurten and wijken stem to the same


def test_a_word_group_keeps_its_words_tidy_and_their_search_keys() -> None:
    group = WordGroup(terms=["  Coöperatie", "coöperatie", "Zorg  Coöperatie"])
    group.full_clean()
    group.save()
    assert group.terms == ["coöperatie", "zorg coöperatie"]
    assert group.keys == ["cooperatie", "zorg cooperatie"]


def test_a_word_group_needs_two_different_words() -> None:
    with pytest.raises(ValidationError):
        WordGroup(terms=["huis", "Huis"]).full_clean()


def test_the_starting_set_has_the_network_s_own_words() -> None:
    assert WordGroup.objects.count() >= 30
    assert WordGroup.objects.filter(keys__contains=["buurthuis", "wijkcentrum"]).exists()


def test_a_coordinator_adds_a_word_group_in_the_admin_and_the_search_uses_it(
    client: Client, coordinator: User
) -> None:
    client.force_login(coordinator)
    response = client.post(
        "/admin/search/wordgroup/add/", {"terms": "speelgoedbank, speelgoed, speelgoedbibliotheek"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    (term,) = parse_search("speelgoed").clauses[0]
    assert "'speelgoedbank'" in term.stemmed
    listing = client.get("/admin/search/wordgroup/", {"q": "speelgoedbank"}).content.decode()
    assert "speelgoedbank, speelgoed, speelgoedbibliotheek" in listing
