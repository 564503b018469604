"""Found attacking the knowledge base over real HTTP: a research question taken down by a
coordinator (a 404 for everyone else) still showed its title to anyone in the history of a
published item that had linked it, and its words still found that item in the search."""

from collections.abc import Callable

import pytest
from django.test import Client

from accounts.models import User
from knowledgebase import moderation
from knowledgebase.indexing import refresh_labels
from knowledgebase.models import Item
from tests.factories import InitiativeFactory
from tests.knowledgebase.factories import ItemFactory, ResearchQuestionFactory
from tests.knowledgebase.factories_contribute import change_published

pytestmark = pytest.mark.django_db

SECRET = "Wortelpeterselie"


@pytest.fixture
def taken_down(coordinator: User) -> tuple[Item, Item]:
    """A published item that linked a research question, which is then taken down."""
    question = ResearchQuestionFactory(
        title=f"{SECRET} in de wijk?", initiative=InitiativeFactory()
    )
    item = ItemFactory(title="Samen koken")
    change_published(item, title="Samen koken in de wijk")
    item.research_questions.set([question])
    change_published(item, title="Samen koken, elke week")
    refresh_labels([item.pk])  # as an edit does
    moderation.reject(question, by=coordinator, reason="Dubbel")
    return item, question


def test_the_history_never_names_a_research_question_taken_down(
    client: Client, taken_down: tuple[Item, Item]
) -> None:
    item, question = taken_down
    assert client.get(question.get_absolute_url()).status_code == 404
    page = client.get(f"/knowledge/{item.pk}/history/compare/")
    assert page.status_code == 200
    assert SECRET not in page.content.decode()


def test_the_search_never_finds_an_item_by_a_research_question_taken_down(
    client: Client, taken_down: tuple[Item, Item]
) -> None:
    item, _question = taken_down
    page = client.get("/knowledge/", {"q": SECRET}).content.decode()
    assert item.get_absolute_url() not in page
    item.refresh_from_db()
    assert SECRET not in item.search_labels


def test_a_research_question_published_again_finds_its_items_again(
    login: Callable[[User], Client], coordinator: User, taken_down: tuple[Item, Item]
) -> None:
    item, question = taken_down
    client = login(coordinator)
    data = {
        "title": question.title,
        "summary": question.summary,
        "body": "",
        "knowledge_type": question.knowledge_type,
        "last_checked": "2026-11-01",
        "concerns": "",
        "publish_directly": "on",
    }
    response = client.post(f"/knowledge/{question.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    item.refresh_from_db()
    assert SECRET in item.search_labels
