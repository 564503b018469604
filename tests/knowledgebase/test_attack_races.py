"""Found attacking the knowledge base with real parallel HTTP requests (gunicorn, three workers):

- a double click on "Ask" published the same question three times, on "Answer" gave three
  answers (and three e-mails to the asker), on "Save" made two drafts no one can delete;
- a member who saved an edit while a coordinator rejected the item wrote the edit onto the
  rejected item (which "stays as it is");
- the asker could move the "this helped" mark back and forth, each time e-mailing the answer's
  author: e-mail on a person's behalf without a rate limit;
- publishing a meeting's report read the item without its lock and wrote back every column, so
  a coordinator's change to the item at the same moment was lost.
"""

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client

from accounts.models import User
from knowledgebase import helpdesk, moderation
from knowledgebase.contribution import ContributionError, update_item
from knowledgebase.contribution_forms import form_for
from knowledgebase.models import Answer, Item
from meetings.knowledge import publish_report
from tests.factories import InitiativeFactory, UserFactory
from tests.knowledgebase.factories import AnswerFactory, ItemFactory, NetworkQuestionFactory
from tests.knowledgebase.factories_contribute import practice_data
from tests.knowledgebase.factories_portal import held_meeting_with_report
from tests.knowledgebase.test_contribute_moderation import all_at_once, two_coordinators


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_a_triple_click_on_ask_publishes_one_question() -> None:
    cache.clear()
    person = UserFactory()
    data = {"title": "Wie kookt er mee?", "body": "Op donderdag."}
    outcomes = all_at_once(
        *[lambda: signed_in(person).post("/knowledge/questions/ask/", data) for _ in range(3)]
    )
    assert [o.status_code for o in outcomes] == [302, 302, 302], outcomes
    assert Item.objects.filter(kind=Item.Kind.NETWORK_QUESTION).count() == 1
    assert len({o["Location"] for o in outcomes}) == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_a_triple_click_on_answer_gives_one_answer_and_one_mail() -> None:
    cache.clear()
    asker, member = UserFactory(), UserFactory()
    initiative = InitiativeFactory(admin=member)
    question = NetworkQuestionFactory(contributor=asker)
    data = {"body": "Wij vroegen de gemeente.", "initiative": str(initiative.pk)}
    outcomes = all_at_once(
        *[
            lambda: signed_in(member).post(f"/knowledge/{question.pk}/answer/", data)
            for _ in range(3)
        ]
    )
    assert [o.status_code for o in outcomes] == [302, 302, 302], outcomes
    assert Answer.objects.filter(item=question).count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_a_double_click_on_save_makes_one_draft() -> None:
    member = UserFactory()
    initiative = InitiativeFactory(admin=member)
    data = practice_data(initiative.pk)
    outcomes = all_at_once(
        *[lambda: signed_in(member).post("/knowledge/new/practice/", data) for _ in range(2)]
    )
    assert [o.status_code for o in outcomes] == [302, 302], outcomes
    assert Item.objects.count() == 1


@pytest.mark.django_db
def test_the_same_answer_later_or_another_answer_is_a_new_one(member: User) -> None:
    initiative = InitiativeFactory(admin=member)
    question = NetworkQuestionFactory()
    first = helpdesk.answer_question(question, by=member, initiative=initiative, body="Eén")
    other = helpdesk.answer_question(question, by=member, initiative=initiative, body="Twee")
    assert first != other
    helpdesk.remove_answer(first, by=member)
    again = helpdesk.answer_question(question, by=member, initiative=initiative, body="Eén")
    assert again != first


@pytest.mark.django_db
def test_an_edit_saved_after_a_coordinator_rejected_leaves_the_item_as_rejected(
    coordinator: User, member: User
) -> None:
    """The member's form was opened (and its item read) before the coordinator decided."""
    x = InitiativeFactory(admin=member)
    item = ItemFactory(initiative=x, contributor=member, status=Item.Status.SUBMITTED, title="Oud")
    stale = Item.objects.get(pk=item.pk)
    form = form_for(item.kind)(practice_data(x.pk, title="Nieuw"), instance=stale, user=member)
    assert form.is_valid(), form.errors
    moderation.reject(item, by=coordinator, reason="Past niet")
    with pytest.raises(ContributionError) as error:
        update_item(stale, form, by=member)
    assert "afgewezen" in error.value.message or "rejected" in error.value.message
    item.refresh_from_db()
    assert (item.title, item.status) == ("Oud", Item.Status.REJECTED)
    assert item.moderation_note == "Past niet"


@pytest.mark.django_db
def test_moving_the_helped_mark_back_and_forth_is_rate_limited(
    login: Callable[[User], Client], person: User
) -> None:
    cache.clear()
    question = NetworkQuestionFactory(contributor=person)
    answers = [AnswerFactory(item=question, author=UserFactory()) for _ in range(2)]
    client = login(person)
    for turn in range(helpdesk.HELPED_LIMIT + 5):
        client.post(f"/knowledge/answers/{answers[turn % 2].pk}/helped/")
    assert len(mail.outbox) == helpdesk.HELPED_LIMIT
    response = client.post(f"/knowledge/answers/{answers[0].pk}/helped/", follow=True)
    assert "morgen" in response.content.decode() or "tomorrow" in response.content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_publishing_a_report_keeps_a_change_made_to_its_item_at_the_same_moment() -> None:
    coordinator, other = two_coordinators()
    meeting = held_meeting_with_report()
    item = publish_report(meeting, research_questions=[], by=coordinator)
    locked = threading.Event()

    def note_under_lock() -> None:
        with transaction.atomic():
            row = Item.objects.select_for_update().get(pk=item.pk)
            row.moderation_note = "Gecontroleerd door de coördinator"
            row.save(update_fields=["moderation_note"])
            locked.set()
            time.sleep(1)

    def publish_again() -> Any:
        locked.wait(timeout=10)
        return publish_report(meeting, research_questions=[], by=other)

    outcomes = all_at_once(note_under_lock, publish_again)
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    item.refresh_from_db()
    assert item.moderation_note == "Gecontroleerd door de coördinator"
    assert item.status == Item.Status.PUBLISHED
    connection.close()
