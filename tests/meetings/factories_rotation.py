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
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() - timedelta(days=60)).replace(minute=0, second=0, microsecond=0)
    )


class WalkInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WalkIn

    meeting = factory.SubFactory(HeldMeetingFactory)
    initiative = factory.SubFactory(InitiativeFactory)
    people = 2


def days_ago(days: int) -> datetime:
    return (timezone.now() - timedelta(days=days)).replace(minute=0, second=0, microsecond=0)
