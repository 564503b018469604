"""The knowledge agenda: its public page, with what has been collected for each question, and the
evidence on a research question's own page."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.models import User
from knowledgebase.agenda import SHOWN_PER_KIND, agenda_questions
from knowledgebase.models import Item
from tests.factories import InitiativeFactory
from tests.knowledgebase.factories import (
    DocumentFactory,
    NetworkQuestionFactory,
    PracticeFactory,
    ResearchQuestionFactory,
)
from tests.knowledgebase.factories_agenda import HeldMeetingFactory, MeetingReportFactory

pytestmark = pytest.mark.django_db

AGENDA = "/knowledge/agenda/"
NOTHING_YET = "Hier is nog niets over verzameld"


def _evidence_for(question: Item, *, practices: int, documents: int, reports: int) -> None:
    for _n in range(practices):
        PracticeFactory(research_questions=[question])
    for _n in range(documents):
        DocumentFactory(research_questions=[question])
    for _n in range(reports):
        MeetingReportFactory(research_questions=[question])


def test_the_agenda_counts_the_published_evidence_of_each_question_by_kind() -> None:
    question = ResearchQuestionFactory(title="Hoe bereik je eenzame buren?")
    _evidence_for(question, practices=3, documents=2, reports=1)
    # Not evidence: a draft, a rejected item, and a question to the network.
    PracticeFactory(research_questions=[question], status=Item.Status.DRAFT)
    DocumentFactory(research_questions=[question], status=Item.Status.REJECTED)
    NetworkQuestionFactory(research_questions=[question])
    meeting = HeldMeetingFactory()
    MeetingReportFactory(research_questions=[question], meeting=meeting)

    counted = agenda_questions().get(pk=question.pk)

    assert (counted.practices, counted.documents, counted.reports, counted.meetings) == (3, 2, 2, 2)


def test_the_agenda_page_shows_the_counts_and_says_where_nothing_was_collected(
    client: Client,
) -> None:
    full = ResearchQuestionFactory(title="Hoe vind je vrijwilligers?")
    _evidence_for(full, practices=2, documents=1, reports=1)
    ResearchQuestionFactory(title="Wat kost een buurthuis?")
    ResearchQuestionFactory(title="Een verborgen vraag", status=Item.Status.DRAFT)

    response = client.get(AGENDA)

    text = response.content.decode()
    assert response.status_code == 200
    assert "Kennisplatform Utrecht Sociaal" in text
    assert "Hoe vind je vrijwilligers?" in text
    assert "2 praktijkvoorbeelden" in text
    assert "1 document" in text
    assert "1 verslag" in text
    assert "1 bijeenkomst" in text
    assert f"?question={full.pk}&amp;kind=practice" in text
    assert "Wat kost een buurthuis?" in text
    assert text.count(NOTHING_YET) == 1
    assert "Een verborgen vraag" not in text


def test_a_hostile_question_title_is_escaped_on_the_agenda(client: Client) -> None:
    ResearchQuestionFactory(title="<script>alert(1)</script> Wie helpt?")
    text = client.get(AGENDA).content.decode()
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Wie helpt?" in text


def _agenda_of(count: int, each: int) -> None:
    for _n in range(count):
        _evidence_for(ResearchQuestionFactory(), practices=each, documents=each, reports=each)


# The agenda page, signed out: the session is not read (no cookie), so only the list itself is
# queried: the content version (for the cached fragment) and the questions with their counts.
AGENDA_QUERIES = 2


@pytest.mark.parametrize(("questions", "each"), [(2, 1), (25, 4)])
def test_the_agenda_page_costs_the_same_queries_for_few_and_many_questions(
    client: Client, django_assert_max_num_queries: object, questions: int, each: int
) -> None:
    _agenda_of(questions, each)
    with django_assert_max_num_queries(AGENDA_QUERIES):  # type: ignore[operator]
        response = client.get(AGENDA)
    assert response.content.decode().count("omzien-kb-agenda__question") == questions


def test_a_signed_in_member_sees_the_agenda_in_a_fixed_number_of_queries(
    client: Client, member: User, django_assert_max_num_queries: object
) -> None:
    InitiativeFactory(admin=member)
    _agenda_of(10, 2)
    client.force_login(member)
    client.get(AGENDA)  # the first request after logging in writes the session once
    # The session (with the content version), the user, the groups (coordinator?), the person's
    # memberships and initiatives (may they contribute?), and the questions with their counts.
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        client.get(AGENDA)
    _agenda_of(10, 2)
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        client.get(AGENDA)


def test_a_research_questions_page_shows_its_evidence_by_kind_newest_first(
    client: Client,
) -> None:
    question = ResearchQuestionFactory(title="Hoe houd je vrijwilligers vast?")
    now = timezone.now()
    old = PracticeFactory(
        title="Oud voorbeeld", research_questions=[question], published_at=now - timedelta(days=9)
    )
    new = PracticeFactory(title="Nieuw voorbeeld", research_questions=[question], published_at=now)
    meeting = HeldMeetingFactory(title="Bijeenkomst over vrijwilligers")
    MeetingReportFactory(research_questions=[question], meeting=meeting)

    text = client.get(question.get_absolute_url()).content.decode()

    assert text.index(new.title) < text.index(old.title)
    assert "Bijeenkomst over vrijwilligers" in text
    assert meeting.get_absolute_url() in text
    # No documents yet: said plainly, for that kind only.
    assert text.count("Nog niets verzameld") == 1


def test_a_question_with_many_items_of_a_kind_links_to_the_search_for_the_rest(
    client: Client,
) -> None:
    question = ResearchQuestionFactory()
    for _n in range(SHOWN_PER_KIND + 2):
        PracticeFactory(research_questions=[question])

    text = client.get(question.get_absolute_url()).content.decode()

    assert text.count("omzien-kb-evidence__date") == SHOWN_PER_KIND
    assert f"/knowledge/?question={question.pk}&amp;kind=practice" in text
    assert f"Bekijk alle {SHOWN_PER_KIND + 2}" in text


def test_a_question_without_evidence_says_so_for_every_kind(client: Client) -> None:
    question = ResearchQuestionFactory()
    text = client.get(question.get_absolute_url()).content.decode()
    assert text.count("Nog niets verzameld") == 4


def test_a_research_questions_page_costs_the_same_queries_with_little_and_much_evidence(
    client: Client,
) -> None:
    little, much = ResearchQuestionFactory(), ResearchQuestionFactory()
    _evidence_for(little, practices=1, documents=0, reports=1)
    _evidence_for(much, practices=12, documents=9, reports=8)
    client.get(little.get_absolute_url())  # the page's fixed parts are warmed up once

    def queries(question: Item) -> int:
        from django.core.cache import caches
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        caches["fragments"].clear()  # measured uncached: the item page keeps fragments
        with CaptureQueriesContext(connection) as captured:
            client.get(question.get_absolute_url())
        return len(captured)

    assert queries(little) == queries(much)


def test_an_item_names_the_research_questions_it_helps_answer(client: Client) -> None:
    question = ResearchQuestionFactory(title="Hoe werk je samen met de gemeente?")
    practice = PracticeFactory(research_questions=[question])
    text = client.get(practice.get_absolute_url()).content.decode()
    assert "Hoe werk je samen met de gemeente?" in text
    assert question.get_absolute_url() in text


def test_only_people_who_may_contribute_are_invited_to_contribute(
    client: Client, member: User, person: User
) -> None:
    InitiativeFactory(admin=member)
    question = ResearchQuestionFactory()
    client.force_login(person)
    assert "Zelf iets bijdragen" not in client.get(question.get_absolute_url()).content.decode()
    client.force_login(member)
    shown = "Zelf iets bijdragen" in client.get(question.get_absolute_url()).content.decode()
    # The contribute part adds knowledgebase:new; until then the link is simply not there.
    try:
        reverse("knowledgebase:new")
    except NoReverseMatch:
        assert not shown
    else:
        assert shown
