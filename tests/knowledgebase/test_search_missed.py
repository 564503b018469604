"""Searches that found nothing: counted per month without anything about the person, shown to
coordinators, who make a published research question of one in one step."""

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from accounts.models import User
from knowledgebase import missed_searches
from knowledgebase.models import Item, MissedSearch
from omzien.search.query import parse_search
from omzien.work_queues import overview_of, registered_queue
from tests.concurrency import all_at_once
from tests.factories import UserFactory
from tests.knowledgebase.factories import PracticeFactory

MONTH = timezone.localdate().replace(day=1)  # the Dutch month, as the counting uses


def missed() -> dict[str, int]:
    return dict(MissedSearch.objects.values_list("words", "count"))


# --- counting -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_search_without_results_is_counted_by_its_folded_words(client: Client) -> None:
    PracticeFactory(title="Samen eten")
    client.get("/knowledge/", {"q": "Xylofóon  PIANO de"})
    client.get("/knowledge/", {"q": "xylofoon piano"})
    assert missed() == {"xylofoon piano": 2}
    assert MissedSearch.objects.get().month == MONTH


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "   ", "de het een", "samen", "-xylofoon", "!!! ***", '""'])
def test_what_is_not_a_missed_search_is_not_counted(client: Client, query: str) -> None:
    PracticeFactory(title="Samen eten")
    assert client.get("/knowledge/", {"q": query}).status_code == 200
    assert missed() == {}


@pytest.mark.django_db
def test_a_filter_that_hides_what_the_words_find_is_no_missed_search(client: Client) -> None:
    PracticeFactory(title="Moestuin op het schoolplein", themes=["Natuur en groen"])
    client.get("/knowledge/", {"q": "moestuin", "theme": "wonen"})
    assert missed() == {}
    client.get("/knowledge/", {"q": "xylofoon", "theme": "wonen"})
    assert missed() == {"xylofoon": 1}


@pytest.mark.django_db
def test_nothing_about_the_person_is_kept(client: Client, person: User) -> None:
    client.force_login(person)
    client.get("/knowledge/", {"q": "xylofoon"}, REMOTE_ADDR="192.0.2.7")
    assert {field.name for field in MissedSearch._meta.get_fields()} == {
        "id",
        "month",
        "words",
        "count",
        "research_question",
    }
    row = MissedSearch.objects.values().get()
    assert row == {
        "id": row["id"],
        "month": MONTH,
        "words": "xylofoon",
        "count": 1,
        "research_question_id": None,
    }


@pytest.mark.django_db
def test_the_words_are_capped(client: Client) -> None:
    client.get("/knowledge/", {"q": " ".join(["woordenschatvergroting"] * 3 + ["x" * 50] * 10)})
    (words,) = missed()
    assert len(words) <= 200
    assert words.startswith("woordenschatvergroting x")


@pytest.mark.django_db
def test_each_month_has_its_own_count(monkeypatch: pytest.MonkeyPatch) -> None:
    search = parse_search("xylofoon")
    monkeypatch.setattr(missed_searches, "this_month", lambda: date(2027, 2, 1))
    missed_searches.count_missed(search)
    missed_searches.count_missed(search)
    monkeypatch.setattr(missed_searches, "this_month", lambda: date(2027, 3, 1))
    missed_searches.count_missed(search)
    assert set(MissedSearch.objects.values_list("month", "count")) == {
        (date(2027, 2, 1), 2),
        (date(2027, 3, 1), 1),
    }


@pytest.mark.django_db(transaction=True)
def test_parallel_searches_add_up_and_none_fails() -> None:
    def search() -> int:
        return Client().get("/knowledge/", {"q": "xylofoon"}).status_code

    outcomes = all_at_once(*[search] * 8)
    assert outcomes == [200] * 8
    assert missed() == {"xylofoon": 8}


# --- the coordinators' page -----------------------------------------------------------------


@pytest.fixture
def rows() -> list[MissedSearch]:
    return [
        MissedSearch.objects.create(month=date(2027, 2, 1), words="zwerfkatten", count=3),
        MissedSearch.objects.create(month=date(2027, 3, 1), words="buurtapp", count=1),
        MissedSearch.objects.create(month=date(2027, 3, 1), words="deelauto", count=5),
    ]


@pytest.mark.django_db
def test_coordinators_see_the_words_per_month_newest_first(
    login: Callable[[User], Client], coordinator: User, rows: list[MissedSearch]
) -> None:
    html = login(coordinator).get("/knowledge/missed/").content.decode()
    text = " ".join(html.split())
    assert text.index("maart 2027") < text.index("deelauto") < text.index("buurtapp")
    assert text.index("buurtapp") < text.index("februari 2027") < text.index("zwerfkatten")
    assert "5 keer gezocht" in text
    assert "één keer gezocht" in text
    assert 'value="Wat weet het netwerk over deelauto?"' in html


@pytest.mark.django_db
def test_the_page_costs_the_same_queries_for_few_and_many(
    login: Callable[[User], Client],
    coordinator: User,
    django_assert_max_num_queries: Callable,
) -> None:
    client = login(coordinator)
    MissedSearch.objects.create(month=MONTH, words="een", count=1)
    client.get("/knowledge/missed/")
    with django_assert_max_num_queries(6):
        client.get("/knowledge/missed/")
    MissedSearch.objects.bulk_create(
        MissedSearch(month=MONTH, words=f"woord{i}", count=i) for i in range(60)
    )
    with django_assert_max_num_queries(6):
        client.get("/knowledge/missed/")


@pytest.mark.django_db
def test_one_step_publishes_a_research_question_by_the_coordinator(
    login: Callable[[User], Client], coordinator: User, rows: list[MissedSearch]
) -> None:
    deelauto = rows[2]
    response = login(coordinator).post(
        f"/knowledge/missed/{deelauto.pk}/question/",
        {f"missed-{deelauto.pk}-title": "Hoe begin je een deelauto in de buurt?"},
    )
    question = Item.objects.get(kind=Item.Kind.RESEARCH_QUESTION)
    assert response.status_code == 302
    assert response["Location"] == question.get_absolute_url()
    assert question.title == "Hoe begin je een deelauto in de buurt?"
    assert question.is_published
    assert question.published_at is not None
    assert question.knowledge_type == Item.KnowledgeType.RESEARCH
    assert question.contributor == coordinator
    assert "deelauto" in question.summary
    deelauto.refresh_from_db()
    assert deelauto.research_question == question
    (version,) = Version.objects.get_for_object(question)
    assert version.revision.user == coordinator
    assert "deelauto" in version.revision.comment
    # The row now links to it, and the work queue no longer lists it.
    page = login(coordinator).get("/knowledge/missed/").content.decode()
    assert question.get_absolute_url() in page
    queue = registered_queue("knowledge-missed")
    assert queue is not None
    assert deelauto not in overview_of(queue, coordinator).first


@pytest.mark.django_db
def test_a_second_click_makes_no_second_question(
    login: Callable[[User], Client], coordinator: User, rows: list[MissedSearch]
) -> None:
    client = login(coordinator)
    url = f"/knowledge/missed/{rows[0].pk}/question/"
    data = {f"missed-{rows[0].pk}-title": "Wat weet het netwerk over zwerfkatten?"}
    first = client.post(url, data)
    second = client.post(url, data)
    assert Item.objects.count() == 1
    assert first["Location"] == second["Location"]


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_at_once_make_one_question() -> None:
    coordinator = UserFactory()  # the view checks the role; the rule here is about the row
    missed_row = MissedSearch.objects.create(month=MONTH, words="zwerfkatten", count=2)

    def make() -> Item:
        question, _ = missed_searches.make_research_question(
            missed_row.pk, "Wat weet het netwerk over zwerfkatten?", coordinator
        )
        return question

    outcomes = all_at_once(make, make, make)
    assert all(isinstance(outcome, Item) for outcome in outcomes), outcomes
    assert len({outcome.pk for outcome in outcomes}) == 1
    assert Item.objects.count() == 1


@pytest.mark.django_db
def test_an_empty_title_is_said_next_to_the_field(
    login: Callable[[User], Client], coordinator: User, rows: list[MissedSearch]
) -> None:
    response = login(coordinator).post(
        f"/knowledge/missed/{rows[0].pk}/question/", {f"missed-{rows[0].pk}-title": "  "}
    )
    assert response.status_code == 200
    assert "Dit veld is verplicht" in response.content.decode()
    assert not Item.objects.exists()


@pytest.mark.django_db
def test_the_work_queue_lists_the_open_ones(coordinator: User, rows: list[MissedSearch]) -> None:
    queue = registered_queue("knowledge-missed")
    assert queue is not None
    assert queue.visible_to(coordinator)
    overview = overview_of(queue, coordinator)
    assert overview.count == 3
    assert [row.words for row in overview.first] == ["deelauto", "buurtapp", "zwerfkatten"]


@pytest.mark.django_db
def test_the_coordination_page_shows_the_queue(
    login: Callable[[User], Client], coordinator: User, rows: list[MissedSearch]
) -> None:
    page = login(coordinator).get("/coordination/").content.decode()
    assert "Kennis die het netwerk mist" in page
    assert "deelauto" in page
