"""The seam: a held meeting's report published as a knowledge item (meetings/knowledge.py)."""

import re
import threading

import pytest
import reversion
from django.db import connection
from django.test import Client
from reversion.models import Version

from accounts.models import User
from knowledgebase.models import Item
from meetings.errors import MeetingRuleError
from meetings.knowledge import publish_report, summary_of
from meetings.models import Meeting, Report
from tests.factories import InitiativeFactory
from tests.knowledgebase.factories import ResearchQuestionFactory
from tests.knowledgebase.factories_portal import held_meeting_with_report
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_held_meetings_report_becomes_a_meeting_report_item(coordinator: User) -> None:
    co_host = InitiativeFactory(name="Austerlitz Zorgt")
    meeting = held_meeting_with_report()
    meeting.co_hosts.add(co_host)
    question = ResearchQuestionFactory(title="Hoe maak je je wijk inclusief?")
    item = publish_report(meeting, research_questions=[question], by=coordinator)
    item.refresh_from_db()
    assert item.kind == Item.Kind.MEETING_REPORT
    assert item.status == Item.Status.PUBLISHED
    assert item.published_at is not None
    assert item.title == "Verslag: Samen eten tegen eenzaamheid"
    assert item.summary.startswith("Samen eten helpt tegen eenzaamheid.")
    assert "**" not in item.summary
    assert item.meeting == meeting
    assert item.initiative == meeting.host
    assert item.knowledge_type == Item.KnowledgeType.EXPERIENCE
    assert set(item.initiatives.all()) == {meeting.host, co_host}
    assert {t.name for t in item.themes.all()} == {"Eenzaamheid", "Welzijn"}
    assert list(item.municipalities.all()) == [meeting.municipality]
    assert list(item.research_questions.all()) == [question]
    body = item.html("body")
    assert "Een vaste dag maakt het makkelijk" in body
    assert "Hoe vinden we nieuwe koks?" in body
    assert 'href="https://example.nl/presentatie"' in body
    assert f'href="{meeting.get_absolute_url()}"' in body
    # Found by the names of its hosts and themes.
    assert "Austerlitz Zorgt" in item.search_labels
    assert "Eenzaamheid" in item.search_labels


def test_publishing_keeps_a_revision_with_who_did_it(coordinator: User) -> None:
    meeting = held_meeting_with_report()
    item = publish_report(meeting, research_questions=[], by=coordinator)
    versions = Version.objects.get_for_object(item)
    assert versions.count() == 1
    assert versions[0].revision.user == coordinator
    assert versions[0].revision.comment


def test_publishing_again_updates_the_same_item(coordinator: User) -> None:
    meeting = held_meeting_with_report()
    first = publish_report(meeting, research_questions=[], by=coordinator)
    published_at = Item.objects.get(pk=first.pk).published_at
    Report.objects.filter(meeting=meeting).update(conclusions="Alles anders. Echt waar.")
    meeting.report.refresh_from_db()
    meeting.report.save()  # renders the conclusions again
    question = ResearchQuestionFactory()
    again = publish_report(meeting, research_questions=[question], by=coordinator)
    assert again.pk == first.pk
    assert Item.objects.filter(meeting=meeting).count() == 1
    again.refresh_from_db()
    assert again.summary == "Alles anders. Echt waar."
    assert again.published_at == published_at
    assert list(again.research_questions.all()) == [question]
    assert Version.objects.get_for_object(again).count() == 2


def test_only_published_research_questions_are_linked(coordinator: User) -> None:
    meeting = held_meeting_with_report()
    draft = ResearchQuestionFactory(status=Item.Status.DRAFT)
    practice = Item.objects.create(
        kind=Item.Kind.PRACTICE, title="Geen vraag", knowledge_type="experience"
    )
    item = publish_report(meeting, research_questions=[draft, practice], by=coordinator)
    assert not item.research_questions.exists()


@pytest.mark.parametrize("status", [Meeting.Status.PUBLISHED, Meeting.Status.CANCELLED])
def test_only_a_held_meeting_with_a_report(coordinator: User, status: str) -> None:
    meeting = held_meeting_with_report()
    Meeting.objects.filter(pk=meeting.pk).update(status=status)
    with pytest.raises(MeetingRuleError):
        publish_report(meeting, research_questions=[], by=coordinator)
    without = MeetingFactory(status=Meeting.Status.HELD)
    with pytest.raises(MeetingRuleError):
        publish_report(without, research_questions=[], by=coordinator)
    assert not Item.objects.exists()


def test_the_summary_is_a_few_whole_sentences() -> None:
    report = Report(conclusions_html="<p>" + "Een zin van vijf woorden. " * 40 + "</p>")
    summary = summary_of(report)
    assert len(summary) <= 300
    assert summary.endswith(".")


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_two_coordinators_at_once_make_one_item() -> None:
    # Another transactional test may have emptied the groups and reference data before this one.
    from tests.knowledgebase.test_contribute_moderation import two_coordinators

    coordinator = two_coordinators()[0]
    meeting = held_meeting_with_report()
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def publish() -> None:
        try:
            barrier.wait()
            publish_report(meeting, research_questions=[], by=coordinator)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=publish) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Item.objects.filter(meeting=meeting).count() == 1


# The coordinators' page and the meeting's page.


def test_a_coordinator_picks_questions_and_lands_on_the_item(
    login: object, coordinator: User
) -> None:
    meeting = held_meeting_with_report()
    question = ResearchQuestionFactory(title="Hoe maak je je wijk inclusief?")
    ResearchQuestionFactory(title="Nog niet gepubliceerd?", status=Item.Status.DRAFT)
    client = login(coordinator)  # type: ignore[operator]
    url = f"/meetings/{meeting.slug}/report/knowledge/"
    page = client.get(url).content.decode()
    assert "Hoe maak je je wijk inclusief?" in page
    assert "Nog niet gepubliceerd?" not in page
    response = client.post(url, {"research_questions": [question.pk]})
    item = Item.objects.get(meeting=meeting)
    assert response.status_code == 302
    assert response["Location"] == item.get_absolute_url()
    assert list(item.research_questions.all()) == [question]
    # The form remembers what was picked.
    assert re.search(rf'value="{question.pk}"[^>]*checked', client.get(url).content.decode())


def test_a_meeting_without_a_report_says_so(login: object, coordinator: User) -> None:
    meeting = MeetingFactory(status=Meeting.Status.HELD)
    client = login(coordinator)  # type: ignore[operator]
    response = client.get(f"/meetings/{meeting.slug}/report/knowledge/")
    assert "zodra de bijeenkomst is geweest en het verslag is geschreven" in text_of(
        response.content.decode()
    )
    client.post(f"/meetings/{meeting.slug}/report/knowledge/", {})
    assert not Item.objects.exists()


def test_a_bad_choice_is_a_message_not_an_error(login: object, coordinator: User) -> None:
    meeting = held_meeting_with_report()
    client = login(coordinator)  # type: ignore[operator]
    response = client.post(
        f"/meetings/{meeting.slug}/report/knowledge/", {"research_questions": ["999999"]}
    )
    assert response.status_code == 200
    assert not Item.objects.exists()


def test_the_meeting_page_links_to_the_item(client: Client, coordinator: User) -> None:
    meeting = held_meeting_with_report()
    assert "staat in de kennisbank" not in client.get(meeting.get_absolute_url()).content.decode()
    item = publish_report(meeting, research_questions=[], by=coordinator)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Dit verslag staat in de kennisbank" in text_of(html)
    assert f'href="{item.get_absolute_url()}"' in html


def test_a_withdrawn_item_is_not_linked(client: Client, coordinator: User) -> None:
    meeting = held_meeting_with_report()
    item = publish_report(meeting, research_questions=[], by=coordinator)
    Item.objects.filter(pk=item.pk).update(status=Item.Status.REJECTED)
    assert "kennisbank" not in text_of(client.get(meeting.get_absolute_url()).content.decode())


def test_only_coordinators_see_the_link_to_publish(
    client: Client, login: object, coordinator: User, member: User
) -> None:
    meeting = held_meeting_with_report()
    link = f'href="/meetings/{meeting.slug}/report/knowledge/"'
    assert link not in client.get(meeting.get_absolute_url()).content.decode()
    assert link not in login(member).get(meeting.get_absolute_url()).content.decode()  # type: ignore[operator]
    assert link in login(coordinator).get(meeting.get_absolute_url()).content.decode()  # type: ignore[operator]


@pytest.mark.parametrize("published", [False, True])
def test_the_meeting_page_costs_the_same_queries_with_or_without_an_item(
    client: Client, coordinator: User, django_assert_max_num_queries: object, published: bool
) -> None:
    meeting = held_meeting_with_report()
    if published:
        publish_report(meeting, research_questions=[], by=coordinator)
    assert client.get(meeting.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(1):  # type: ignore[operator]  # the content version
        assert client.get(meeting.get_absolute_url()).status_code == 200


def test_reversion_is_registered_for_items() -> None:
    assert reversion.is_registered(Item)
