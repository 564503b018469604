"""The history keeps people as references: today's name, none after deletion, no ended address."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone

from accounts.deletion import delete_account
from accounts.models import User
from initiatives.membership import (
    accept_invitation,
    invite_member,
    remove_member,
    resend_invitation,
    withdraw_invitation,
)
from initiatives.models import AuditEntry, Initiative, Invitation, Membership
from tests.factories import InitiativeFactory, UserFactory


@pytest.fixture
def initiative(member: User) -> Initiative:
    return InitiativeFactory(name="De Kracht van Zuilen", admin=member)


def history(client: Client, coordinator: User, initiative: Initiative) -> str:
    client.force_login(coordinator)
    return client.get(f"/initiatives/{initiative.slug}/history/").content.decode()


@pytest.mark.django_db
def test_a_removed_persons_name_leaves_the_history_with_their_account(
    client: Client, member: User, coordinator: User, initiative: Initiative
) -> None:
    helper = UserFactory(name="Henk Helper")
    remove_member(Membership.objects.create(initiative=initiative, user=helper), by=member)
    assert "Henk Helper" in history(client, coordinator, initiative)

    delete_account(helper)
    page = history(client, coordinator, initiative)
    assert "Henk Helper" not in page
    assert "een verwijderd account" in page
    assert "Henk Helper" not in str(list(AuditEntry.objects.values_list("changes", flat=True)))


@pytest.mark.django_db
def test_the_history_shows_the_name_a_person_has_today(
    client: Client, member: User, coordinator: User, initiative: Initiative
) -> None:
    helper = UserFactory(name="Henk Helper")
    remove_member(Membership.objects.create(initiative=initiative, user=helper), by=member)
    helper.name = "Henk de Vries"
    helper.save()
    assert "Henk de Vries" in history(client, coordinator, initiative)


def _accept(invitation: Invitation) -> None:
    accept_invitation(invitation, user=UserFactory(email=invitation.email))


def _withdraw(invitation: Invitation) -> None:
    withdraw_invitation(invitation, by=invitation.invited_by)


def _expire(invitation: Invitation) -> None:
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())


@pytest.mark.django_db
@pytest.mark.parametrize("end", [_accept, _withdraw, _expire])
def test_an_invited_address_leaves_the_history_when_the_invitation_ends(
    client: Client, member: User, coordinator: User, initiative: Initiative, end: object
) -> None:
    invitation = invite_member(initiative, by=member, email="gast@example.nl")
    assert "gast@example.nl" in history(client, coordinator, initiative)
    end(invitation)
    assert "gast@example.nl" not in history(client, coordinator, initiative)
    assert "gast@example" not in str(list(AuditEntry.objects.values_list("changes", flat=True)))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("end", "says"),
    [
        (_accept, "stuurde een uitnodiging, die is aangenomen"),
        (_withdraw, "stuurde een uitnodiging, die later is ingetrokken"),
        (_expire, "stuurde een uitnodiging, die is verlopen"),
    ],
)
def test_an_ended_invitation_says_how_it_ended(
    client: Client, member: User, coordinator: User, initiative: Initiative, end: object, says: str
) -> None:
    end(invite_member(initiative, by=member, email="gast@example.nl"))
    page = history(client, coordinator, initiative)
    assert says in page
    assert "inmiddels is afgelopen" not in page


@pytest.mark.django_db
def test_a_resent_and_a_withdrawn_invitation_say_which_one(
    client: Client, member: User, coordinator: User, initiative: Initiative
) -> None:
    resent = invite_member(initiative, by=member, email="gast@example.nl")
    resend_invitation(resent, by=member)
    withdrawn = invite_member(initiative, by=member, email="ander@example.nl")
    withdraw_invitation(withdrawn, by=member)
    page = history(client, coordinator, initiative)
    assert "stuurde de uitnodiging opnieuw naar gast@example.nl" in page
    # The page gives the Dutch date, which differs from UTC's in the hours around midnight.
    assert f"trok de uitnodiging van {timezone.localtime(withdrawn.created_at).day} " in page
    assert "ander@example.nl" not in page


@pytest.mark.django_db
def test_the_history_page_resolves_people_and_invitations_in_a_fixed_number_of_queries(
    client: Client,
    member: User,
    coordinator: User,
    initiative: Initiative,
    django_assert_max_num_queries: object,
) -> None:
    for n in range(5):
        invite_member(initiative, by=member, email=f"gast{n}@example.nl")
        helper = UserFactory()
        remove_member(Membership.objects.create(initiative=initiative, user=helper), by=member)
    client.force_login(coordinator)
    client.get(f"/initiatives/{initiative.slug}/history/")  # warm the session's caches
    with django_assert_max_num_queries(12):
        client.get(f"/initiatives/{initiative.slug}/history/")


@pytest.mark.django_db
def test_old_entries_with_names_and_addresses_become_references(
    member: User, initiative: Initiative
) -> None:
    helper = UserFactory(name="Henk Helper")
    invitation = Invitation.objects.create(
        initiative=initiative,
        email="gast@example.nl",
        token="t",
        expires_at=timezone.now() + timedelta(days=14),
    )
    named = AuditEntry.objects.create(
        initiative=initiative, action="member_removed", changes={"person": "Henk Helper"}
    )
    gone = AuditEntry.objects.create(
        initiative=initiative, action="join_declined", changes={"person": "Weg Persoon"}
    )
    invited = AuditEntry.objects.create(
        initiative=initiative, action="invited", changes={"email": "gast@example.nl"}
    )
    migration = importlib.import_module("initiatives.migrations.0012_audit_people_as_references")
    migration.to_references(apps, None)
    for entry in (named, gone, invited):
        entry.refresh_from_db()
    assert (named.person, named.changes) == (helper, {})
    assert (gone.person, gone.changes) == (None, {})
    assert invited.changes == {"invitation": invitation.pk}


@pytest.mark.django_db
def test_deleting_an_account_deletes_the_invitations_to_its_address(
    member: User, initiative: Initiative
) -> None:
    invitation = invite_member(initiative, by=member, email="Gast@Example.nl")
    guest = UserFactory(email="gast@example.nl")
    accept_invitation(invitation, user=guest)
    delete_account(guest)
    assert not Invitation.objects.filter(email__iexact="gast@example.nl").exists()
