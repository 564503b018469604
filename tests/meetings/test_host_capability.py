"""An initiative says what it can offer as host of a network meeting, and keeps it current."""

import threading
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from accounts.models import User
from initiatives.models import Initiative
from meetings import hosting
from meetings.models import HostCapability
from tests.factories import InitiativeFactory, UserFactory
from tests.meetings.factories import HostCapabilityFactory

HOSTILE = '<script>alert("x")</script> & "Buurthuis" <b>'


@pytest.fixture
def initiative(member: User) -> Initiative:
    return InitiativeFactory(name="Krachtstation Kanaleneiland", admin=member)


def url(initiative: Initiative) -> str:
    return f"/meetings/hosts/{initiative.slug}/"


def answers(**changes: Any) -> dict[str, Any]:
    return {
        "can_host": "on",
        "capacity": "40",
        "breakout_rooms": "3",
        "step_free": "on",
        "hybrid_kit": "on",
        "weekdays": ["2", "4"],
        "day_parts": ["afternoon", "evening"],
        "venue_name": "Krachtstation",
        "address": "Amerikalaan 199, 3526 VD Utrecht",
        **changes,
    }


@pytest.mark.django_db
def test_a_member_fills_in_what_the_initiative_can_offer(
    client: Client, member: User, initiative: Initiative
) -> None:
    client.force_login(member)
    page = client.get(url(initiative))
    assert page.status_code == 200
    assert "Nog niet ingevuld" in page.content.decode()

    response = client.post(url(initiative), answers())
    assert response.status_code == 302
    capability = HostCapability.objects.get(initiative=initiative)
    assert (capability.capacity, capability.breakout_rooms) == (40, 3)
    assert (capability.step_free, capability.hybrid_kit, capability.parking) == (True, True, False)
    assert capability.weekdays == [2, 4]
    assert capability.day_parts == ["afternoon", "evening"]
    assert timezone.now() - capability.confirmed_at < timedelta(minutes=1)

    page = client.get(url(initiative)).content.decode()
    assert "Laatst bevestigd op" in page
    assert "Dit klopt nog" in page


@pytest.mark.django_db
def test_saving_again_changes_the_one_row_and_confirms_it(
    client: Client, member: User, initiative: Initiative
) -> None:
    old = timezone.now() - timedelta(days=400)
    HostCapabilityFactory(initiative=initiative, confirmed_at=old)
    client.force_login(member)
    client.post(url(initiative), answers(capacity="60"))
    capability = HostCapability.objects.get(initiative=initiative)
    assert capability.capacity == 60
    assert capability.confirmed_at > old + timedelta(days=399)


@pytest.mark.django_db
def test_still_right_only_moves_the_date(
    client: Client, plain_member: User, initiative: Initiative
) -> None:
    from initiatives.models import Membership

    Membership.objects.create(initiative=initiative, user=plain_member)
    old = timezone.now() - timedelta(days=400)
    HostCapabilityFactory(initiative=initiative, confirmed_at=old, capacity=25)
    client.force_login(plain_member)
    page = client.get(url(initiative)).content.decode()
    assert "ouder dan een jaar" in page

    response = client.post(f"{url(initiative)}confirm/", follow=True)
    capability = HostCapability.objects.get(initiative=initiative)
    assert capability.capacity == 25
    assert timezone.now() - capability.confirmed_at < timedelta(minutes=1)
    assert not capability.is_stale
    assert "ouder dan een jaar" not in response.content.decode()


@pytest.mark.django_db
def test_still_right_without_answers_says_so(
    client: Client, member: User, initiative: Initiative
) -> None:
    client.force_login(member)
    response = client.post(f"{url(initiative)}confirm/", follow=True)
    assert "nog niets om te bevestigen" in response.content.decode()
    assert not HostCapability.objects.exists()


@pytest.mark.django_db
def test_a_capability_counts_as_stale_after_twelve_months(initiative: Initiative) -> None:
    fresh = HostCapabilityFactory(initiative=initiative, confirmed_at=timezone.now())
    assert not fresh.is_stale
    fresh.confirmed_at = timezone.now() - timedelta(days=366)
    assert fresh.is_stale


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"capacity": "0"}, "hoeveel mensen passen er"),
        ({"capacity": "100000"}, "hooguit 1000 mensen"),
        ({"capacity": "veertig"}, "een heel getal"),
        ({"capacity": "-5"}, "0 of meer"),
        ({"breakout_rooms": "500"}, "Hooguit 50"),
        ({"weekdays": ["9"]}, "geen beschikbare keuze"),
        ({"day_parts": ["midnight"]}, "geen beschikbare keuze"),
    ],
)
def test_bad_answers_get_a_message_and_keep_what_was_typed(
    client: Client, member: User, initiative: Initiative, changes: dict, message: str
) -> None:
    client.force_login(member)
    response = client.post(url(initiative), answers(venue_name="Het Buurthuis", **changes))
    assert response.status_code == 200
    page = response.content.decode()
    assert message.lower() in page.lower()
    assert 'value="Het Buurthuis"' in page
    assert not HostCapability.objects.exists()


@pytest.mark.django_db
def test_capacity_zero_is_fine_when_the_initiative_cannot_host(
    client: Client, member: User, initiative: Initiative
) -> None:
    client.force_login(member)
    data = answers(capacity="0")
    del data["can_host"]
    assert client.post(url(initiative), data).status_code == 302
    assert not HostCapability.objects.get(initiative=initiative).can_host


@pytest.mark.django_db
def test_hostile_text_is_shown_as_text(
    client: Client, member: User, coordinator: User, initiative: Initiative
) -> None:
    client.force_login(member)
    client.post(url(initiative), answers(venue_name=HOSTILE[:120], address=HOSTILE))
    page = client.get(url(initiative)).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


@pytest.mark.django_db
def test_others_may_not_keep_it(client: Client, initiative: Initiative) -> None:
    stranger = UserFactory()
    client.force_login(stranger)
    assert client.get(url(initiative)).status_code == 403
    assert client.post(url(initiative), answers()).status_code == 403
    assert client.post(f"{url(initiative)}confirm/").status_code == 403
    assert not HostCapability.objects.exists()


@pytest.mark.django_db
def test_a_coordinator_may_help(client: Client, coordinator: User, initiative: Initiative) -> None:
    client.force_login(coordinator)
    assert client.post(url(initiative), answers()).status_code == 302
    assert HostCapability.objects.filter(initiative=initiative).exists()


@pytest.mark.django_db(transaction=True)
def test_two_members_saving_at_the_same_moment_get_no_error(reference_data: None) -> None:
    """Real threads, each with its own connection: the one row is made once, nobody gets a 500."""
    first, second = UserFactory(), UserFactory()
    initiative = InitiativeFactory(admin=first)
    from initiatives.models import Membership

    Membership.objects.create(initiative=initiative, user=second)
    barrier = threading.Barrier(2)
    update_or_create = HostCapability.objects.update_or_create
    statuses: list[Any] = [None, None]

    def run(index: int, user: User, capacity: str) -> None:
        client = Client()
        client.force_login(user)
        try:
            barrier.wait(timeout=10)
            statuses[index] = client.post(url(initiative), answers(capacity=capacity)).status_code
        except Exception as error:  # pragma: no cover - shown in the assertion
            statuses[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(0, first, "30")),
        threading.Thread(target=run, args=(1, second, "50")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert statuses == [302, 302]
    assert HostCapability.objects.filter(initiative=initiative).count() == 1
    assert HostCapability.objects.get().capacity in (30, 50)
    assert update_or_create  # the manager's method was not replaced


@pytest.mark.django_db
def test_still_right_lines_only_for_initiatives_with_a_capability(
    initiative: Initiative,
) -> None:
    assert hosting.still_right_lines(initiative) == []
    HostCapabilityFactory(initiative=initiative, capacity=40)
    (line,) = hosting.still_right_lines(initiative)
    assert "40" in str(line.text)
    assert line.url.endswith(f"/meetings/hosts/{initiative.slug}/")
