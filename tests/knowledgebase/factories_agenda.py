"""Factories for the agenda part: meeting reports tied to a held meeting."""

from datetime import timedelta

import factory
from django.utils import timezone

from knowledgebase.models import Item
from meetings.models import Meeting
from tests.knowledgebase.factories import ItemFactory
from tests.meetings.factories import MeetingFactory


class HeldMeetingFactory(MeetingFactory):
    status = Meeting.Status.HELD
    starts_at = factory.Sequence(
        lambda n: (
            timezone.localtime().replace(hour=16, minute=30, second=0, microsecond=0)
            - timedelta(days=30 + n)
        )
    )


class MeetingReportFactory(ItemFactory):
    kind = Item.Kind.MEETING_REPORT
    title = factory.Sequence(lambda n: f"Verslag van de netwerkbijeenkomst {n}")
    knowledge_type = Item.KnowledgeType.EXPERIENCE
    meeting = factory.SubFactory(HeldMeetingFactory)
