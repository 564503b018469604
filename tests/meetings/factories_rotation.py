"""Factories for the rotation's tests: meetings that took place, and who was there."""

from datetime import datetime, timedelta

import factory
from django.utils import timezone

from meetings.models import Meeting, WalkIn
from tests.factories import InitiativeFactory
from tests.meetings.factories import MeetingFactory


class HeldMeetingFactory(MeetingFactory):
    """A meeting marked held, two months ago unless told `starts_at`."""

    status = Meeting.Status.HELD
    starts_at = factory.LazyFunction(lambda: days_ago(60))


class WalkInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WalkIn

    meeting = factory.SubFactory(HeldMeetingFactory)
    initiative = factory.SubFactory(InitiativeFactory)
    people = 2


def days_ago(days: int) -> datetime:
    """Noon, Dutch time, `days` ago (and at least three hours ago): a meeting then fits in one
    day, as the coordinators' form (one date, a start and an end time) needs."""
    noon = (timezone.localtime() - timedelta(days=days)).replace(
        hour=12, minute=0, second=0, microsecond=0
    )
    return min(noon, timezone.now() - timedelta(hours=3))
