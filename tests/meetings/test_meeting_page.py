"""A meeting's public page: what a visitor reads there, what only some people see."""

import json
import re
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from accounts.models import User
from meetings.models import AgendaItem, Meeting, Registration, Report
from tests.factories import InitiativeFactory
from tests.meetings.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def no_page_cache(settings: object) -> None:
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    settings.CACHES = {"default": dummy, "fragments": dummy}


def text_of(response: object) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def meeting() -> Meeting:
    host = InitiativeFactory(name="Krachtstation")
    meeting = MeetingFactory(
        title="Samen bouwen aan de buurt",
        slug="samen-bouwen",
        question="Welke organisatievorm past bij ons netwerk?",
        description="We werken **verder** aan een gezamenlijke visie.",
        starts_at=datetime(2027, 3, 27, 16, 30, tzinfo=AMSTERDAM),
        ends_at=datetime(2027, 3, 27, 18, 30, tzinfo=AMSTERDAM),
        host=host,
        accessibility="Drempelvrij, met een invalidentoilet.",
        online_link="https://meet.example.nl/geheim-123",
        kind=Meeting.Kind.HYBRID,
    )
    meeting.co_hosts.add(InitiativeFactory(name="De Kracht van Zuilen"))
    AgendaItem.objects.create(meeting=meeting, starts_at=time(16, 30), title="Inloop met koffie")
    AgendaItem.objects.create(meeting=meeting, starts_at=time(17, 0), title="Gesprek in groepen")
    return meeting


def test_a_visitor_reads_what_when_where_and_who_hosts(client: Client, meeting: Meeting) -> None:
    text = text_of(client.get("/meetings/samen-bouwen/"))
    assert "Samen bouwen aan de buurt" in text
    assert "Welke organisatievorm past bij ons netwerk?" in text
    assert "27 maart 2027, 16.30–18.30 uur" in text
    assert "Te gast bij Krachtstation" in text
    assert "De Kracht van Zuilen" in text
    assert "Krachtstation Kanaleneiland" in text
    assert "Amerikalaan 199, 3526 VD Utrecht" in text
    assert "Hybride" in text
    assert "Drempelvrij, met een invalidentoilet." in text
    assert "16.30 Inloop met koffie" in text
    assert "<strong>verder</strong>" in client.get("/meetings/samen-bouwen/").content.decode()


def test_the_online_link_is_never_on_the_public_page(client: Client, meeting: Meeting) -> None:
    assert "geheim-123" not in client.get("/meetings/samen-bouwen/").content.decode()


def test_hosts_link_to_their_pages(client: Client, meeting: Meeting) -> None:
    html = client.get("/meetings/samen-bouwen/").content.decode()
    assert f'href="{meeting.host.get_absolute_url()}"' in html
    assert 'href="/initiatives/de-kracht-van-zuilen/"' in html


def test_counts_of_registered_and_waiting(client: Client, meeting: Meeting) -> None:
    RegistrationFactory.create_batch(3, meeting=meeting)
    RegistrationFactory(meeting=meeting, status=Registration.Status.WAITING)
    RegistrationFactory(meeting=meeting, status=Registration.Status.CANCELLED)
    text = text_of(client.get("/meetings/samen-bouwen/"))
    assert "3 mensen aangemeld" in text
    assert "1 op de wachtlijst" in text


def test_a_draft_is_hidden_from_all_but_coordinators(
    client: Client, login: object, meeting: Meeting, member: User, coordinator: User
) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.DRAFT)
    assert client.get("/meetings/samen-bouwen/").status_code == 404
    assert login(member).get("/meetings/samen-bouwen/").status_code == 404
    response = login(coordinator).get("/meetings/samen-bouwen/")
    assert "Concept." in text_of(response)
    assert 'name="robots" content="noindex"' in response.content.decode()


def test_unknown_meeting_is_404(client: Client, db: None) -> None:
    assert client.get("/meetings/bestaat-niet/").status_code == 404


def test_cancelled_shows_the_reason(client: Client, meeting: Meeting) -> None:
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancel_reason = "De zaal is niet beschikbaar."
    meeting.save()
    text = text_of(client.get("/meetings/samen-bouwen/"))
    assert "Deze bijeenkomst gaat niet door." in text
    assert "De zaal is niet beschikbaar." in text


def test_the_report_after_the_meeting(client: Client, meeting: Meeting) -> None:
    meeting.status = Meeting.Status.HELD
    meeting.save()
    Report.objects.create(
        meeting=meeting,
        conclusions="- Samen optrekken is belangrijk.\n- Kennis delen.",
        follow_up="Hoe maken we onze waarde zichtbaar?\n",
        links="https://example.nl/presentatie\n",
    )
    response = client.get("/meetings/samen-bouwen/")
    text = text_of(response)
    assert "Verslag" in text
    assert "Samen optrekken is belangrijk." in text
    assert "Hoe maken we onze waarde zichtbaar?" in text
    assert 'href="https://example.nl/presentatie"' in response.content.decode()


def test_search_engines_get_an_event(client: Client, meeting: Meeting) -> None:
    html = client.get("/meetings/samen-bouwen/").content.decode()
    assert '<link rel="canonical" href="http://testserver/meetings/samen-bouwen/">' in html
    assert '<meta property="og:title" content="Samen bouwen aan de buurt">' in html
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert found
    data = json.loads(found.group(1))
    assert data["@type"] == "Event"
    assert data["startDate"] == "2027-03-27T16:30:00+01:00"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["organizer"]["name"] == "Krachtstation"
    assert "geheim" not in found.group(1)


def test_the_linked_data_cannot_close_its_script(client: Client, meeting: Meeting) -> None:
    meeting.title = "</script><script>alert(1)</script>"
    meeting.save()
    html = client.get("/meetings/samen-bouwen/").content.decode()
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert found
    assert json.loads(found.group(1))["name"] == meeting.title


def test_organisers_see_the_way_to_the_organiser_page(
    client: Client, login: object, meeting: Meeting, member: User, coordinator: User
) -> None:
    from django.urls import NoReverseMatch, reverse

    try:
        organise = reverse("meetings:organise", args=[meeting.slug])
    except NoReverseMatch:
        pytest.skip("the organiser page is another part of the app")
    assert organise not in client.get("/meetings/samen-bouwen/").content.decode()
    assert organise in login(coordinator).get("/meetings/samen-bouwen/").content.decode()


@pytest.mark.usefixtures("no_page_cache")
def test_query_count_is_fixed(
    client: Client, meeting: Meeting, django_assert_max_num_queries: object
) -> None:
    RegistrationFactory.create_batch(5, meeting=meeting)
    for number in range(5):
        meeting.co_hosts.add(InitiativeFactory())
        AgendaItem.objects.create(
            meeting=meeting, starts_at=time(17, number), title=f"Punt {number}"
        )
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        assert client.get("/meetings/samen-bouwen/").status_code == 200
