"""What a walk through the public meeting pages found: an online meeting's "where", the waiting
list's own words, and the demo's waiting list."""

import json
import re
from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.demo import load_people
from initiatives.demo import load_initiatives
from meetings.demo import load_meetings
from meetings.models import Meeting, Registration
from tests.factories import InitiativeFactory
from tests.meetings.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

Committed = Callable[[], AbstractContextManager[list]]


def online_meeting() -> Meeting:
    # As the demo (and a coordinator in a hurry) make it: the host's name left as the venue.
    return MeetingFactory(
        kind=Meeting.Kind.ONLINE,
        venue_name="Buurtkracht Transwijk",
        address="",
        online_link="https://meet.example.nl/omzien",
    )


def confirm_link(message: mail.EmailMessage) -> str:
    found = re.search(r"https?://[^\s]+(/meetings/registration/[^/\s]+/confirm/)", message.body)
    assert found, message.body
    return found.group(1)


def test_an_online_meeting_is_never_said_to_be_at_its_hosts_place(
    client: Client, committed: Committed
) -> None:
    meeting = online_meeting()
    form = client.get(f"/meetings/{meeting.slug}/register/").content.decode()
    assert "Buurtkracht Transwijk" not in form.split("Gastheer")[0]
    assert "Waar" not in form

    with committed():
        client.post(
            f"/meetings/{meeting.slug}/register/",
            {"name": "Anna de Vries", "email": "anna@example.nl", "needs": ""},
        )
    [asked] = mail.outbox
    assert "Waar: online" in asked.body
    assert "Buurtkracht Transwijk" not in asked.body
    link = confirm_link(asked)
    assert "Waar" not in client.get(link).content.decode()
    with committed():
        client.post(link)
    confirmed = mail.outbox[-1]
    assert "Waar: online" in confirmed.body
    assert "Buurtkracht Transwijk" not in confirmed.body
    [(_name, calendar, _type)] = confirmed.attachments
    for ics in (
        str(calendar),
        client.get(f"/meetings/{meeting.slug}/calendar.ics").content.decode(),
    ):
        assert "LOCATION:Online" in ics.replace("\r\n ", "")
        assert "Transwijk" not in ics.split("LOCATION")[1].split("\r\n")[0]


def test_the_map_says_online_for_an_online_meeting(client: Client) -> None:
    meeting = online_meeting()
    data = json.loads(client.get("/meetings/map.json").content)
    [marker] = data["features"]
    assert marker["properties"]["place"] == "Online"
    page = client.get("/meetings/map/").content.decode()
    line = page.split(meeting.title)[1].split("</li>")[0]
    assert "Online" in line
    assert "Buurtkracht Transwijk" not in line


def test_someone_on_the_waiting_list_is_told_to_cancel_for_themselves(
    client: Client, committed: Committed
) -> None:
    meeting = MeetingFactory(capacity=1)
    RegistrationFactory(meeting=meeting)
    with committed():
        client.post(
            f"/meetings/{meeting.slug}/register/",
            {"name": "Bert Wachter", "email": "bert@example.nl", "needs": ""},
        )
    with committed():
        client.post(confirm_link(mail.outbox[0]))
    waiting = mail.outbox[-1]
    assert "wachtlijst" in waiting.subject
    assert "Wil je niet meer op de wachtlijst staan? Meld je dan af." in waiting.body
    assert "iemand op de wachtlijst je plek" not in waiting.body


def test_a_newcomer_to_the_demos_full_meeting_waits_behind_those_already_waiting(
    client: Client, committed: Committed
) -> None:
    load_people()
    load_initiatives()
    load_meetings()
    now = timezone.now()
    assert not Registration.objects.filter(queued_at__gt=now).exists()
    full = next(
        meeting
        for meeting in Meeting.objects.filter(status=Meeting.Status.PUBLISHED, starts_at__gt=now)
        if meeting.registrations.filter(status=Registration.Status.WAITING).exists()
    )
    already = full.registrations.filter(status=Registration.Status.WAITING).count()
    with committed():
        client.post(
            f"/meetings/{full.slug}/register/",
            {"name": "Bert Wachter", "email": "bert@example.nl", "needs": ""},
        )
    with committed():
        page = client.post(confirm_link(mail.outbox[0]), follow=True).content.decode()
    assert f"nummer {already + 1}" in page


def test_your_registration_page_says_whether_your_initiative_is_shown(client: Client) -> None:
    shown = RegistrationFactory(initiative=InitiativeFactory(), show_initiative=True)
    hidden = RegistrationFactory(initiative=InitiativeFactory(), show_initiative=False)
    label = "Laat de naam van mijn initiatief zien op de pagina van de bijeenkomst"
    for registration, answer in ((shown, "ja"), (hidden, "nee")):
        page = client.get(f"/meetings/registration/{registration.token}/").content.decode()
        row = page.split(label)[1].split("</div>")[0]
        assert re.sub(r"<[^>]+>", " ", row).split() == [answer]


def test_on_a_phone_the_meeting_page_leads_straight_to_registering(client: Client) -> None:
    meeting = MeetingFactory()
    page = client.get(meeting.get_absolute_url()).content.decode()
    jump = page.index('href="#registration-panel-title">Aanmelden en wie er komen</a>')
    assert jump < page.index('id="registration-panel-title"')

    meeting.status = Meeting.Status.CANCELLED
    meeting.save()
    assert (
        "Aanmelden en wie er komen" not in client.get(meeting.get_absolute_url()).content.decode()
    )


def test_a_calendar_finds_a_venue_without_an_address_by_its_town(
    client: Client, django_assert_max_num_queries: Callable
) -> None:
    meeting = MeetingFactory(venue_name="Huiskamer van Wittevrouwen", address="")
    ics = client.get(f"/meetings/{meeting.slug}/calendar.ics").content.decode()
    assert "LOCATION:Huiskamer van Wittevrouwen\\, Utrecht" in ics.replace("\r\n ", "")
    MeetingFactory.create_batch(5, address="")
    with django_assert_max_num_queries(4):
        feed = client.get("/meetings/feed.ics").content.decode()
    assert feed.replace("\r\n ", "").count("LOCATION:Krachtstation Kanaleneiland\\, Utrecht") == 5


def test_a_question_that_only_repeats_the_title_is_said_once(client: Client) -> None:
    meeting = MeetingFactory(
        title="Zorg in het dorp organiseren", question="Zorg in het dorp organiseren"
    )
    for address in (meeting.get_absolute_url(), "/meetings/"):
        page = client.get(address).content.decode()
        main = page.split("<main")[1].split("</main>")[0]
        assert main.count(">Zorg in het dorp organiseren<") == 1, address
