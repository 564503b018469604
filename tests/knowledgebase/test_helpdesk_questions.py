"""Questions to the network: asking, the list of questions, and what a question's page shows."""

import pytest
from django.core.cache import cache
from django.test import Client
from reversion.models import Version

from accounts.models import User
from initiatives.models import Municipality, Theme
from knowledgebase.helpdesk import ASK_LIMIT
from knowledgebase.models import Item
from tests.factories import InitiativeFactory, UserFactory
from tests.knowledgebase.factories import AnswerFactory, NetworkQuestionFactory

pytestmark = pytest.mark.django_db

ASK = "/knowledge/questions/ask/"
QUESTIONS = "/knowledge/questions/"


@pytest.fixture(autouse=True)
def no_rate_limits_from_other_tests() -> None:
    cache.clear()


def test_a_visitor_is_sent_to_log_in_before_asking(client: Client) -> None:
    response = client.get(ASK)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.post(ASK, {"title": "Mag dit?"}).status_code == 302
    assert not Item.objects.exists()


def test_a_person_asks_and_the_question_is_published_at_once(client: Client, person: User) -> None:
    theme = Theme.objects.first()
    utrecht = Municipality.objects.get(name="Utrecht")
    client.force_login(person)

    response = client.post(
        ASK,
        {
            "title": "  Hoe regel je een   buurtfeest? ",
            "body": "We willen *graag* een straatfeest.",
            "themes": [theme.pk],
            "municipality": utrecht.pk,
        },
    )

    question = Item.objects.get()
    assert response.status_code == 302
    assert response["Location"] == question.get_absolute_url()
    assert question.title == "Hoe regel je een buurtfeest?"
    assert question.kind == Item.Kind.NETWORK_QUESTION
    assert question.status == Item.Status.PUBLISHED
    assert question.published_at is not None
    assert question.knowledge_type == Item.KnowledgeType.EXPERIENCE
    assert question.contributor == person
    assert question.initiative is None
    assert list(question.themes.all()) == [theme]
    assert list(question.municipalities.all()) == [utrecht]
    assert "<em>graag</em>" in question.html("body")
    assert "Utrecht" in Item.objects.get().search_labels
    version = Version.objects.get_for_object(question).get()
    assert version.revision.user == person
    assert set(version.field_dict["themes"]) == {theme.pk}

    page = client.get(question.get_absolute_url()).content.decode()
    assert "Hoe regel je een buurtfeest?" in page
    assert person.email not in page


def test_a_question_needs_a_title_and_keeps_what_was_typed(client: Client, person: User) -> None:
    client.force_login(person)
    response = client.post(ASK, {"title": "   ", "body": "Mijn uitleg"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Vul je vraag in." in text
    assert "Mijn uitleg" in text
    too_long = client.post(ASK, {"title": "x" * 201}).content.decode()
    assert "200" in too_long
    assert not Item.objects.exists()


def test_a_person_asks_at_most_a_few_questions_a_day(client: Client, person: User) -> None:
    client.force_login(person)
    for n in range(ASK_LIMIT):
        assert client.post(ASK, {"title": f"Vraag {n}"}).status_code == 302
    response = client.post(ASK, {"title": "Nog een vraag"})
    assert response.status_code == 429
    text = response.content.decode()
    assert f"maximaal {ASK_LIMIT} vragen per dag" in text
    assert "Nog een vraag" in text
    assert Item.objects.count() == ASK_LIMIT
    # Another person is not held back by it.
    client.force_login(UserFactory())
    assert client.post(ASK, {"title": "Mijn eerste vraag"}).status_code == 302


def test_the_questions_list_labels_answered_and_open_questions_newest_first(
    client: Client,
) -> None:
    answered = NetworkQuestionFactory(title="Waar vind ik subsidie?")
    AnswerFactory(item=answered)
    only_removed = NetworkQuestionFactory(title="Wie heeft een partytent?")
    AnswerFactory(item=only_removed, removed_at="2026-01-01T10:00:00+01:00")
    NetworkQuestionFactory(title="Verborgen", status=Item.Status.DRAFT)

    text = client.get(QUESTIONS).content.decode()

    assert text.index("Wie heeft een partytent?") < text.index("Waar vind ik subsidie?")
    assert text.count("beantwoord") == 1
    assert text.count("nog geen antwoord") == 1
    assert "Verborgen" not in text


# Signed out: the questions of the page, and their count for the paginator.
QUESTIONS_QUERIES = 2


@pytest.mark.parametrize("count", [3, 45])
def test_the_questions_list_costs_the_same_queries_for_few_and_many(
    client: Client, django_assert_max_num_queries: object, count: int
) -> None:
    for _n in range(count):
        AnswerFactory.create_batch(2, item=NetworkQuestionFactory())
    with django_assert_max_num_queries(QUESTIONS_QUERIES):  # type: ignore[operator]
        response = client.get(QUESTIONS)
    assert response.content.decode().count("omzien-kb-questions__item") == min(count, 20)


def test_the_questions_list_pages_through_many(client: Client) -> None:
    for n in range(25):
        NetworkQuestionFactory(title=f"Vraag nummer {n:02d}")
    second = client.get(f"{QUESTIONS}?page=2").content.decode()
    assert "Vraag nummer 00" in second
    assert "Vraag nummer 24" not in second
    assert client.get(f"{QUESTIONS}?page=nonsense").status_code == 200


def test_a_questions_page_shows_the_answers_by_initiative_never_a_persons_email(
    client: Client,
) -> None:
    author = UserFactory(name="Anna de Vries", email="anna@example.nl")
    initiative = InitiativeFactory(name="Buurtkamer Oost", admin=author)
    question = NetworkQuestionFactory()
    AnswerFactory(item=question, initiative=initiative, author=author, body="Bel de **wijkagent**.")
    AnswerFactory(item=question, initiative=None, body="Kijk eens bij de gemeente.")
    AnswerFactory(item=question, body="Weg", removed_at="2026-01-01T10:00:00+01:00")

    text = client.get(question.get_absolute_url()).content.decode()

    assert "Buurtkamer Oost" in text
    assert "Een coördinator van het netwerk" in text
    assert "<strong>wijkagent</strong>" in text
    assert "Weg" not in text
    assert "anna@example.nl" not in text
    assert "Anna de Vries" not in text
    assert "2 antwoorden" in text


def test_the_answer_that_helped_comes_first_with_a_mark(client: Client) -> None:
    question = NetworkQuestionFactory()
    AnswerFactory(item=question, body="Het eerste antwoord.")
    AnswerFactory(item=question, body="Het antwoord dat hielp.", helped=True)
    text = client.get(question.get_absolute_url()).content.decode()
    assert text.index("Het antwoord dat hielp.") < text.index("Het eerste antwoord.")
    assert "omzien-kb-answer--helped" in text
    assert "Dit antwoord hielp" in text


def test_hostile_text_is_escaped_on_the_questions_pages(client: Client) -> None:
    question = NetworkQuestionFactory(
        title='<img src=x onerror="alert(1)">', body="<script>alert(2)</script>"
    )
    AnswerFactory(item=question, body='<a href="javascript:alert(3)">klik</a><script>x</script>')
    for url in (QUESTIONS, question.get_absolute_url()):
        text = client.get(url).content.decode()
        assert '<img src=x onerror="alert(1)">' not in text
        assert "<script>alert(2)</script>" not in text
        assert "javascript:alert(3)" not in text
        assert "<script>x</script>" not in text


# The question's page as a visitor: the question, the answers with their initiatives; what the
# other parts of the page add is theirs. Pinned as a difference: few and many answers cost alike.
def test_a_questions_page_costs_the_same_queries_with_few_and_many_answers(
    client: Client, member: User
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    initiative = InitiativeFactory(admin=member)
    few, many = NetworkQuestionFactory(), NetworkQuestionFactory()
    AnswerFactory(item=few, initiative=initiative)
    for _n in range(15):
        AnswerFactory(item=many, initiative=InitiativeFactory())
    client.force_login(member)
    client.get(few.get_absolute_url())

    def queries(question: Item) -> int:
        from django.core.cache import caches

        caches["fragments"].clear()  # measured uncached: the item page keeps its parts
        with CaptureQueriesContext(connection) as captured:
            client.get(question.get_absolute_url())
        return len(captured)

    assert queries(few) == queries(many)
