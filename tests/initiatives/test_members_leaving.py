"""When people delete their accounts: who takes over an initiative, and where its mail goes."""

import threading
from collections.abc import Callable

import pytest
from django.core import mail
from django.db import connection
from django.test import Client

from accounts.deletion import delete_account
from accounts.models import User
from initiatives.models import Initiative, Membership
from tests.factories import InitiativeFactory, UserFactory

MESSAGE = {"name": "Bea", "email": "bea@example.nl", "message": "Kan ik meedoen?"}


@pytest.fixture
def initiative(member: User) -> Initiative:
    return InitiativeFactory(name="De Kracht van Zuilen", admin=member)


@pytest.mark.django_db
def test_the_deletion_page_asks_a_sole_admin_who_takes_over(
    client: Client, member: User, initiative: Initiative
) -> None:
    first, second = UserFactory(name="Ans Eerst"), UserFactory(name="Bram Later")
    for user in (first, second):
        Membership.objects.create(initiative=initiative, user=user)
    client.force_login(member)
    page = client.get("/my-account/delete/").content.decode()
    assert "enige beheerder van De Kracht van Zuilen" in page
    assert f'name="successor-{initiative.pk}"' in page
    assert "Ans Eerst" in page
    assert "Bram Later" in page

    client.post(
        "/my-account/delete/",
        {"confirm_email": member.email, f"successor-{initiative.pk}": str(second.pk)},
    )
    assert not User.objects.filter(pk=member.pk).exists()
    admins = initiative.memberships.filter(role=Membership.Role.ADMIN)
    assert list(admins.values_list("user", flat=True)) == [second.pk]


@pytest.mark.django_db
def test_the_deletion_page_warns_the_last_member_that_the_initiative_loses_its_team(
    client: Client, member: User, initiative: Initiative
) -> None:
    client.force_login(member)
    page = client.get("/my-account/delete/").content.decode()
    assert "enige lid van De Kracht van Zuilen" in page
    assert "coördinatoren" in page


@pytest.mark.django_db
def test_messages_to_an_initiative_without_a_team_go_to_the_coordinators(
    client: Client, member: User, initiative: Initiative, coordinator: User, committed: Callable
) -> None:
    delete_account(member)
    page = client.get(f"/initiatives/{initiative.slug}/contact/").content.decode()
    assert "geen leden" in page
    assert "Een coördinator antwoordt op dit adres" in page
    with committed():
        response = client.post(f"/initiatives/{initiative.slug}/contact/", MESSAGE, follow=True)
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert mail.outbox[0].reply_to == ["bea@example.nl"]
    assert "coördinatoren" in response.content.decode()


@pytest.mark.django_db
def test_without_coordinators_messages_go_to_the_networks_address(
    client: Client, initiative: Initiative, settings: object, committed: Callable
) -> None:
    initiative.memberships.all().delete()
    settings.CONTACT_EMAIL = "info@example.nl"
    with committed():
        client.post(f"/initiatives/{initiative.slug}/contact/", MESSAGE)
    assert [m.to for m in mail.outbox] == [["info@example.nl"]]


@pytest.mark.django_db
def test_messages_to_an_initiative_with_a_team_go_to_its_admins(
    client: Client, member: User, initiative: Initiative, coordinator: User, committed: Callable
) -> None:
    with committed():
        client.post(f"/initiatives/{initiative.slug}/contact/", MESSAGE)
    assert [m.to for m in mail.outbox] == [[member.email]]


@pytest.mark.usefixtures("reference_data")
def test_two_admins_deleting_their_accounts_at_once_leave_the_member_as_admin() -> None:
    first, second, helper = UserFactory(), UserFactory(), UserFactory()
    initiative = InitiativeFactory(admin=first)
    Membership.objects.create(initiative=initiative, user=second, role=Membership.Role.ADMIN)
    Membership.objects.create(initiative=initiative, user=helper)
    barrier = threading.Barrier(2)

    def delete(user: User) -> None:
        barrier.wait()
        try:
            delete_account(user)
        finally:
            connection.close()

    threads = [threading.Thread(target=delete, args=(user,)) for user in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert list(initiative.memberships.values_list("user", "role")) == [(helper.pk, "admin")]
