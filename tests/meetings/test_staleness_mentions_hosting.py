"""The directory's yearly "is this still right?" e-mail asks about hosting too, and confirming
through it confirms the hosting answers: through initiatives/still_right.py, filled by meetings."""

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from accounts.models import User
from initiatives.models import Initiative
from meetings.models import HostCapability
from tests.factories import InitiativeFactory
from tests.meetings.factories import HostCapabilityFactory

CONFIRM_LINK = re.compile(r"/initiatives/[\w-]+/confirm/(?P<token>[\w:-]+)/")
HOSTILE = '<script>alert("x")</script> & "x"\nTweede regel'
A_YEAR_AGO = timedelta(days=400)


def make_stale(initiative: Initiative) -> None:
    Initiative.objects.filter(pk=initiative.pk).update(updated_at=timezone.now() - A_YEAR_AGO)


@pytest.fixture
def initiative(member: User) -> Initiative:
    initiative = InitiativeFactory(name=HOSTILE, slug="buurtkracht", admin=member)
    make_stale(initiative)
    return initiative


@pytest.mark.django_db
def test_the_reminder_asks_about_the_capacity_and_links_to_the_page(
    member: User, initiative: Initiative, committed: Callable
) -> None:
    HostCapabilityFactory(initiative=initiative, capacity=40)
    with committed():
        call_command("remind_stale_initiatives")
    (message,) = mail.outbox
    assert "We vragen je ook:" in message.body
    assert (
        "Jullie gaven op dat jullie netwerkbijeenkomsten kunnen ontvangen voor 40 mensen; "
        "klopt dat nog?" in message.body
    )
    assert "/meetings/hosts/buurtkracht/" in message.body
    assert "\n" not in message.subject


@pytest.mark.django_db
def test_an_initiative_that_cannot_host_is_asked_whether_that_is_still_so(
    initiative: Initiative, committed: Callable
) -> None:
    HostCapabilityFactory(initiative=initiative, can_host=False, capacity=0)
    with committed():
        call_command("remind_stale_initiatives")
    (message,) = mail.outbox
    assert "geen netwerkbijeenkomsten kunnen ontvangen; is dat nog zo?" in message.body


@pytest.mark.django_db
def test_without_a_capability_the_reminder_says_nothing_about_hosting(
    initiative: Initiative, committed: Callable
) -> None:
    with committed():
        call_command("remind_stale_initiatives")
    (message,) = mail.outbox
    assert "We vragen je ook" not in message.body
    assert "/meetings/" not in message.body


@pytest.mark.django_db
def test_confirming_through_the_reminder_confirms_the_capability_too(
    client: Client, initiative: Initiative, committed: Callable
) -> None:
    old = timezone.now() - A_YEAR_AGO
    capability = HostCapabilityFactory(initiative=initiative, capacity=40, confirmed_at=old)
    other = HostCapabilityFactory(confirmed_at=old)
    with committed():
        call_command("remind_stale_initiatives")
    path = CONFIRM_LINK.search(mail.outbox[0].body).group(0)

    page = client.get(path).content.decode()
    assert "Hiermee bevestig je ook" in page
    assert "40 mensen" in page
    assert "<script>alert" not in page
    client.post(path)

    capability.refresh_from_db()
    assert not capability.is_stale
    assert capability.capacity == 40
    other.refresh_from_db()
    assert other.is_stale  # only this initiative's answers


@pytest.mark.django_db
def test_confirming_an_initiative_without_a_capability_makes_none(
    client: Client, initiative: Initiative, committed: Callable
) -> None:
    with committed():
        call_command("remind_stale_initiatives")
    client.post(CONFIRM_LINK.search(mail.outbox[0].body).group(0))
    initiative.refresh_from_db()
    assert initiative.confirmed_at is not None
    assert not HostCapability.objects.exists()
