"""A held meeting with its report, for the seam between meetings and the knowledge base."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from initiatives.models import Theme
from meetings.models import Meeting, Report
from tests.meetings.factories import MeetingFactory


def held_meeting_with_report(**kwargs: Any) -> Meeting:
    start = timezone.localtime().replace(hour=16, minute=30, second=0, microsecond=0)
    start -= timedelta(days=7)
    kwargs.setdefault("title", "Samen eten tegen eenzaamheid")
    meeting = MeetingFactory(
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        status=Meeting.Status.HELD,
        **kwargs,
    )
    meeting.themes.set(Theme.objects.filter(name__in=["Eenzaamheid", "Welzijn"]))
    Report.objects.create(
        meeting=meeting,
        conclusions=(
            "Samen eten helpt tegen eenzaamheid. Een vaste dag maakt het makkelijk om te komen. "
            "Buren koken om de beurt.\n\n- Begin klein.\n- Vraag een kleine bijdrage."
        ),
        follow_up="Hoe vinden we nieuwe koks?\nWie betaalt de huur van de keuken?",
        links="https://example.nl/presentatie\n",
    )
    return meeting
