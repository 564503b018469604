"""What keeps the meetings pages as cheap as the directory (bench/results.md): the shared parts
of a meeting page and the feed's events are made once per content version, and a request that
finds them reads only what is its own. Counts are for a second request, with the fragments
made by the first."""

from collections.abc import Callable

import pytest
from django.core.cache import caches
from django.test import Client

from accounts.models import User
from initiatives.models import Membership
from meetings.registration import RegistrationError
from tests.factories import InitiativeFactory, UserFactory
from tests.meetings.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_fragments() -> None:
    caches["fragments"].clear()


@pytest.mark.parametrize("count", [1, 30])
def test_a_visitor_on_a_meeting_page_reads_only_the_content_version(
    client: Client, django_assert_num_queries: Callable, count: int
) -> None:
    meeting = MeetingFactory(capacity=100)
    meeting.co_hosts.add(InitiativeFactory())
    RegistrationFactory.create_batch(count, meeting=meeting)
    assert client.get(meeting.get_absolute_url()).status_code == 200
    with django_assert_num_queries(1):  # the content version
        assert client.get(meeting.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("count", [1, 30])
def test_a_signed_in_persons_second_view_reads_only_the_session(
    client: Client, django_assert_num_queries: Callable, count: int
) -> None:
    meeting = MeetingFactory(capacity=100)
    meeting.co_hosts.add(*InitiativeFactory.create_batch(3))
    RegistrationFactory.create_batch(count, meeting=meeting)
    # Signed in as allauth signs in (the person comes with the session read, omzien/sessions.py).
    client.force_login(UserFactory(), backend="accounts.backends.PortalAuthenticationBackend")
    assert client.get(meeting.get_absolute_url()).status_code == 200
    # The session with the person and the content version; whether they may organise and their
    # own registration are kept per person, meeting and content version.
    with django_assert_num_queries(1):
        assert client.get(meeting.get_absolute_url()).status_code == 200


def test_a_new_registration_shows_in_the_counts_at_once(client: Client) -> None:
    meeting = MeetingFactory(capacity=100)
    RegistrationFactory.create_batch(2, meeting=meeting)
    assert "2 mensen aangemeld" in " ".join(
        client.get(meeting.get_absolute_url()).content.decode().split()
    )
    RegistrationFactory(meeting=meeting)
    assert "3 mensen aangemeld" in " ".join(
        client.get(meeting.get_absolute_url()).content.decode().split()
    )


@pytest.mark.parametrize("count", [1, 30])
def test_the_feed_made_once_is_read_with_the_content_version_only(
    client: Client, django_assert_num_queries: Callable, count: int
) -> None:
    MeetingFactory.create_batch(count)
    first = client.get("/meetings/feed.ics")
    with django_assert_num_queries(1):
        again = client.get("/meetings/feed.ics")
    assert again.content == first.content


def test_a_new_meeting_is_in_the_feed_at_once(client: Client) -> None:
    MeetingFactory(title="Eerste avond")
    assert b"Eerste avond" in client.get("/meetings/feed.ics").content
    MeetingFactory(title="Tweede avond")
    assert b"Tweede avond" in client.get("/meetings/feed.ics").content


def test_the_feed_is_bounded(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("meetings.views.registration.FEED_LIMIT", 3)
    MeetingFactory.create_batch(5)
    assert client.get("/meetings/feed.ics").content.count(b"BEGIN:VEVENT") == 3


def test_a_signed_in_persons_second_registration_at_once_is_a_message(
    login: Callable[[User], Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two registrations of one person for one meeting at the same moment (the benchmark does
    this): the rule's message is about the e-mail address, which their form does not show."""

    def already(*args: object, **kwargs: object) -> None:
        raise RegistrationError("Dit e-mailadres is al aangemeld.", field="email")

    monkeypatch.setattr("meetings.views.registration.register", already)
    meeting = MeetingFactory()
    response = login(UserFactory()).post(f"/meetings/{meeting.slug}/register/", {"needs": ""})
    assert response.status_code == 200
    assert "Dit e-mailadres is al aangemeld." in response.content.decode()


@pytest.mark.parametrize("where", ["host", "co-host", "member only"])
def test_the_way_to_organise_shows_for_an_admin_of_the_host_or_a_co_host(
    login: Callable[[User], Client], where: str
) -> None:
    """Asked with one plain query on the meeting page (meetings/permissions.py)."""
    meeting = MeetingFactory()
    co_host = InitiativeFactory()
    meeting.co_hosts.add(co_host)
    person = UserFactory()
    initiative = co_host if where == "co-host" else meeting.host
    role = Membership.Role.MEMBER if where == "member only" else Membership.Role.ADMIN
    Membership.objects.create(user=person, initiative=initiative, role=role)
    page = login(person).get(meeting.get_absolute_url()).content.decode()
    assert (f"/meetings/{meeting.slug}/organise/" in page) is (where != "member only")


def test_a_signed_in_person_sees_their_own_registration_on_the_page(
    login: Callable[[User], Client],
) -> None:
    meeting = MeetingFactory()
    person = UserFactory()
    mine = RegistrationFactory(meeting=meeting, user=person, email=person.email)
    page = login(person).get(meeting.get_absolute_url()).content.decode()
    assert f"/meetings/registration/{mine.token}/" in page
    assert "Je bent aangemeld" in page or "wachtlijst" in page


def test_registering_shows_on_the_page_at_once(login: Callable[[User], Client]) -> None:
    """What is kept per person moves with the content version: no stale "register" button."""
    meeting = MeetingFactory()
    person = UserFactory()
    client = login(person)
    assert "/meetings/registration/" not in client.get(meeting.get_absolute_url()).content.decode()
    mine = RegistrationFactory(meeting=meeting, user=person, email=person.email)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert f"/meetings/registration/{mine.token}/" in page
