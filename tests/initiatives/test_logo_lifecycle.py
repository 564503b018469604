"""A replaced or removed logo leaves storage once the change is committed, not before; the
history says what happened to the logo in words, and only what really changed."""

from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

from accounts.models import User
from initiatives.forms import InitiativeForm
from initiatives.models import AuditEntry, Initiative
from initiatives.profile import update_profile
from tests.factories import InitiativeFactory
from tests.initiatives.test_logo import image_file, upload
from tests.initiatives.test_profile_upkeep import edit_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(member: User, settings: object, tmp_path: Path) -> Initiative:
    settings.MEDIA_ROOT = tmp_path
    return InitiativeFactory(
        admin=member,
        description="Wij koken.\nElke week.",
        activities="Koken\nEten",
    )


def logo_name(client: Client, initiative: Initiative, committed: Callable) -> str:
    with committed():
        upload(client, initiative, "logo.png", image_file("PNG"))
    initiative.refresh_from_db()
    assert default_storage.exists(initiative.logo.name)
    return initiative.logo.name


def test_a_replaced_logo_leaves_storage_after_the_commit(
    client: Client, member: User, initiative: Initiative, committed: Callable
) -> None:
    client.force_login(member)
    first = logo_name(client, initiative, committed)
    second = logo_name(client, initiative, committed)
    assert second != first
    assert not default_storage.exists(first)


def test_a_removed_logo_leaves_storage_after_the_commit(
    client: Client, member: User, initiative: Initiative, committed: Callable
) -> None:
    client.force_login(member)
    name = logo_name(client, initiative, committed)
    with committed():
        client.post(
            f"/initiatives/{initiative.slug}/edit/", edit_data(initiative, **{"logo-clear": "on"})
        )
    initiative.refresh_from_db()
    assert not initiative.logo
    assert not default_storage.exists(name)


def test_a_change_that_is_rolled_back_keeps_the_old_logo(
    client: Client, member: User, initiative: Initiative, committed: Callable
) -> None:
    client.force_login(member)
    name = logo_name(client, initiative, committed)
    logo = SimpleUploadedFile("new.png", image_file("PNG"))
    form = InitiativeForm(edit_data(initiative), {"logo": logo}, instance=initiative)
    assert form.is_valid()
    with committed(), transaction.atomic():
        update_profile(initiative, by=member, form=form)
        transaction.set_rollback(True)
    assert default_storage.exists(name)


def test_a_deleted_initiatives_logo_leaves_storage(
    client: Client, member: User, initiative: Initiative, committed: Callable
) -> None:
    client.force_login(member)
    name = logo_name(client, initiative, committed)
    with committed():
        Initiative.objects.get(pk=initiative.pk).delete()
    assert not default_storage.exists(name)


def test_the_history_says_logo_replaced_in_words(
    client: Client, member: User, coordinator: User, initiative: Initiative, committed: Callable
) -> None:
    client.force_login(member)
    logo_name(client, initiative, committed)
    logo_name(client, initiative, committed)
    client.force_login(coordinator)
    page = client.get(f"/initiatives/{initiative.slug}/history/").content.decode()
    assert "logo vervangen" in page
    assert "logo toegevoegd" in page
    assert "logos/" not in page


def test_text_sent_back_with_a_browsers_line_endings_is_no_change(
    client: Client, member: User, initiative: Initiative
) -> None:
    client.force_login(member)
    client.post(
        f"/initiatives/{initiative.slug}/edit/",
        edit_data(
            initiative,
            description="Wij koken.\r\nElke week.",
            activities="Koken\r\nEten",
            place="Zuilen",
        ),
    )
    entry = AuditEntry.objects.get(initiative=initiative, action="edited")
    assert entry.changes == {"place": ["", "Zuilen"]}
