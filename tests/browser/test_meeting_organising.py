"""A coordinator schedules a network meeting with a host from the suggestions, publishes it and
ticks off a task; after the meeting, the attendance and the report are recorded on a phone."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from meetings.models import Meeting, Report
from tests.browser.test_initiatives_journey import (
    Check,
    links_in_emails_lead_to_the_live_server,  # noqa: F401 - an autouse fixture
    log_in_as,
    no_rate_limits_from_other_tests,  # noqa: F401 - an autouse fixture
    says_in_dutch,
    status_message,
)
from tests.factories import InitiativeFactory, role_user
from tests.meetings.factories import RegistrationFactory
from tests.meetings.factories_organise import quiet_day

pytestmark = pytest.mark.browser

CONCLUSIONS = "## Conclusies\n\nVrijwilligers blijven als ze zich gezien voelen."


def test_a_coordinator_schedules_publishes_and_records_attendance_and_the_report(
    portal: str, page: Page, desktop_page: Page, check: Check
) -> None:
    coordinator = role_user("coordinator", is_staff=True, name="Coby Coördinator")
    host = InitiativeFactory(name="Krachtstation Kanaleneiland")
    guest = InitiativeFactory(name="Buurtmoestuin Lunetten")
    day = quiet_day()

    # At a desk: the host comes preselected from the rotation suggestions.
    log_in_as(desktop_page, portal, coordinator)
    desktop_page.goto(f"{portal}/meetings/new/?host={host.slug}")
    says_in_dutch(desktop_page.get_by_role("heading", level=1), "Een netwerkbijeenkomst inplannen")
    desktop_page.locator("#id_title").fill("Vrijwilligers vinden en houden")
    desktop_page.locator("#id_question").fill("Hoe vinden we nieuwe vrijwilligers?")
    desktop_page.locator("#id_date").fill(day.isoformat())
    desktop_page.locator("#id_start_time").fill("18:30")
    desktop_page.locator("#id_end_time").fill("16:30")
    desktop_page.locator("#id_venue_name").fill("Krachtstation Kanaleneiland")
    desktop_page.locator("#id_address").fill("Amerikalaan 199, 3526 VD Utrecht")
    desktop_page.locator("#id_capacity").fill("0")
    desktop_page.locator("#id_agenda-0-starts_at").fill("16:30")
    desktop_page.locator("#id_agenda-0-title").fill("Welkom en koffie")
    desktop_page.locator("form[action='/meetings/new/'] button[type='submit']").click()
    expect(desktop_page.locator("#id_end_time")).to_have_attribute("aria-invalid", "true")
    says_in_dutch(desktop_page.locator(".omzien-form-errors"), "Het einde moet na het begin")
    says_in_dutch(desktop_page.locator(".omzien-form-errors"), "van 1 tot 1000 plaatsen")
    expect(desktop_page.locator("#id_title")).to_have_value("Vrijwilligers vinden en houden")
    check(desktop_page, "form-with-errors")

    desktop_page.locator("#id_start_time").fill("16:30")
    desktop_page.locator("#id_end_time").fill("18:30")
    desktop_page.locator("#id_capacity").fill("40")
    desktop_page.locator("form[action='/meetings/new/'] button[type='submit']").click()
    says_in_dutch(status_message(desktop_page), "opgeslagen als concept")
    meeting = Meeting.objects.get()
    expect(desktop_page).to_have_url(f"{portal}/meetings/{meeting.slug}/organise/")
    check(desktop_page, "organise-draft")

    desktop_page.locator(f"form[action='/meetings/{meeting.slug}/publish/'] button").click()
    says_in_dutch(status_message(desktop_page), "De bijeenkomst is gepubliceerd")
    first_task = meeting.tasks.first()
    assert first_task is not None
    desktop_page.locator(f"form[action$='/tasks/{first_task.pk}/'] button").click()
    says_in_dutch(status_message(desktop_page), "‘Zaal reserveren’ is gedaan")
    says_in_dutch(desktop_page.locator("#taken ~ ul"), "Gedaan door Coby Coördinator")
    check(desktop_page, "organise-published")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED

    # The meeting took place (a week goes by) and two people had registered.
    starts = timezone.now() - timedelta(days=1)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=starts, ends_at=starts + timedelta(hours=2)
    )
    came = RegistrationFactory(meeting=meeting, name="Anouk Smit")
    RegistrationFactory(meeting=meeting, name="Bram de Boer")

    # On a phone: who came, the walk-ins, and the report.
    log_in_as(page, portal, coordinator)
    page.goto(f"{portal}/meetings/{meeting.slug}/organise/")
    page.get_by_role("link", name="Bijhouden wie er kwam").click()
    page.get_by_label("Anouk Smit").check()
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    says_in_dutch(status_message(page), "De aanwezigheid is opgeslagen")
    page.locator("#id_walkin-initiative").select_option(label=guest.name)
    page.locator("#id_walkin-people").fill("3")
    page.get_by_role("button", name="Binnenlopers toevoegen").click()
    says_in_dutch(status_message(page), "De binnenlopers zijn toegevoegd")
    says_in_dutch(page.get_by_role("main"), "Er kwamen 4 mensen: 1 aangemeld, 3 zonder aanmelding")
    check(page, "attendance")

    page.goto(f"{portal}/meetings/{meeting.slug}/report/")
    page.get_by_role("button", name="Verslag opslaan").click()
    expect(page.locator("#id_conclusions")).to_have_attribute("aria-invalid", "true")
    check(page, "report-without-conclusions")
    page.locator("#id_conclusions").fill(CONCLUSIONS)
    page.locator("#id_follow_up").fill("Hoe bedanken we vrijwilligers?")
    page.get_by_role("button", name="Verslag opslaan").click()
    says_in_dutch(status_message(page), "Het verslag is opgeslagen")
    check(page, "organise-held")

    meeting.refresh_from_db()
    came.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert came.attended
    assert Report.objects.get(meeting=meeting).written_by == coordinator
