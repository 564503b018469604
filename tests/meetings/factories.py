"""Factories for the meetings app, shared by its tests."""

from datetime import timedelta

import factory
from django.utils import timezone
from django.utils.crypto import get_random_string

from initiatives.models import Municipality
from meetings.models import HostCapability, HostOffer, Meeting, Registration
from tests.factories import InitiativeFactory


class MeetingFactory(factory.django.DjangoModelFactory):
    """A published meeting in Utrecht, two weeks from today at 16.30-18.30 Dutch time (a fixed
    hour: run late in the evening, "now + two hours" would end after midnight, which the
    coordinators' form, one date with a start and an end time, cannot hold), for 30 people."""

    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Netwerkbijeenkomst {n}")
    slug = factory.Sequence(lambda n: f"bijeenkomst-{n}")
    question = "Hoe vinden we nieuwe vrijwilligers?"
    starts_at = factory.LazyFunction(
        lambda: (
            timezone.localtime().replace(hour=16, minute=30, second=0, microsecond=0)
            + timedelta(days=14)
        )
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    host = factory.SubFactory(InitiativeFactory)
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(name="Utrecht"))
    venue_name = "Krachtstation Kanaleneiland"
    address = "Amerikalaan 199, 3526 VD Utrecht"
    capacity = 30
    status = Meeting.Status.PUBLISHED


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration with a place."""

    class Meta:
        model = Registration

    meeting = factory.SubFactory(MeetingFactory)
    name = factory.Faker("name", locale="nl_NL")
    email = factory.Sequence(lambda n: f"deelnemer{n}@example.nl")
    status = Registration.Status.REGISTERED
    token = factory.LazyFunction(lambda: get_random_string(43))
    confirmed_at = factory.LazyFunction(timezone.now)
    queued_at = factory.LazyFunction(timezone.now)


class HostCapabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostCapability

    initiative = factory.SubFactory(InitiativeFactory)
    capacity = 40
    breakout_rooms = 2
    step_free = True
    public_transport = True


class HostOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostOffer

    initiative = factory.SubFactory(InitiativeFactory)
    theme = "Eenzaamheid onder ouderen"
