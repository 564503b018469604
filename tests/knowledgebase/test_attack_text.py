"""Found attacking the knowledge base with hostile text over real HTTP (gunicorn):

- one question to the network titled with a control character (anyone signed in asks one, and it
  is published at once) made every RSS and Atom feed of the knowledge base a server error: XML 1.0
  cannot carry it and Django's feed writer refuses;
- a title with a line break (a form field sent by hand) became the subject of the contributor's
  e-mail, which Django refuses to send: the message was lost, tried again for eleven hours;
- a right-to-left override in a title turned it around on every page ("gnp.exe" read "exe.png").
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from accounts.models import User
from initiatives.models import Initiative
from knowledgebase import moderation
from knowledgebase.models import Item
from tests.factories import InitiativeFactory
from tests.knowledgebase.factories import ItemFactory, NetworkQuestionFactory
from tests.knowledgebase.factories_contribute import practice_data

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)> ]]> {{ 7*7 }} 😀'
FEEDS = (
    "/knowledge/feed/",
    "/knowledge/feed/atom/",
    "/knowledge/feed/practice/",
    "/knowledge/feed/network-question/",
)


@pytest.fixture
def x(member: User) -> Initiative:
    return InitiativeFactory(name="Buurtkracht X", admin=member)


@pytest.mark.parametrize("control", ["\x01", "\x0b", "\x1b", "\x08"])
def test_a_control_character_in_a_title_or_summary_never_breaks_the_feeds(
    client: Client, control: str
) -> None:
    initiative = InitiativeFactory(name=f"Buurt{control}kracht")
    ItemFactory(
        title=f"Koken{control} {HOSTILE}", summary=f"Samen{control}eten", initiative=initiative
    )
    NetworkQuestionFactory(title=f"Vraag{control}?", summary="")
    for feed in FEEDS:
        response = client.get(feed)
        assert response.status_code == 200, feed
        text = response.content.decode()
        assert control not in text
        assert "<script>" not in text
        assert "]]>" not in text


def test_a_question_asked_with_a_control_character_keeps_the_feeds_working(
    login: Callable[[User], Client], person: User
) -> None:
    client = login(person)
    response = client.post("/knowledge/questions/ask/", {"title": "Wie\x01 kookt\u202e mee?"})
    assert response.status_code == 302
    question = Item.objects.get(kind=Item.Kind.NETWORK_QUESTION)
    assert question.title == "Wie kookt mee?"
    assert client.get("/knowledge/feed/").status_code == 200


def test_a_title_is_one_line_without_control_or_direction_characters(
    login: Callable[[User], Client], member: User, x: Initiative
) -> None:
    data = practice_data(
        x.pk, title="Samen\r\nBcc: iemand@example.nl\x01 \u202egnp.exe", issued_by="a\nb"
    )
    response = login(member).post("/knowledge/new/practice/", data)
    assert response.status_code == 302
    item = Item.objects.get()
    assert item.title == "Samen Bcc: iemand@example.nl gnp.exe"


def test_a_title_of_only_control_characters_is_refused(
    login: Callable[[User], Client], member: User, x: Initiative
) -> None:
    response = login(member).post("/knowledge/new/practice/", practice_data(x.pk, title="\x01\n"))
    assert response.status_code == 200
    assert not Item.objects.exists()
    assert response.context["form"].errors["title"]


def test_an_old_title_with_a_line_break_still_reaches_the_contributor(
    coordinator: User, member: User, x: Initiative, committed: Any
) -> None:
    """Items stored before titles were cleaned: the subject is made one line."""
    item = ItemFactory(
        initiative=x, contributor=member, status=Item.Status.SUBMITTED, title="Samen\r\nBcc: x"
    )
    with committed():
        moderation.publish(item, by=coordinator)
    assert len(mail.outbox) == 1
    assert "\n" not in mail.outbox[0].subject
    mail.outbox[0].message()  # Django refuses a header with a line break here
