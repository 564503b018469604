"""Each meeting's list of things to do, made from a template when the meeting is created."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from accounts.models import User
from meetings.models import Meeting, MeetingTask

HOST, COORDINATOR = MeetingTask.Assignee.HOST, MeetingTask.Assignee.COORDINATOR

# The task list every meeting starts with: (what, for whom). Stored in the portal's language.
TEMPLATE: list[tuple[str, str]] = [
    (gettext_noop("Book the room"), HOST),
    (gettext_noop("Send the invitation"), COORDINATOR),
    (gettext_noop("Prepare the theme"), HOST),
    (gettext_noop("Arrange coffee and tea"), HOST),
    (gettext_noop("Take notes"), HOST),
    (gettext_noop("Write the report"), COORDINATOR),
]


def create_tasks(meeting: Meeting) -> list[MeetingTask]:
    with translation.override(settings.LANGUAGE_CODE):
        tasks = [
            MeetingTask(meeting=meeting, title=gettext(title), assignee=assignee, position=number)
            for number, (title, assignee) in enumerate(TEMPLATE, start=1)
        ]
    return MeetingTask.objects.bulk_create(tasks)


def set_task_done(task: MeetingTask, *, done: bool, by: User) -> MeetingTask:
    """Tick a task off (who and when) or open it again; re-read under the lock, so two people
    ticking at once leave the first one's name."""
    with transaction.atomic():
        locked = MeetingTask.objects.select_for_update().get(pk=task.pk)
        if done and locked.done_at is None:
            locked.done_at, locked.done_by = timezone.now(), by
        elif not done:
            locked.done_at, locked.done_by = None, None
        else:
            return locked
        locked.save(update_fields=["done_at", "done_by"])
    return locked


def open_tasks(meeting: Meeting) -> list[MeetingTask]:
    return list(meeting.tasks.filter(done_at__isnull=True))
