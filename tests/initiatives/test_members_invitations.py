"""Invitations: only from approved initiatives, within a budget, once per address, bound to it."""

import threading
from collections.abc import Callable
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.db import IntegrityError, connection
from django.test import Client
from django.utils import timezone

from accounts.models import User
from initiatives.errors import InitiativeRuleError
from initiatives.membership import invite_member
from initiatives.models import Initiative, Invitation, Membership
from tests.factories import InitiativeFactory, UserFactory


@pytest.fixture
def initiative(member: User) -> Initiative:
    return InitiativeFactory(name="De Kracht van Zuilen", admin=member)


def invite(client: Client, initiative: Initiative, email: str) -> object:
    return client.post(f"/initiatives/{initiative.slug}/members/invite/", {"email": email})


@pytest.mark.django_db
def test_a_pending_initiative_sends_no_invitations_and_shows_no_form(
    client: Client, member: User, committed: Callable
) -> None:
    pending = InitiativeFactory(status=Initiative.Status.PENDING, admin=member)
    client.force_login(member)
    with committed():
        response = invite(client, pending, "gast@example.nl")
    assert "zodra de coördinatoren het initiatief hebben goedgekeurd" in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []
    page = client.get(f"/initiatives/{pending.slug}/members/").content.decode()
    assert "/members/invite/" not in page
    assert "goedgekeurd" in page


@pytest.mark.django_db
def test_one_person_sends_at_most_ten_invitations_an_hour(
    client: Client, member: User, initiative: Initiative, committed: Callable
) -> None:
    client.force_login(member)
    with committed():
        responses = [invite(client, initiative, f"gast{n}@example.nl") for n in range(40)]
    assert len(mail.outbox) == 10
    assert "veel uitnodigingen" in responses[-1].content.decode()
    # The count lives in the database: no cache traffic wipes it.
    cache.clear()
    assert invite(client, initiative, "nog-een@example.nl").status_code == 200
    assert Invitation.objects.count() == 10


@pytest.mark.django_db
def test_an_initiative_sends_at_most_twenty_invitations_a_day(
    member: User, initiative: Initiative
) -> None:
    admins = [member, UserFactory(), UserFactory()]
    for admin in admins[1:]:
        Membership.objects.create(initiative=initiative, user=admin, role=Membership.Role.ADMIN)
    for n in range(20):
        invite_member(initiative, by=admins[n // 10], email=f"gast{n}@example.nl")
    with pytest.raises(InitiativeRuleError):
        invite_member(initiative, by=admins[2], email="gast20@example.nl")


@pytest.mark.django_db
def test_inviting_an_address_twice_sends_one_invitation(
    client: Client, member: User, initiative: Initiative, committed: Callable
) -> None:
    client.force_login(member)
    with committed():
        invite(client, initiative, "gast@example.nl")
        response = invite(client, initiative, "Gast@Example.nl")
    assert len(mail.outbox) == 1
    assert "uitgenodigd" in response.context["invite_form"].errors["email"][0]


@pytest.mark.django_db
def test_the_database_holds_one_open_invitation_per_address(
    member: User, initiative: Initiative
) -> None:
    later = timezone.now() + timedelta(days=14)
    Invitation.objects.create(
        initiative=initiative, email="gast@example.nl", token="a", expires_at=later
    )
    with pytest.raises(IntegrityError):
        Invitation.objects.create(
            initiative=initiative, email="GAST@example.nl", token="b", expires_at=later
        )


@pytest.mark.usefixtures("reference_data")
def test_a_double_click_on_invite_creates_one_invitation() -> None:
    admin = UserFactory()
    initiative = InitiativeFactory(admin=admin)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def click() -> None:
        barrier.wait()
        try:
            invite_member(initiative, by=admin, email="gast@example.nl")
            outcomes.append("sent")
        except InitiativeRuleError as error:
            outcomes.append(f"refused at {error.field}")
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused at email", "sent"]
    assert Invitation.objects.count() == 1


@pytest.mark.django_db
def test_only_the_invited_address_can_accept(
    client: Client, member: User, initiative: Initiative, person: User
) -> None:
    invitation = invite_member(initiative, by=member, email="gast@example.nl")
    link = f"/initiatives/invitations/{invitation.token}/"
    client.force_login(person)
    page = client.get(link).content.decode()
    assert "Accepteer de uitnodiging" not in page
    assert "ander e-mailadres" in page
    client.post(link)
    assert not initiative.memberships.filter(user=person).exists()

    # An address added but not confirmed is not enough.
    address = EmailAddress.objects.create(user=person, email="gast@example.nl", verified=False)
    client.post(link)
    assert not initiative.memberships.filter(user=person).exists()

    address.verified = True
    address.save()
    client.post(link)
    assert initiative.memberships.filter(user=person).exists()


@pytest.mark.django_db
def test_an_admin_withdraws_an_invitation_and_its_link_stops_working(
    client: Client, member: User, initiative: Initiative
) -> None:
    invitation = invite_member(initiative, by=member, email="gast@example.nl")
    client.force_login(member)
    client.post(f"/initiatives/{initiative.slug}/members/invitations/{invitation.pk}/withdraw/")
    assert not client.get(f"/initiatives/{initiative.slug}/members/").context["invitations"]

    guest = UserFactory(email="gast@example.nl")
    client.force_login(guest)
    assert (
        "ingetrokken"
        in client.get(f"/initiatives/invitations/{invitation.token}/").content.decode()
    )
    client.post(f"/initiatives/invitations/{invitation.token}/")
    assert not initiative.memberships.filter(user=guest).exists()
    # Withdrawn, the address may be invited afresh.
    invite_member(initiative, by=member, email="gast@example.nl")


@pytest.mark.django_db
def test_an_admin_sends_an_expired_invitation_again(
    client: Client, member: User, initiative: Initiative, committed: Callable
) -> None:
    invitation = invite_member(initiative, by=member, email="gast@example.nl")
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    client.force_login(member)
    with committed():
        client.post(f"/initiatives/{initiative.slug}/members/invitations/{invitation.pk}/resend/")
    assert mail.outbox[-1].to == ["gast@example.nl"]
    assert invitation.token in mail.outbox[-1].body
    invitation.refresh_from_db()
    assert invitation.is_open

    client.force_login(UserFactory(email="gast@example.nl"))
    client.post(f"/initiatives/invitations/{invitation.token}/")
    assert initiative.memberships.count() == 2


@pytest.mark.django_db
def test_sending_again_counts_toward_the_limit(
    client: Client, member: User, initiative: Initiative, committed: Callable
) -> None:
    invitation = invite_member(initiative, by=member, email="gast@example.nl")
    client.force_login(member)
    url = f"/initiatives/{initiative.slug}/members/invitations/{invitation.pk}/resend/"
    with committed():
        for _ in range(15):
            client.post(url)
    assert len(mail.outbox) == 10  # the first invitation plus nine more make ten
