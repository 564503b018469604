"""What an application came from: a research question of the knowledge agenda, or a network
meeting. The one module of `fund` that reads `knowledgebase` and `meetings` (DESIGN.md: seams);
neither of them imports `fund`.

An applicant may choose a published research question, or a meeting held in the last two years
(a published meeting that has ended, or one marked as held). What was chosen before stays a
choice of that application, so saving it again never loses it; on its page it links to the
question or meeting while that is public, and otherwise shows only its name.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from knowledgebase.models import Item
from meetings.models import Meeting

MEETINGS_OF_THE_LAST_DAYS = 2 * 365


def research_questions(keep: int | None = None) -> QuerySet[Item]:
    """The published research questions of the knowledge agenda (and `keep`, chosen before)."""
    chosen = (
        Q(status=Item.Status.PUBLISHED) | Q(pk=keep) if keep else Q(status=Item.Status.PUBLISHED)
    )
    return (
        Item.objects.research_questions()
        .filter(chosen)
        .only("pk", "kind", "status", "title", "slug")
        .order_by("title", "pk")
    )


def held_meetings(keep: int | None = None) -> QuerySet[Meeting]:
    """The network meetings held in the last two years, newest first (and `keep`)."""
    now = timezone.now()
    held = Q(
        status__in=(Meeting.Status.PUBLISHED, Meeting.Status.HELD),
        ends_at__lt=now,
        starts_at__gte=now - timedelta(days=MEETINGS_OF_THE_LAST_DAYS),
    )
    chosen = held | Q(pk=keep) if keep else held
    return (
        Meeting.objects.filter(chosen)
        .only("pk", "title", "slug", "status", "starts_at")
        .order_by("-starts_at", "pk")
    )


def question_label(question: Item) -> str:
    return question.title


def meeting_label(meeting: Meeting) -> str:
    """ "Samen tegen eenzaamheid (12 maart 2026)"."""
    day = formats.date_format(timezone.localtime(meeting.starts_at), "j F Y")
    return f"{meeting.title} ({day})"


@dataclass(frozen=True)
class Origin:
    """What an application came from, as its page shows it."""

    key: str  # "research_question" or "meeting"
    kind: str
    label: str
    url: str  # empty when the question or meeting is no longer public


def origins_of(question_id: int | None, meeting_id: int | None) -> list[Origin]:
    """The research question and the meeting an application came from (a query for each that
    is set; only the few columns shown)."""
    found = []
    if question_id is not None:
        question = Item.objects.filter(pk=question_id).only("pk", "status", "title", "slug").first()
        if question is not None:
            url = question.get_absolute_url() if question.status == Item.Status.PUBLISHED else ""
            found.append(
                Origin(
                    "research_question", str(_("Research question")), question_label(question), url
                )
            )
    if meeting_id is not None:
        meeting = (
            Meeting.objects.filter(pk=meeting_id)
            .only("pk", "status", "title", "slug", "starts_at")
            .first()
        )
        if meeting is not None:
            public = meeting.status in (Meeting.Status.PUBLISHED, Meeting.Status.HELD)
            url = meeting.get_absolute_url() if public else ""
            found.append(Origin("meeting", str(_("Network meeting")), meeting_label(meeting), url))
    return found


def labels_of(question_id: int | None, meeting_id: int | None) -> dict[str, str]:
    """What a frozen revision keeps of the origins: their names as they were then."""
    labels = {"research_question": "", "meeting": ""}
    for origin in origins_of(question_id, meeting_id):
        labels[origin.key] = origin.label
    return labels
