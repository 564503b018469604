"""Objects the finding rows of the access matrix need (see tests/world.py): a published meeting
hosted by X, a draft, and a held meeting with its report."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from initiatives.models import Initiative
from meetings.models import Meeting, Report
from tests.meetings.factories import MeetingFactory


def build(people: dict[str, User], values: dict[str, object]) -> dict[str, object]:
    x = Initiative.objects.get(slug=values["x"])
    published = MeetingFactory(slug="gepubliceerd", host=x)
    draft = MeetingFactory(slug="concept", host=x, status=Meeting.Status.DRAFT)
    start = timezone.now() - timedelta(days=30)
    held = MeetingFactory(
        slug="gehouden",
        host=x,
        status=Meeting.Status.HELD,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
    )
    Report.objects.create(meeting=held, conclusions="We delen wat werkt.")
    return {
        "meeting": published.slug,
        "draft_meeting": draft.slug,
        "held_meeting": held.slug,
    }
