"""The knowledge base's search page as a visitor uses it: facets with counts, filters in the
address, highlighted snippets, bad input, and a number of queries that does not grow with the
number of items."""

import re
from collections.abc import Callable

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from knowledgebase.facets import grouped_by_value, shared_counts
from knowledgebase.filters import ItemFilter
from knowledgebase.models import Item
from tests.factories import InitiativeFactory
from tests.knowledgebase.factories import PracticeFactory, ResearchQuestionFactory
from tests.knowledgebase.factories_search import (
    BRIEF,
    EENZAAMHEID_VRAAG,
    SAMEN_ETEN,
    VERSLAG,
    WIJKREGIE,
    Corpus,
    build_corpus,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus() -> Corpus:
    return build_corpus()


def counts(**query: str) -> dict[str, dict[str, int]]:
    filterset = ItemFilter(query, queryset=Item.objects.published())
    return grouped_by_value(shared_counts(filterset))


def text_of(response: object) -> str:
    """The page's text as a person reads it: no tags, single spaces."""
    html = response.content.decode()  # type: ignore[attr-defined]
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def titles_on(response: object) -> list[str]:
    html = response.content.decode()  # type: ignore[attr-defined]
    return re.findall(r'class="omzien-card__link" href="[^"]*">([^<]*)</a>', html)


# --- facets ---------------------------------------------------------------------------------


def test_each_facet_counts_the_published_items_per_value(corpus: Corpus) -> None:
    everything = counts()
    assert everything["kind"] == {
        "practice": 6,
        "research_question": 2,
        "document": 3,
        "network_question": 1,
        "meeting_report": 1,
    }  # the draft is not counted
    assert everything["theme"]["eenzaamheid"] == 2
    assert everything["theme"]["wonen"] == 2
    assert everything["theme"]["armoede"] == 0
    assert everything["municipality"]["utrecht"] == 3
    assert everything["municipality"]["zeist"] == 2
    assert everything["type"]["policy"] == 1
    # Contributed by the initiative or about it, each item once.
    assert everything["initiative"] == {"buurtkracht-zuilen": 3, "dorpstafel-cothen": 3}
    question = corpus[EENZAAMHEID_VRAAG]
    assert everything["question"] == {
        str(question.pk): 1,
        str(corpus["Wat hebben huurders nodig om samen te wonen?"].pk): 0,
    }


def test_only_initiatives_with_published_items_are_offered(corpus: Corpus) -> None:
    InitiativeFactory(name="Nog niets gedeeld")
    assert set(counts()["initiative"]) == {"buurtkracht-zuilen", "dorpstafel-cothen"}


def test_a_facet_counts_what_every_other_filter_leaves(corpus: Corpus) -> None:
    chosen = counts(theme="eenzaamheid")
    # The other facets count within the theme...
    assert chosen["kind"] == {"practice": 1, "research_question": 1}
    assert chosen["municipality"]["utrecht"] == 1
    assert chosen["municipality"]["zeist"] == 0
    # ...and the theme's own facet does not narrow itself: another theme can still be chosen.
    assert chosen["theme"]["wonen"] == 2


def test_facets_combine_with_the_search_and_with_each_other(corpus: Corpus) -> None:
    searched = counts(q="eenzaamheid", kind="practice")
    assert searched["kind"] == {"practice": 1, "research_question": 1}
    assert searched["theme"]["eenzaamheid"] == 1  # the practice only
    assert searched["initiative"] == {"buurtkracht-zuilen": 1, "dorpstafel-cothen": 0}
    both = counts(municipality="zeist", initiative="dorpstafel-cothen")
    assert both["kind"] == {"practice": 1, "document": 1}
    assert both["type"] == {"practice_description": 1, "experience": 1}


def test_the_counts_are_in_the_form_and_the_filters_in_the_address(
    client: Client, corpus: Corpus
) -> None:
    response = client.get("/knowledge/", {"theme": "eenzaamheid"})
    page = text_of(response)
    assert "Eenzaamheid (2)" in page
    assert "Praktijkvoorbeeld (1)" in page
    assert "2 resultaten gevonden" in page
    assert set(titles_on(response)) == {SAMEN_ETEN, EENZAAMHEID_VRAAG}
    html = response.content.decode()
    assert '<option value="eenzaamheid" selected>Eenzaamheid (2)</option>' in html


def test_an_initiative_finds_what_it_contributed_and_what_is_about_it(
    client: Client, corpus: Corpus
) -> None:
    response = client.get("/knowledge/", {"initiative": "buurtkracht-zuilen"})
    assert set(titles_on(response)) == {SAMEN_ETEN, WIJKREGIE, VERSLAG}


def test_a_research_question_finds_the_items_that_help_answer_it(
    client: Client, corpus: Corpus
) -> None:
    question = corpus[EENZAAMHEID_VRAAG]
    response = client.get("/knowledge/", {"question": question.pk})
    assert titles_on(response) == [SAMEN_ETEN]


def test_kind_and_type_narrow_the_list(client: Client, corpus: Corpus) -> None:
    response = client.get("/knowledge/", {"kind": "document", "type": "experience"})
    assert titles_on(response) == [BRIEF]


# --- the results ------------------------------------------------------------------------------


def test_without_a_search_the_newest_items_come_first(client: Client, corpus: Corpus) -> None:
    newest = PracticeFactory(title="Het nieuwste praktijkvoorbeeld")
    response = client.get("/knowledge/")
    page = text_of(response)
    assert titles_on(response)[0] == newest.title
    assert "Nieuw in de kennisbank" in page
    assert "14 resultaten gevonden" in page


def test_a_result_shows_its_kind_initiative_date_and_a_highlighted_snippet(
    client: Client, corpus: Corpus
) -> None:
    response = client.get("/knowledge/", {"q": "thuis"})
    html = response.content.decode()
    page = text_of(response)
    assert titles_on(response) == [SAMEN_ETEN]
    assert "Praktijkvoorbeeld" in page
    assert "Door Buurtkracht Zuilen" in page
    assert "<mark>thuis</mark>" in html


def test_a_snippet_is_escaped_and_only_the_found_words_are_marked(client: Client) -> None:
    PracticeFactory(
        title="Een veilige tekst",
        summary='Tuinieren <script>alert("x")</script> met de buren & de kinderen.',
        body="",
    )
    html = client.get("/knowledge/", {"q": "tuinieren"}).content.decode()
    assert "<script>alert" not in html
    assert "alert(&quot;x&quot;)" in html  # PostgreSQL's parser drops what looks like a tag
    assert "<mark>Tuinieren</mark>" in html
    assert "&amp; de kinderen" in html


def test_matching_initiatives_are_offered_beside_the_items(client: Client, corpus: Corpus) -> None:
    page = text_of(client.get("/knowledge/", {"q": "Cothen"}))
    assert "Initiatieven die passen bij je zoekopdracht" in page
    assert "Dorpstafel Cothen" in page


def test_pages_of_twenty_keep_the_filters(client: Client) -> None:
    PracticeFactory.create_batch(25, themes=["Wonen"])
    response = client.get("/knowledge/", {"theme": "wonen", "page": "2"})
    assert len(titles_on(response)) == 5
    html = response.content.decode()
    assert 'href="?theme=wonen&amp;page=1"' in html


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "de het een",
        '"samen eten',
        "eenzaamheid & | ! : * ( ) '",
        "'); drop table knowledgebase_item; --",
        "!!!",
        ":*",
        "a & (b | !c)",
        "or",
        "-",
        '""',
        "x" * 2000,
        "eenzaamheid " * 200,
        "\x00",
    ],
)
def test_bad_input_is_never_a_server_error(client: Client, corpus: Corpus, query: str) -> None:
    response = client.get("/knowledge/", {"q": query})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"theme": "bestaat-niet"},
        {"municipality": "<script>"},
        {"initiative": "'; --"},
        {"question": "abc"},
        {"question": "999999"},
        {"kind": "secret"},
        {"type": "x" * 500},
        {"sort": "pk; drop"},
        {"page": "-1"},
        {"page": "99999"},
    ],
)
def test_bad_filter_values_are_ignored(client: Client, corpus: Corpus, params: dict) -> None:
    response = client.get("/knowledge/", params)
    assert response.status_code == 200
    assert len(titles_on(response)) == 13


def test_a_draft_is_no_research_question_to_filter_by(client: Client, corpus: Corpus) -> None:
    draft = ResearchQuestionFactory(status=Item.Status.DRAFT)
    response = client.get("/knowledge/", {"question": draft.pk})
    assert len(titles_on(response)) == 13
    assert draft.title not in response.content.decode()


def test_only_stop_words_say_so_in_dutch(client: Client, corpus: Corpus) -> None:
    page = text_of(client.get("/knowledge/", {"q": "de het een"}))
    assert "Je zocht alleen op heel gewone woorden (de, het, een)" in page
    assert "13 resultaten gevonden" in page


def test_a_very_long_search_is_cut_and_says_so(client: Client, corpus: Corpus) -> None:
    response = client.get("/knowledge/", {"q": "moestuin " + "x" * 2000})
    assert response.status_code == 200
    assert "Je zoekopdracht was erg lang" in text_of(response)


def test_a_search_that_finds_nothing_says_what_to_do(client: Client, corpus: Corpus) -> None:
    page = text_of(client.get("/knowledge/", {"q": "xylofoon"}))
    assert "0 resultaten gevonden" in page
    assert "Probeer een ander woord" in page


# --- queries --------------------------------------------------------------------------------


def queries_for(client: Client, params: dict[str, str]) -> int:
    caches["fragments"].clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/knowledge/", params).status_code == 200
    return len(captured)


SEARCHES = [
    {},
    {"q": "samen eten"},
    {"q": "samen", "theme": "eenzaamheid", "municipality": "utrecht", "kind": "practice"},
]


@pytest.mark.parametrize("params", SEARCHES, ids=["newest", "search", "search and facets"])
def test_the_page_costs_the_same_queries_for_3_and_40_items(
    client: Client, params: dict[str, str], django_assert_max_num_queries: Callable
) -> None:
    zuilen = InitiativeFactory(name="Buurtkracht Zuilen")
    question = ResearchQuestionFactory(title="Wat werkt tegen eenzaamheid?")

    def add(number: int) -> None:
        for _ in range(number):
            item = PracticeFactory(
                title="Samen eten in de wijk",
                initiative=zuilen,
                themes=["Eenzaamheid", "Wonen"],
                municipalities=["Utrecht", "Zeist"],
                research_questions=[question],
            )
            item.initiatives.add(InitiativeFactory())

    add(2)
    few = queries_for(client, params)
    add(38)
    many = queries_for(client, params)
    assert few == many
    with django_assert_max_num_queries(14):
        client.get("/knowledge/", params)


def test_a_second_visitor_reuses_the_counts(client: Client, corpus: Corpus) -> None:
    params = {"q": "samen", "theme": "eenzaamheid"}
    first = queries_for(client, params)
    with CaptureQueriesContext(connection) as captured:
        client.get("/knowledge/", params)
    assert len(captured) <= first - 6  # the facet counts come from the shared cache


@pytest.mark.parametrize(
    ("params", "asked"),
    [
        ({"q": "samen", "theme": "eenzaamheid", "municipality": "utrecht"}, 1),
        # A search that found nothing is counted on every view: its INSERT.
        ({"q": "xylofoon", "theme": "eenzaamheid"}, 2),
    ],
    ids=["found", "found nothing"],
)
def test_a_second_view_asks_only_the_content_version(
    client: Client,
    corpus: Corpus,
    params: dict[str, str],
    asked: int,
    django_assert_num_queries: Callable,
) -> None:
    first = text_of(client.get("/knowledge/", params))
    # No filter form validated (a query per chosen value), no search parsed, no count.
    with django_assert_num_queries(asked):
        again = text_of(client.get("/knowledge/", params))
    assert again == first
    assert (SAMEN_ETEN in first) == (asked == 1)
    second_page = text_of(client.get("/knowledge/", {**params, "page": "2"}))
    assert second_page == first  # one page of results: the last page is shown
