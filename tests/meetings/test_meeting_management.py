from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.models import User
from meetings import scheduling
from meetings.errors import MeetingRuleError
from meetings.models import Meeting, Registration
from meetings.organise_forms import AgendaFormSet, MeetingForm
from tests.factories import InitiativeFactory
from tests.meetings.factories import MeetingFactory, RegistrationFactory
from tests.meetings.factories_organise import HOSTILE, edit_data, form_data, quiet_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def host() -> object:
    return InitiativeFactory(name="Buurthuis De Linde")


def test_a_coordinator_schedules_a_draft_with_its_programme_and_tasks(
    client: Client, coordinator: User, host: object
) -> None:
    client.force_login(coordinator)
    day = quiet_day()
    data = form_data(
        host,
        **{
            "agenda-0-starts_at": "16:30",
            "agenda-0-title": "Welkom",
            "agenda-1-starts_at": "17:00",
            "agenda-1-title": "Gesprek over het thema",
        },
    )
    response = client.post("/meetings/new/", data)
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/meetings/{meeting.slug}/organise/"
    assert meeting.slug == f"samen-sterker-in-de-wijk-{day.isoformat()}"
    assert meeting.status == Meeting.Status.DRAFT
    assert timezone.localtime(meeting.starts_at).strftime("%H:%M") == "16:30"
    assert str(meeting.starts_at.utcoffset()) in ("0:00:00",)  # stored aware, in UTC
    assert meeting.created_by == coordinator
    assert "<strong>samen</strong>" in meeting.description_html
    assert [i.title for i in meeting.agenda_items.all()] == ["Welkom", "Gesprek over het thema"]
    assert [t.title for t in meeting.tasks.all()] == [
        "Zaal reserveren",
        "Uitnodiging versturen",
        "Thema voorbereiden",
        "Koffie en thee regelen",
        "Aantekeningen maken",
        "Verslag schrijven",
    ]
    page = client.get(response["Location"])
    assert "Zaal reserveren" in page.content.decode()


def test_the_same_title_on_the_same_day_gets_its_own_address(
    client: Client, coordinator: User, host: object
) -> None:
    client.force_login(coordinator)
    client.post("/meetings/new/", form_data(host, start_time="10:00", end_time="11:00"))
    client.post(
        "/meetings/new/",
        form_data(host, start_time="19:00", end_time="21:00", schedule_anyway="on"),
    )
    slugs = sorted(Meeting.objects.values_list("slug", flat=True))
    assert slugs[1] == slugs[0] + "-2"


def test_the_host_is_chosen_beforehand_from_the_rotation_suggestions(
    client: Client, coordinator: User, host: object
) -> None:
    client.force_login(coordinator)
    response = client.get(f"/meetings/new/?host={host.slug}")
    assert response.context["form"]["host"].value() == host.pk
    assert client.get("/meetings/new/?host=bestaat-niet").status_code == 200


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"date": "2020-03-01"}, "date", "Dit moment is al voorbij"),
        ({"start_time": "18:30", "end_time": "16:30"}, "end_time", "Het einde moet na het begin"),
        ({"capacity": "0"}, "capacity", "van 1 tot 1000 plaatsen"),
        ({"capacity": "100000"}, "capacity", "van 1 tot 1000 plaatsen"),
        ({"municipality": "999999"}, "municipality", "gemeenten van de provincie Utrecht"),
        ({"kind": "online", "address": ""}, "online_link", "heeft een link nodig"),
        ({"kind": "hybrid"}, "online_link", "heeft een link nodig"),
        ({"kind": "in_person", "address": ""}, "address", "adres"),
        ({"latitude": "52.1"}, "longitude", "allebei"),
        ({"latitude": "152.1", "longitude": "5.1"}, "latitude", "niet in of bij de provincie"),
        ({"latitude": "52.1", "longitude": "-5.1"}, "longitude", "niet in of bij de provincie"),
        ({"latitude": "52.1234567", "longitude": "5.1"}, "latitude", "ten hoogste 5 decimalen"),
    ],
)
def test_bad_input_is_told_next_to_its_field_and_nothing_typed_is_lost(
    client: Client, coordinator: User, host: object, changes: dict, field: str, message: str
) -> None:
    client.force_login(coordinator)
    response = client.post("/meetings/new/", form_data(host, **changes))
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert form["title"].value() == "Samen sterker in de wijk"
    assert form["description"].value() == "We praten **samen** over vrijwilligers."
    assert not Meeting.objects.exists()


def test_a_title_is_one_line(client: Client, coordinator: User, host: object) -> None:
    client.force_login(coordinator)
    client.post(
        "/meetings/new/",
        form_data(
            host, title="Samen\r\nBcc: iedereen@example.nl", latitude="52.09", longitude="5.12"
        ),
    )
    meeting = Meeting.objects.get()
    assert meeting.title == "Samen Bcc: iedereen@example.nl"
    assert (str(meeting.latitude), str(meeting.longitude)) == ("52.09000", "5.12000")


def test_the_databases_rule_on_end_and_start_becomes_a_field_message(
    coordinator: User, host: object
) -> None:
    """Two people at once: the check passed, the database refuses; told next to the field."""
    form = MeetingForm(form_data(host))
    agenda = AgendaFormSet(form_data(host), instance=Meeting(), prefix="agenda")
    assert form.is_valid()
    assert agenda.is_valid()
    form.instance.ends_at = form.instance.starts_at - timedelta(hours=1)
    with pytest.raises(MeetingRuleError) as caught:
        scheduling.create_meeting(form, agenda, by=coordinator)
    assert caught.value.field == "end_time"
    assert not Meeting.objects.exists()


def test_a_clash_is_a_warning_to_confirm_never_a_block(
    client: Client, coordinator: User, host: object
) -> None:
    client.force_login(coordinator)
    day = quiet_day()
    MeetingFactory(
        title="Al gepland",
        starts_at=timezone.make_aware(timezone.datetime(day.year, day.month, day.day, 10))
        + timedelta(days=3),
    )
    response = client.post("/meetings/new/", form_data(host))
    assert response.status_code == 200
    assert any("Al gepland" in clash.message for clash in response.context["clashes"])
    assert "toch inplannen" in response.content.decode()
    assert Meeting.objects.count() == 1

    response = client.post("/meetings/new/", form_data(host, schedule_anyway="on"))
    assert response.status_code == 302
    assert Meeting.objects.count() == 2


def test_publishing_a_draft_and_not_twice(client: Client, coordinator: User) -> None:
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    client.force_login(coordinator)
    client.post(f"/meetings/{meeting.slug}/publish/")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED
    response = client.post(f"/meetings/{meeting.slug}/publish/", follow=True)
    assert "al gepubliceerd" in response.content.decode()


def test_a_draft_is_hidden_from_everyone_but_coordinators(
    client: Client, member: User, coordinator: User
) -> None:
    host = InitiativeFactory(admin=member)
    meeting = MeetingFactory(status=Meeting.Status.DRAFT, host=host)
    client.force_login(member)
    for url in ("organise", "edit", "cancel", "attendance", "report"):
        assert client.get(f"/meetings/{meeting.slug}/{url}/").status_code == 404
    assert client.post(f"/meetings/{meeting.slug}/publish/").status_code == 404
    meeting.status = Meeting.Status.PUBLISHED
    meeting.save()
    assert client.get(f"/meetings/{meeting.slug}/organise/").status_code == 200  # host's admin
    assert client.get(f"/meetings/{meeting.slug}/edit/").status_code == 403  # coordinators only


def test_moving_a_published_meeting_tells_registered_and_waiting_people_what_changed(
    client: Client, coordinator: User, committed: Callable
) -> None:
    meeting = MeetingFactory(title=HOSTILE[:150])
    meeting.starts_at = timezone.make_aware(timezone.datetime(2027, 3, 10, 16, 30))
    meeting.ends_at = meeting.starts_at + timedelta(hours=2)
    meeting.save()
    registered = RegistrationFactory(meeting=meeting, name=HOSTILE[:120])
    waiting = RegistrationFactory(meeting=meeting, status=Registration.Status.WAITING)
    RegistrationFactory(meeting=meeting, status=Registration.Status.CANCELLED)
    client.force_login(coordinator)
    with committed():
        response = client.post(
            f"/meetings/{meeting.slug}/edit/",
            edit_data(
                meeting,
                date="2027-03-24",
                start_time="19:00",
                end_time="21:00",
                address="Kanaalweg 1, Utrecht",
                schedule_anyway="on",
            ),
        )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([registered.email, waiting.email])
    body = next(m for m in mail.outbox if m.to == [registered.email]).body
    assert "10 maart 2027, 16.30–18.30 uur → 24 maart 2027, 19.00–21.00 uur" in body
    assert "Amerikalaan 199, 3526 VD Utrecht → Kanaalweg 1, Utrecht" in body
    assert HOSTILE[:120] in body  # plain text: as typed, not escaped nor run
    assert "&lt;" not in body


def test_any_change_of_a_published_meeting_raises_its_sequence_but_only_time_or_place_mails(
    client: Client, coordinator: User, committed: Callable
) -> None:
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting)
    client.force_login(coordinator)
    with committed():
        client.post(f"/meetings/{meeting.slug}/edit/", edit_data(meeting, description="Nieuw"))
    meeting.refresh_from_db()
    assert (meeting.sequence, meeting.description) == (1, "Nieuw")
    assert mail.outbox == []


def test_editing_a_draft_keeps_its_sequence(client: Client, coordinator: User) -> None:
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    client.force_login(coordinator)
    client.post(f"/meetings/{meeting.slug}/edit/", edit_data(meeting, title="Andere titel"))
    meeting.refresh_from_db()
    assert (meeting.title, meeting.sequence) == ("Andere titel", 0)


def test_an_edit_after_a_cancel_does_not_undo_it(coordinator: User) -> None:
    meeting = MeetingFactory()
    data = edit_data(meeting, title="Nieuwe titel")
    form = MeetingForm(data, instance=meeting)
    agenda = AgendaFormSet(data, instance=meeting, prefix="agenda")
    assert form.is_valid()
    assert agenda.is_valid()
    scheduling.cancel_meeting(Meeting.objects.get(pk=meeting.pk), reason="Ziek", by=coordinator)
    with pytest.raises(MeetingRuleError):
        scheduling.update_meeting(meeting, form, agenda, by=coordinator)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.title) != (Meeting.Status.PUBLISHED, "Nieuwe titel")
    assert meeting.status == Meeting.Status.CANCELLED


def test_an_edit_writes_only_what_it_changed(coordinator: User) -> None:
    """Another coordinator changed the venue meanwhile; this edit of the title keeps it."""
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    data = edit_data(meeting, title="Nieuwe titel")
    form = MeetingForm(data, instance=meeting)
    agenda = AgendaFormSet(data, instance=meeting, prefix="agenda")
    assert form.is_valid()
    assert agenda.is_valid()
    Meeting.objects.filter(pk=meeting.pk).update(venue_name="Wijkcentrum")
    scheduling.update_meeting(meeting, form, agenda, by=coordinator)
    meeting.refresh_from_db()
    assert (meeting.title, meeting.venue_name) == ("Nieuwe titel", "Wijkcentrum")


def test_cancelling_tells_everyone_registered_why(
    client: Client, coordinator: User, committed: Callable
) -> None:
    meeting = MeetingFactory()
    people = [
        RegistrationFactory(meeting=meeting),
        RegistrationFactory(meeting=meeting, status=Registration.Status.WAITING),
    ]
    RegistrationFactory(meeting=meeting, status=Registration.Status.CANCELLED)
    client.force_login(coordinator)
    response = client.post(f"/meetings/{meeting.slug}/cancel/", {"reason": ""})
    assert "reason" in response.context["form"].errors
    with committed():
        client.post(f"/meetings/{meeting.slug}/cancel/", {"reason": HOSTILE})
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert meeting.sequence == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert HOSTILE in mail.outbox[0].body
    page = client.get(f"/meetings/{meeting.slug}/organise/").content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page
    # A cancelled meeting is not edited, nor cancelled again.
    assert client.get(f"/meetings/{meeting.slug}/edit/").status_code == 302
    with pytest.raises(MeetingRuleError):
        scheduling.cancel_meeting(meeting, reason="Nog eens", by=coordinator)


def test_hostile_text_in_every_field_is_shown_as_text(
    client: Client, coordinator: User, host: object
) -> None:
    client.force_login(coordinator)
    data = form_data(
        host,
        title=HOSTILE[:150],
        question=HOSTILE,
        venue_name=HOSTILE[:120],
        address=HOSTILE[:200],
        accessibility=HOSTILE,
        description=HOSTILE,
        **{"agenda-0-starts_at": "16:30", "agenda-0-title": HOSTILE[:150]},
    )
    response = client.post("/meetings/new/", data)
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert "<script>" not in meeting.description_html
    page = client.get(response["Location"]).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page
    page = client.get(f"/meetings/{meeting.slug}/edit/").content.decode()
    assert "<script>alert" not in page


def test_a_new_online_link_reaches_the_registered_but_not_the_waiting(
    client: Client, coordinator: User, committed: Callable
) -> None:
    meeting = MeetingFactory(kind="hybrid", online_link="https://meet.example.nl/oud")
    registered = RegistrationFactory(meeting=meeting)
    waiting = RegistrationFactory(meeting=meeting, status=Registration.Status.WAITING)
    client.force_login(coordinator)
    with committed():
        client.post(
            f"/meetings/{meeting.slug}/edit/",
            edit_data(meeting, online_link="https://meet.example.nl/nieuw"),
        )
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "De link om online mee te doen is nieuw." in bodies[registered.email]
    assert "https://meet.example.nl/nieuw" in bodies[registered.email]
    assert "https://meet.example.nl/nieuw" not in bodies[waiting.email]
    assert "meet.example.nl/oud" not in bodies[registered.email]


def test_moving_a_meeting_onto_a_holiday_warns_first(client: Client, coordinator: User) -> None:
    meeting = MeetingFactory()
    client.force_login(coordinator)
    response = client.post(f"/meetings/{meeting.slug}/edit/", edit_data(meeting, date="2027-04-27"))
    assert response.status_code == 200
    assert any("Koningsdag" in clash.message for clash in response.context["clashes"])
    meeting.refresh_from_db()
    assert timezone.localtime(meeting.starts_at).date().isoformat() != "2027-04-27"
    response = client.post(
        f"/meetings/{meeting.slug}/edit/",
        edit_data(meeting, date="2027-04-27", schedule_anyway="on"),
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert timezone.localtime(meeting.starts_at).date().isoformat() == "2027-04-27"
