"""Objects the organise rows of the access matrix need (see tests/world.py): meetings hosted by X
(whose admin is `member`): a draft, a published one (with its tasks) and a held one."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from initiatives.models import Initiative
from meetings.models import Meeting
from meetings.task_list import create_tasks
from tests.meetings.factories import MeetingFactory, RegistrationFactory


def build(people: dict[str, User], values: dict[str, object]) -> dict[str, object]:
    x = Initiative.objects.get(slug=values["x"])
    MeetingFactory(slug="organise-draft", host=x, status=Meeting.Status.DRAFT)
    published = MeetingFactory(slug="organise-published", host=x)
    tasks = create_tasks(published)
    starts = timezone.now() - timedelta(days=5)
    held = MeetingFactory(
        slug="organise-held",
        host=x,
        status=Meeting.Status.HELD,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    RegistrationFactory(meeting=held, attended=True)
    return {
        "organise_draft": "organise-draft",
        "organise_published": "organise-published",
        "organise_held": "organise-held",
        "organise_task": tasks[0].pk,
    }
