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
from initiatives.profile import confirm_token, initiative_for_token
from tests.factories import InitiativeFactory

CONFIRM_LINK = re.compile(r"/initiatives/[\w-]+/confirm/(?P<token>[\w:-]+)/")


@pytest.fixture
def initiative(member: User) -> Initiative:
    return InitiativeFactory(name="Austerlitz Zorgt", admin=member, place="Austerlitz")


def edit_data(initiative: Initiative, **changes: object) -> dict[str, object]:
    return {
        "name": initiative.name,
        "municipality": initiative.municipality_id,
        "pitch": initiative.pitch,
        "place": initiative.place,
        "legal_form": initiative.legal_form,
        "founded_year": initiative.founded_year,
        **changes,
    }


@pytest.mark.django_db
def test_a_member_edits_the_profile_and_the_coordinator_sees_who_changed_what(
    client: Client, member: User, coordinator: User, initiative: Initiative
) -> None:
    client.force_login(member)
    before = initiative.updated_at
    client.post(f"/initiatives/{initiative.slug}/edit/", edit_data(initiative, place="Zeist-Oost"))
    initiative.refresh_from_db()
    assert initiative.place == "Zeist-Oost"
    assert initiative.updated_at > before

    client.force_login(coordinator)
    history = client.get(f"/initiatives/{initiative.slug}/history/")
    entry, _invitation = history.context["entries"][0]
    assert entry.user == member
    assert entry.changes == {"place": ["Austerlitz", "Zeist-Oost"]}


@pytest.mark.django_db
def test_the_page_shows_when_the_profile_was_last_updated(
    client: Client, initiative: Initiative
) -> None:
    Initiative.objects.filter(pk=initiative.pk).update(
        updated_at=timezone.make_aware(timezone.datetime(2025, 3, 14, 12, 0))
    )
    assert "14 maart 2025" in client.get(initiative.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_admins_of_a_year_old_profile_get_one_reminder(
    member: User, initiative: Initiative, committed: Callable
) -> None:
    fresh = InitiativeFactory(name="Vers")
    Initiative.objects.filter(pk=initiative.pk).update(
        updated_at=timezone.now() - timedelta(days=400)
    )
    with committed():
        call_command("remind_stale_initiatives")
    assert [m.to for m in mail.outbox] == [[member.email]]
    # The token carries the moment it was made: read it from the link rather than make another.
    token = CONFIRM_LINK.search(mail.outbox[0].body).group("token")
    assert initiative_for_token(token) == initiative.pk
    with committed():
        call_command("remind_stale_initiatives")  # the daily timer, the next day
    assert len(mail.outbox) == 1
    fresh.refresh_from_db()
    assert fresh.reminded_at is None
    initiative.refresh_from_db()
    assert initiative.reminded_at is not None


@pytest.mark.django_db
def test_one_click_in_the_reminder_confirms_the_profile(
    client: Client, initiative: Initiative, committed: Callable
) -> None:
    Initiative.objects.filter(pk=initiative.pk).update(
        updated_at=timezone.now() - timedelta(days=400)
    )
    url = f"/initiatives/{initiative.slug}/confirm/{confirm_token(initiative)}/"
    assert client.get(url).status_code == 200
    client.post(url)
    initiative.refresh_from_db()
    assert initiative.confirmed_at is not None
    with committed():
        call_command("remind_stale_initiatives")
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_forged_confirmation_link_is_refused(client: Client, initiative: Initiative) -> None:
    other = InitiativeFactory()
    url = f"/initiatives/{initiative.slug}/confirm/{confirm_token(other)}/"
    assert client.post(url).status_code == 404
