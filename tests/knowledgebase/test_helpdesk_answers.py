"""Answering a question to the network, marking the answer that helped, removing an answer, and
the e-mails that go with it."""

import threading
from collections.abc import Callable

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client

from accounts.models import User
from accounts.roles import COORDINATOR
from initiatives.models import Initiative
from knowledgebase import helpdesk
from knowledgebase.helpdesk import ANSWER_LIMIT
from knowledgebase.models import Answer, Item
from tests.factories import InitiativeFactory, UserFactory, role_user
from tests.knowledgebase.factories import (
    AnswerFactory,
    NetworkQuestionFactory,
    ResearchQuestionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_rate_limits_from_other_tests() -> None:
    cache.clear()


@pytest.fixture
def asker() -> User:
    return UserFactory(name="Vera Vrager", email="vera@example.nl")


@pytest.fixture
def question(asker: User) -> Item:
    return NetworkQuestionFactory(title="Hoe vind je een locatie?", contributor=asker)


@pytest.fixture
def initiative(member: User) -> Initiative:
    return InitiativeFactory(name="Buurtkracht Noord", admin=member)


def _answer_url(question: Item) -> str:
    return f"/knowledge/{question.pk}/answer/"


def test_a_person_without_an_initiative_cannot_answer(
    client: Client, person: User, question: Item
) -> None:
    client.force_login(person)
    assert "Geef een antwoord" not in client.get(question.get_absolute_url()).content.decode()
    response = client.post(_answer_url(question), {"body": "Ik weet het!"})
    assert response.status_code == 403
    assert not Answer.objects.exists()


def test_a_member_answers_on_behalf_of_their_initiative_and_the_asker_is_emailed(
    client: Client, member: User, initiative: Initiative, question: Item, committed: Callable
) -> None:
    client.force_login(member)
    assert "Geef een antwoord" in client.get(question.get_absolute_url()).content.decode()

    with committed():
        response = client.post(
            _answer_url(question), {"body": "Vraag het **buurthuis**.", "initiative": initiative.pk}
        )

    assert response.status_code == 302
    answer = Answer.objects.get()
    assert (answer.initiative, answer.author, answer.item) == (initiative, member, question)
    assert "<strong>buurthuis</strong>" in answer.body_html
    [message] = mail.outbox
    assert message.to == ["vera@example.nl"]
    assert "Hoe vind je een locatie?" in message.subject
    assert "Buurtkracht Noord" in message.body
    assert "Vraag het **buurthuis**." in message.body
    assert question.get_absolute_url() in message.body
    assert member.email not in message.body
    assert member.email not in message.reply_to
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Buurtkracht Noord" in page
    assert member.email not in page


def test_a_member_answers_only_on_behalf_of_their_own_initiative(
    client: Client, member: User, initiative: Initiative, question: Item
) -> None:
    someone_elses = InitiativeFactory(name="Andermans initiatief")
    pending = InitiativeFactory(status=Initiative.Status.PENDING, admin=member)
    client.force_login(member)
    for chosen in (someone_elses.pk, pending.pk, ""):
        response = client.post(
            _answer_url(question), {"body": "Mijn antwoord", "initiative": chosen}
        )
        assert response.status_code == 200
        assert "Mijn antwoord" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_coordinator_may_answer_for_the_network(
    client: Client, coordinator: User, question: Item
) -> None:
    client.force_login(coordinator)
    response = client.post(_answer_url(question), {"body": "Zie de kennisbank.", "initiative": ""})
    assert response.status_code == 302
    assert Answer.objects.get().initiative is None
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Een coördinator van het netwerk" in page


def test_an_empty_answer_is_refused_next_to_the_field(
    client: Client, member: User, initiative: Initiative, question: Item
) -> None:
    client.force_login(member)
    response = client.post(_answer_url(question), {"body": "   ", "initiative": initiative.pk})
    assert response.status_code == 200
    assert "Schrijf eerst je antwoord." in response.content.decode()


def test_only_questions_to_the_network_are_answered(
    client: Client, member: User, initiative: Initiative
) -> None:
    client.force_login(member)
    research = ResearchQuestionFactory()
    draft = NetworkQuestionFactory(status=Item.Status.DRAFT)
    for item in (research, draft):
        response = client.post(_answer_url(item), {"body": "Hoi", "initiative": initiative.pk})
        assert response.status_code == 404


def test_answers_are_rate_limited_per_answerer(
    client: Client, member: User, initiative: Initiative, question: Item
) -> None:
    client.force_login(member)
    for _n in range(ANSWER_LIMIT):
        client.post(_answer_url(question), {"body": f"Tip {_n}", "initiative": initiative.pk})
    response = client.post(_answer_url(question), {"body": "Te veel", "initiative": initiative.pk})
    assert response.status_code == 429
    assert f"maximaal {ANSWER_LIMIT} antwoorden per dag" in response.content.decode()
    assert Answer.objects.count() == ANSWER_LIMIT


def test_the_asker_marks_the_answer_that_helped_and_its_author_is_emailed(
    client: Client,
    asker: User,
    question: Item,
    member: User,
    initiative: Initiative,
    committed: Callable,
) -> None:
    answer = AnswerFactory(item=question, initiative=initiative, author=member)
    client.force_login(asker)
    assert "Dit antwoord hielp" in client.get(question.get_absolute_url()).content.decode()

    with committed():
        response = client.post(f"/knowledge/answers/{answer.pk}/helped/")

    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.helped
    [message] = mail.outbox
    assert message.to == [member.email]
    assert "Hoe vind je een locatie?" in message.body
    assert asker.email not in message.body


def test_a_coordinator_may_mark_and_the_mark_moves_to_another_answer(
    client: Client, coordinator: User, question: Item
) -> None:
    first = AnswerFactory(item=question, helped=True)
    second = AnswerFactory(item=question)
    client.force_login(coordinator)
    assert client.post(f"/knowledge/answers/{second.pk}/helped/").status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.helped, second.helped) == (False, True)


def test_nobody_else_marks_an_answer(
    client: Client, member: User, initiative: Initiative, question: Item, person: User
) -> None:
    answer = AnswerFactory(item=question, initiative=initiative, author=member)
    for someone in (member, person):
        client.force_login(someone)
        assert "Dit antwoord hielp" not in client.get(question.get_absolute_url()).content.decode()
        assert client.post(f"/knowledge/answers/{answer.pk}/helped/").status_code == 403
    answer.refresh_from_db()
    assert not answer.helped


def test_the_author_and_a_coordinator_remove_an_answer_others_cannot(
    client: Client,
    member: User,
    initiative: Initiative,
    question: Item,
    other_member: User,
    asker: User,
) -> None:
    coordinator = role_user(COORDINATOR, email="coordinator@example.nl")
    own = AnswerFactory(item=question, initiative=initiative, author=member, body="Eigen antwoord")
    helped = AnswerFactory(item=question, author=UserFactory(), helped=True, body="Hielp wel")
    InitiativeFactory(admin=other_member)
    for refused in (other_member, asker):
        client.force_login(refused)
        assert client.post(f"/knowledge/answers/{own.pk}/remove/").status_code == 403

    client.force_login(member)
    assert client.post(f"/knowledge/answers/{own.pk}/remove/").status_code == 302
    client.force_login(coordinator)
    assert client.post(f"/knowledge/answers/{helped.pk}/remove/").status_code == 302

    own.refresh_from_db()
    helped.refresh_from_db()
    assert own.removed_at is not None
    assert helped.removed_at is not None
    assert not helped.helped
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Eigen antwoord" not in page
    assert "Hielp wel" not in page
    # Removed is gone: marking or removing it again finds nothing.
    assert client.post(f"/knowledge/answers/{own.pk}/helped/").status_code == 404


def test_hostile_text_in_an_answer_is_harmless_in_the_email(
    client: Client, member: User, initiative: Initiative, asker: User, committed: Callable
) -> None:
    question = NetworkQuestionFactory(title="Feest & <b>vergunning</b>", contributor=asker)
    client.force_login(member)
    with committed():
        client.post(
            _answer_url(question),
            {"body": "<script>alert(1)</script> Bel ons", "initiative": initiative.pk},
        )
    [message] = mail.outbox
    # Plain text: shown as typed, never as markup, and the subject stays one line.
    assert "\n" not in message.subject
    assert "Feest & <b>vergunning</b>" in message.subject
    assert message.content_subtype == "plain"


@pytest.mark.django_db(transaction=True)
def test_two_marks_at_once_leave_exactly_one_answer_that_helped(reference_data: None) -> None:
    from django.contrib.auth.models import Group

    Group.objects.get_or_create(name=COORDINATOR)  # another transactional test emptied the table
    asker = UserFactory()
    coordinator = role_user(COORDINATOR)
    question = NetworkQuestionFactory(contributor=asker)
    answers = AnswerFactory.create_batch(2, item=question)
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def mark(who: User, answer: Answer) -> None:
        client = Client()
        client.force_login(who)
        barrier.wait()
        try:
            statuses.append(client.post(f"/knowledge/answers/{answer.pk}/helped/").status_code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=mark, args=(asker, answers[0])),
        threading.Thread(target=mark, args=(coordinator, answers[1])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [302, 302]
    assert Answer.objects.filter(item=question, helped=True).count() == 1


def test_a_mark_that_meets_the_databases_rule_becomes_a_message(
    client: Client, asker: User, question: Item, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should two marks ever pass the lock (say, another code path), the unique rule of the
    database refuses the second: the person reads why, and nothing breaks."""
    first = AnswerFactory(item=question, helped=True)
    second = AnswerFactory(item=question)
    # The other mark is not cleared first, as if it had arrived in between.
    monkeypatch.setattr(helpdesk, "_clear_marks", lambda question: None)
    client.force_login(asker)
    response = client.post(f"/knowledge/answers/{second.pk}/helped/", follow=True)
    assert response.status_code == 200
    assert "net een ander antwoord gemarkeerd" in response.content.decode()
    first.refresh_from_db()
    assert first.helped
