from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from meetings.models import HostOffer, Meeting, Registration, Report, WalkIn
from meetings.report_queue import meetings_without_report
from omzien.work_queues import registered_queue
from tests.factories import InitiativeFactory
from tests.meetings.factories import HostOfferFactory, MeetingFactory, RegistrationFactory
from tests.meetings.factories_organise import HOSTILE

pytestmark = pytest.mark.django_db


def ended(days: int = 1, **kwargs: object) -> Meeting:
    starts = timezone.now() - timedelta(days=days)
    return MeetingFactory(starts_at=starts, ends_at=starts + timedelta(hours=2), **kwargs)


def test_the_host_admin_ticks_who_came_and_the_meeting_counts_as_held(
    client: Client, member: User
) -> None:
    meeting = ended(host=InitiativeFactory(admin=member))
    came = RegistrationFactory(meeting=meeting)
    stayed_away = RegistrationFactory(meeting=meeting, name=HOSTILE[:120])
    RegistrationFactory(meeting=meeting, status=Registration.Status.CANCELLED)
    client.force_login(member)
    page = client.get(f"/meetings/{meeting.slug}/attendance/")
    assert "<script>alert" not in page.content.decode()
    assert "&lt;script&gt;alert" in page.content.decode()
    assert [r.pk for r in page.context["registrations"]] == sorted(
        [came.pk, stayed_away.pk], key=lambda pk: Registration.objects.get(pk=pk).name
    )
    response = client.post(
        f"/meetings/{meeting.slug}/attendance/", {"action": "attendance", "came": [str(came.pk)]}
    )
    assert response.status_code == 302
    came.refresh_from_db(), stayed_away.refresh_from_db(), meeting.refresh_from_db()
    assert (came.attended, stayed_away.attended) == (True, False)
    assert meeting.status == Meeting.Status.HELD


def test_walk_ins_by_initiative_once_each(client: Client, coordinator: User) -> None:
    meeting = ended()
    initiative = InitiativeFactory(name=HOSTILE[:100])
    client.force_login(coordinator)
    data = {"action": "walk-in", "walkin-initiative": initiative.pk, "walkin-people": "3"}
    assert client.post(f"/meetings/{meeting.slug}/attendance/", data).status_code == 302
    response = client.post(f"/meetings/{meeting.slug}/attendance/", data | {"walkin-people": "5"})
    assert response.status_code == 200
    assert "staat al op de lijst" in " ".join(response.context["walk_in_form"].errors["initiative"])
    assert response.context["walk_in_form"]["people"].value() == "5"  # nothing typed is lost
    page = response.content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page
    assert WalkIn.objects.get().people == 3
    assert response.context["counts"]["total"] == 3
    for people in ("0", "100000", "veel"):
        bad = client.post(f"/meetings/{meeting.slug}/attendance/", data | {"walkin-people": people})
        assert bad.status_code == 200
        assert bad.context["walk_in_form"].errors["people"]
    walk_in = WalkIn.objects.get()
    client.post(
        f"/meetings/{meeting.slug}/attendance/", {"action": "remove-walk-in", "walk_in": walk_in.pk}
    )
    assert not WalkIn.objects.exists()


def test_the_report_is_written_and_the_host_offer_is_reported(
    client: Client, coordinator: User
) -> None:
    meeting = ended()
    offer = HostOfferFactory(initiative=meeting.host, meeting=meeting, status="held")
    declined = HostOfferFactory(initiative=meeting.host, meeting=meeting, status="declined")
    client.force_login(coordinator)
    response = client.post(
        f"/meetings/{meeting.slug}/report/",
        {
            "conclusions": f"## Conclusies\n\n{HOSTILE}",
            "follow_up": "Hoe houden we vrijwilligers vast?\n\nWie helpt mee?",
            "links": "https://example.nl/presentatie.pdf",
        },
    )
    assert response.status_code == 302
    report = Report.objects.get(meeting=meeting)
    assert "<script>" not in report.conclusions_html
    assert "<h2>Conclusies</h2>" in report.conclusions_html
    assert report.written_by == coordinator
    assert report.follow_up_lines() == ["Hoe houden we vrijwilligers vast?", "Wie helpt mee?"]
    meeting.refresh_from_db(), offer.refresh_from_db(), declined.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert offer.status == HostOffer.Status.REPORTED
    assert declined.status == HostOffer.Status.DECLINED
    # Rewriting keeps one report, with what was typed before in the form.
    page = client.get(f"/meetings/{meeting.slug}/report/")
    assert "Conclusies" in page.context["form"]["conclusions"].value()
    client.post(f"/meetings/{meeting.slug}/report/", {"conclusions": "Korter"})
    assert Report.objects.get(meeting=meeting).conclusions == "Korter"


def test_a_report_needs_conclusions_and_real_links(client: Client, coordinator: User) -> None:
    meeting = ended()
    client.force_login(coordinator)
    response = client.post(
        f"/meetings/{meeting.slug}/report/",
        {"conclusions": "", "follow_up": "Vraag", "links": "javascript:alert(1)"},
    )
    form = response.context["form"]
    assert set(form.errors) == {"conclusions", "links"}
    assert "geen webadres" in form.errors["links"][0]
    assert form["follow_up"].value() == "Vraag"
    assert not Report.objects.exists()


def test_no_attendance_nor_report_before_the_meeting_begins(
    client: Client, coordinator: User
) -> None:
    meeting = MeetingFactory()
    client.force_login(coordinator)
    for page in ("attendance", "report"):
        response = client.get(f"/meetings/{meeting.slug}/{page}/")
        assert "zodra de bijeenkomst begonnen is" in response.content.decode()
    client.post(f"/meetings/{meeting.slug}/report/", {"conclusions": "Te vroeg"})
    assert not Report.objects.exists()


def test_an_ongoing_meeting_is_not_yet_held(client: Client, coordinator: User) -> None:
    starts = timezone.now() - timedelta(minutes=30)
    meeting = MeetingFactory(starts_at=starts, ends_at=starts + timedelta(hours=2))
    came = RegistrationFactory(meeting=meeting)
    client.force_login(coordinator)
    client.post(
        f"/meetings/{meeting.slug}/attendance/", {"action": "attendance", "came": [came.pk]}
    )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED


def test_the_reports_to_write_queue(
    client: Client, coordinator: User, django_assert_max_num_queries: object
) -> None:
    waiting = ended(title="Nog te schrijven")
    held = ended(days=3, status=Meeting.Status.HELD)
    done = ended()
    Report.objects.create(meeting=done, conclusions="Klaar")
    MeetingFactory()  # upcoming
    ended(status=Meeting.Status.CANCELLED)
    ended(status=Meeting.Status.DRAFT)
    assert list(meetings_without_report()) == [held, waiting]
    queue = registered_queue("reports-to-write")
    assert queue is not None
    assert str(queue.title) == "Verslagen te schrijven"
    client.force_login(coordinator)
    page = client.get("/coordination/").content.decode()
    assert "Verslagen te schrijven" in page
    assert f"/meetings/{waiting.slug}/report/" in page
    for _more in range(10):
        ended()
    with django_assert_max_num_queries(3):  # type: ignore[operator]
        list(meetings_without_report()[:5])
        for item in meetings_without_report()[:5]:
            str(item.host.name), str(item.municipality.name)


@pytest.mark.parametrize("page", ["attendance", "organise"])
def test_the_organisers_pages_cost_the_same_queries_for_few_and_many_people(
    client: Client, coordinator: User, page: str
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from meetings.task_list import create_tasks

    meeting = ended()
    create_tasks(meeting)
    client.force_login(coordinator)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/meetings/{meeting.slug}/{page}/").status_code == 200
        return len(captured)

    for _one in range(2):
        RegistrationFactory(meeting=meeting, initiative=InitiativeFactory())
        WalkIn.objects.create(meeting=meeting, initiative=InitiativeFactory(), people=2)
    queries()  # the first request of a session fills what the frame keeps
    few = queries()
    for _more in range(20):
        RegistrationFactory(meeting=meeting, initiative=InitiativeFactory())
        WalkIn.objects.create(meeting=meeting, initiative=InitiativeFactory(), people=2)
    assert queries() == few
