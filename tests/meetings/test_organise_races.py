"""A cancel and an edit at the same moment, in real threads with their own connections: neither
undoes the other."""

import pytest
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import COORDINATOR
from meetings import scheduling
from meetings.errors import MeetingRuleError
from meetings.models import Meeting
from meetings.organise_forms import AgendaFormSet, MeetingForm
from tests.factories import role_user
from tests.initiatives.test_races import in_parallel
from tests.meetings.factories import MeetingFactory
from tests.meetings.factories_organise import edit_data

pytestmark = pytest.mark.usefixtures("reference_data")


@pytest.fixture
def coordinator_() -> User:
    Group.objects.get_or_create(name=COORDINATOR)
    return role_user(COORDINATOR)


@pytest.mark.parametrize("attempt", range(3))
def test_a_cancel_and_an_edit_at_once_leave_the_meeting_cancelled(
    coordinator_: User, attempt: int
) -> None:
    meeting = MeetingFactory(title="Oud")
    data = edit_data(meeting, title="Nieuw", venue_name="Elders")
    form = MeetingForm(data, instance=meeting)
    agenda = AgendaFormSet(data, instance=meeting, prefix="agenda")
    assert form.is_valid()
    assert agenda.is_valid()

    def edit() -> object:
        return scheduling.update_meeting(meeting, form, agenda, by=coordinator_)

    def cancel() -> object:
        fresh = Meeting.objects.get(pk=meeting.pk)
        return scheduling.cancel_meeting(fresh, reason="Zaal gesloten", by=coordinator_)

    outcomes = in_parallel(edit, cancel) if attempt % 2 else in_parallel(cancel, edit)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert meeting.cancel_reason == "Zaal gesloten"
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert all(isinstance(error, MeetingRuleError) for error in errors), errors
    if errors:  # the cancel came first: the edit was refused, nothing of it written
        assert (meeting.title, meeting.venue_name) == ("Oud", "Krachtstation Kanaleneiland")
    else:  # the edit came first: both are kept, and the calendar saw two changes
        assert (meeting.title, meeting.venue_name) == ("Nieuw", "Elders")
        assert meeting.sequence == 2
