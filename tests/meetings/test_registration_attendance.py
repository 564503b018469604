"""Who is coming: the public panel (numbers and initiatives, never a person), and the organisers'
list and CSV."""

import csv
import io
from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import Client, RequestFactory

from accounts.models import User
from initiatives.models import Initiative, Membership
from meetings.attendance import attendance_of
from meetings.models import Meeting
from tests.factories import InitiativeFactory, UserFactory
from tests.meetings.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://evil")<script>x</script>'


def panel(meeting: Meeting, user: User | AnonymousUser | None = None) -> str:
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    return render_to_string(
        "meetings/partials/_registration_panel.html",
        {"meeting": meeting, "request": request},
        request=request,
    )


def test_the_panel_shows_numbers_and_opted_in_initiatives_only() -> None:
    meeting = MeetingFactory(capacity=2)
    shown = InitiativeFactory(name="Buurtkamer Zuilen")
    hidden = InitiativeFactory(name="Stille Hulp")
    pending = InitiativeFactory(name="Nog Niet Goedgekeurd", status=Initiative.Status.PENDING)
    RegistrationFactory(meeting=meeting, name="Anna Geheim", initiative=shown, show_initiative=True)
    RegistrationFactory(meeting=meeting, name="Bert Geheim", initiative=hidden)
    RegistrationFactory(meeting=meeting, status="waiting", initiative=pending, show_initiative=True)
    RegistrationFactory(meeting=meeting, status="cancelled", name="Weg")
    html = panel(meeting)
    assert "2 mensen aangemeld" in html
    assert "1 op de wachtlijst" in html
    assert "Buurtkamer Zuilen" in html
    for secret in ("Stille Hulp", "Nog Niet Goedgekeurd", "Anna Geheim", "Bert Geheim", "@"):
        assert secret not in html
    assert "vol: je komt op de wachtlijst" in html.lower()


def test_the_panel_offers_registration_while_places_are_free() -> None:
    meeting = MeetingFactory(capacity=5)
    html = panel(meeting)
    assert f"/meetings/{meeting.slug}/register/" in html
    assert "wachtlijst" not in html


def test_a_signed_in_person_sees_their_own_registration() -> None:
    user = UserFactory()
    mine = RegistrationFactory(user=user, email=user.email)
    html = panel(mine.meeting, user)
    assert f"/meetings/registration/{mine.token}/" in html


def test_the_panel_escapes_initiative_names() -> None:
    meeting = MeetingFactory()
    initiative = InitiativeFactory(name=HOSTILE)
    RegistrationFactory(meeting=meeting, initiative=initiative, show_initiative=True)
    html = panel(meeting)
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("count", [1, 40])
def test_attendance_is_one_query(django_assert_num_queries: object, count: int) -> None:
    meeting = MeetingFactory(capacity=10)
    for number in range(count):
        RegistrationFactory(
            meeting=meeting,
            status="registered" if number < 10 else "waiting",
            initiative=InitiativeFactory(),
            show_initiative=True,
        )
    with django_assert_num_queries(1):  # type: ignore[operator]
        attendance = attendance_of(meeting)
    assert attendance.registered == min(count, 10)
    assert len(attendance.initiatives) == min(count, 10)


def host_admin_of(meeting: Meeting) -> User:
    admin = UserFactory()
    Membership.objects.create(user=admin, initiative=meeting.host, role=Membership.Role.ADMIN)
    return admin


def test_the_host_admin_sees_the_full_list_and_downloads_it(
    login: Callable[[User], Client],
) -> None:
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, name=HOSTILE, needs="-1+1", email="a@example.nl")
    RegistrationFactory(meeting=meeting, status="cancelled", name="Afgemeld Iemand")
    client = login(host_admin_of(meeting))
    page = client.get(f"/meetings/{meeting.slug}/registrations/").content.decode()
    assert "a@example.nl" in page
    assert "&lt;script&gt;" in page
    assert "Afgemeld Iemand" not in page
    response = client.get(f"/meetings/{meeting.slug}/registrations.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    assert text.startswith("\ufeffNaam,")  # Excel reads it as UTF-8, headers in Dutch
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(rows) == 2
    name, email, _initiative, _status, needs, _help = rows[1]
    assert name.startswith("'=")
    assert needs == "'-1+1"
    assert email == "a@example.nl"


def test_others_may_not_see_the_list(login: Callable[[User], Client]) -> None:
    meeting = MeetingFactory()
    assert login(UserFactory()).get(f"/meetings/{meeting.slug}/registrations/").status_code == 403
    assert Client().get(f"/meetings/{meeting.slug}/registrations.csv").status_code == 302


@pytest.mark.parametrize("count", [2, 40])
def test_the_list_reads_a_constant_number_of_queries(
    login: Callable[[User], Client], django_assert_max_num_queries: object, count: int
) -> None:
    meeting = MeetingFactory(capacity=100)
    for _ in range(count):
        RegistrationFactory(meeting=meeting, initiative=InitiativeFactory())
    client = login(host_admin_of(meeting))
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        response = client.get(f"/meetings/{meeting.slug}/registrations/")
    assert response.status_code == 200
