"""The knowledge base in the rest of the portal: home, an initiative's page, my account, the data
download and account deletion, the admin, the demo."""

import json
import re

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.deletion import delete_account
from accounts.models import User
from knowledgebase.models import Answer, Item
from tests.factories import InitiativeFactory
from tests.knowledgebase.factories import (
    AnswerFactory,
    ItemFactory,
    NetworkQuestionFactory,
    ResearchQuestionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_fragments() -> None:
    caches["fragments"].clear()


def text_of(response: object) -> str:
    html = response.content.decode()  # type: ignore[attr-defined]
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_home_shows_the_newest_items_and_the_figures(client: Client) -> None:
    ItemFactory(title="Samen eten in Zuilen")
    ResearchQuestionFactory(title="Hoe maak je je wijk inclusief?")
    ItemFactory(title="Nog een concept", status=Item.Status.DRAFT)
    question = NetworkQuestionFactory()
    AnswerFactory(item=question)
    text = text_of(client.get("/"))
    assert "Nieuw in de kennisbank" in text
    assert "Samen eten in Zuilen" in text
    assert "Nog een concept" not in text
    assert "praktijkvoorbeelden in de kennisbank 1" in text
    assert "vragen aan het netwerk beantwoord 1" in text


def test_home_shows_at_most_four_items_in_constant_queries(
    client: Client, django_assert_max_num_queries: object
) -> None:
    ItemFactory.create_batch(2)
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    caches["fragments"].clear()
    ItemFactory.create_batch(20)
    with django_assert_max_num_queries(len(few)):  # type: ignore[operator]
        html = client.get("/").content.decode()
    assert html.count('omzien-kb-card"') == 4


def test_an_initiatives_page_lists_its_newest_contributions(client: Client) -> None:
    initiative = InitiativeFactory(name="De Kracht van Zuilen")
    for number in range(7):
        ItemFactory(initiative=initiative, title=f"Bijdrage {number}")
    ItemFactory(initiative=initiative, title="Concept van Zuilen", status=Item.Status.DRAFT)
    ItemFactory(title="Van een ander")
    response = client.get(initiative.get_absolute_url())
    text = text_of(response)
    assert "In de kennisbank" in text
    assert "Bijdrage 6" in text
    assert "Bijdrage 2" in text
    assert "Bijdrage 1" not in text
    assert "Concept van Zuilen" not in text
    assert "Van een ander" not in text
    assert f'href="/knowledge/?initiative={initiative.slug}"' in response.content.decode()


def test_an_initiative_without_contributions_shows_no_section(client: Client) -> None:
    initiative = InitiativeFactory()
    assert "In de kennisbank" not in text_of(client.get(initiative.get_absolute_url()))


def _export(client: Client, user: User) -> dict:
    client.force_login(user)
    return json.loads(client.get("/my-account/export/").content)["knowledgebase"]


def test_the_download_holds_questions_answers_and_contributions(
    client: Client, member: User
) -> None:
    initiative = InitiativeFactory(admin=member)
    ItemFactory(initiative=initiative, contributor=member, title="Ons praktijkvoorbeeld")
    asked = NetworkQuestionFactory(contributor=member, title="Wie weet raad?")
    AnswerFactory(author=member, initiative=initiative, item=NetworkQuestionFactory(), helped=True)
    data = _export(client, member)
    assert [c["title"] for c in data["contributions"]] == ["Ons praktijkvoorbeeld"]
    assert data["contributions"][0]["initiative"] == initiative.name
    assert data["contributions"][0]["kind"] == "practice"
    assert data["contributions"][0]["status"] == "published"
    assert [q["title"] for q in data["questions"]] == [asked.title]
    assert data["answers"][0]["helped"] is True
    page = text_of(client.get("/my-account/"))
    assert "Ons praktijkvoorbeeld" in page
    assert "Wie weet raad?" in page


def test_deleting_an_account_keeps_the_knowledge_without_the_person(member: User) -> None:
    initiative = InitiativeFactory(admin=member)
    contribution = ItemFactory(initiative=initiative, contributor=member)
    asked = NetworkQuestionFactory(contributor=member)
    answer = AnswerFactory(author=member, initiative=initiative)
    delete_account(member)
    contribution.refresh_from_db()
    asked.refresh_from_db()
    answer.refresh_from_db()
    assert contribution.contributor is None
    assert contribution.initiative == initiative
    assert asked.contributor is None
    assert asked.is_published
    assert answer.author is None
    assert answer.body
    assert Answer.objects.count() == 1


def test_the_deletion_page_says_what_happens_to_the_knowledge(client: Client, member: User) -> None:
    NetworkQuestionFactory(contributor=member)
    client.force_login(member)
    assert "zonder je naam" in text_of(client.get("/my-account/delete/"))


def test_superusers_find_the_items_in_the_admin(client: Client, coordinator: User) -> None:
    admin = coordinator  # with two-factor login set up, as the admin demands
    admin.is_superuser = True
    admin.save(update_fields=["is_superuser"])
    item = ItemFactory(title="In de admin")
    client.force_login(admin)
    assert "In de admin" in text_of(client.get("/admin/knowledgebase/item/"))
    assert client.get(f"/admin/knowledgebase/item/{item.pk}/change/").status_code == 200
    for name in ("answer", "adoption", "missedsearch"):
        assert client.get(f"/admin/knowledgebase/{name}/").status_code == 200


def test_the_demo_gives_every_research_question_evidence_once(db: None) -> None:
    call_command("load_demo_data", verbosity=0)
    count = Item.objects.count()
    call_command("load_demo_data", verbosity=0)
    assert Item.objects.count() == count
    questions = Item.objects.research_questions().published()
    assert questions.count() == 5
    for question in questions:
        assert question.evidence.published().exists(), question.title
    reports = Item.objects.filter(kind=Item.Kind.MEETING_REPORT)
    assert 2 <= reports.count() <= 3
    assert all(report.meeting_id for report in reports)
    assert Answer.objects.filter(helped=True).exists()
    kinds = {(q.pk, e.kind) for q in questions for e in q.evidence.all()}
    assert len(kinds) < 5 * 3  # some question has nothing yet of some kind


def test_the_knowledge_base_card_on_home_is_no_longer_coming_soon(client: Client) -> None:
    html = client.get("/").content.decode()
    assert re.search(r'<a class="omzien-card__link"\s+href="/knowledge/">\s*Kennisbank', html)
