import json
import threading
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone

from accounts.deletion import delete_account
from accounts.models import User
from initiatives.errors import InitiativeRuleError
from initiatives.membership import invite_member, remove_member, set_role
from initiatives.models import Initiative, Invitation, JoinRequest, Membership
from tests.factories import InitiativeFactory, UserFactory


@pytest.fixture
def initiative(member: User) -> Initiative:
    return InitiativeFactory(name="De Kracht van Zuilen", admin=member)


@pytest.mark.django_db
def test_an_admin_invites_someone_who_joins_through_the_link(
    client: Client, member: User, initiative: Initiative, committed: Callable
) -> None:
    client.force_login(member)
    with committed():
        client.post(
            f"/initiatives/{initiative.slug}/members/invite/", {"email": "Nieuw@Example.nl"}
        )
    invitation = Invitation.objects.get()
    assert mail.outbox[-1].to == ["nieuw@example.nl"]
    assert invitation.token in mail.outbox[-1].body

    newcomer = UserFactory(email="nieuw@example.nl")
    client.force_login(newcomer)
    client.post(f"/initiatives/invitations/{invitation.token}/")
    assert initiative.memberships.filter(user=newcomer, role=Membership.Role.MEMBER).exists()
    # A used link does not work twice.
    client.force_login(UserFactory())
    client.post(f"/initiatives/invitations/{invitation.token}/")
    assert initiative.memberships.count() == 2


@pytest.mark.django_db
def test_an_invitation_expires_after_fourteen_days(
    client: Client, member: User, initiative: Initiative, person: User
) -> None:
    invitation = invite_member(initiative, by=member, email=person.email)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert abs(invitation.expires_at - invitation.created_at - timedelta(days=14)) < timedelta(
        seconds=1
    )
    client.force_login(person)
    client.post(f"/initiatives/invitations/{invitation.token}/")
    assert not initiative.memberships.filter(user=person).exists()


@pytest.mark.django_db
def test_an_invitation_to_a_member_is_refused_next_to_the_field(
    client: Client, member: User, initiative: Initiative
) -> None:
    client.force_login(member)
    response = client.post(
        f"/initiatives/{initiative.slug}/members/invite/", {"email": member.email}
    )
    assert response.context["invite_form"].errors["email"]


@pytest.mark.django_db
def test_a_person_asks_to_join_and_an_admin_accepts(
    client: Client, member: User, person: User, initiative: Initiative, committed: Callable
) -> None:
    client.force_login(person)
    with committed():
        client.post(f"/initiatives/{initiative.slug}/join/", {"message": "Ik wil graag helpen."})
    join_request = JoinRequest.objects.get()
    assert mail.outbox[-1].to == [member.email]

    client.force_login(member)
    with committed():
        client.post(
            f"/initiatives/{initiative.slug}/join-requests/{join_request.pk}/answer/",
            {"accept": "yes"},
        )
    assert initiative.memberships.filter(user=person).exists()
    assert mail.outbox[-1].to == [person.email]


@pytest.mark.django_db
def test_a_declined_request_adds_nobody(
    client: Client, member: User, person: User, initiative: Initiative
) -> None:
    join_request = JoinRequest.objects.create(initiative=initiative, user=person)
    client.force_login(member)
    client.post(
        f"/initiatives/{initiative.slug}/join-requests/{join_request.pk}/answer/", {"accept": "no"}
    )
    assert not initiative.memberships.filter(user=person).exists()


@pytest.mark.django_db
def test_the_last_admin_can_neither_leave_nor_step_down(
    member: User, initiative: Initiative
) -> None:
    membership = initiative.memberships.get(user=member)
    with pytest.raises(InitiativeRuleError):
        remove_member(membership, by=member)
    with pytest.raises(InitiativeRuleError):
        set_role(membership, by=member, role=Membership.Role.MEMBER)


@pytest.mark.django_db
def test_an_admin_makes_another_member_admin_and_then_may_leave(
    client: Client, member: User, person: User, initiative: Initiative
) -> None:
    other = Membership.objects.create(initiative=initiative, user=person)
    client.force_login(member)
    client.post(f"/initiatives/{initiative.slug}/members/{other.pk}/role/", {"role": "admin"})
    mine = initiative.memberships.get(user=member)
    response = client.post(f"/initiatives/{initiative.slug}/members/{mine.pk}/remove/")
    assert response["Location"] == "/my-account/"
    assert list(initiative.memberships.values_list("user", "role")) == [(person.pk, "admin")]


@pytest.mark.django_db
def test_a_plain_member_cannot_remove_someone_else(
    client: Client, member: User, person: User, initiative: Initiative
) -> None:
    Membership.objects.create(initiative=initiative, user=person)
    admin = initiative.memberships.get(user=member)
    client.force_login(person)
    response = client.post(f"/initiatives/{initiative.slug}/members/{admin.pk}/remove/")
    assert response.status_code == 403


@pytest.mark.usefixtures("reference_data")
def test_two_admins_removing_each_other_at_once_leave_one_admin() -> None:
    first, second = UserFactory(), UserFactory()
    initiative = InitiativeFactory(admin=first)
    Membership.objects.create(initiative=initiative, user=second, role=Membership.Role.ADMIN)
    memberships = {m.user_id: m for m in initiative.memberships.all()}
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def remove(actor: User, target: User) -> None:
        barrier.wait()
        try:
            remove_member(memberships[target.pk], by=actor)
            outcomes.append("removed")
        except InitiativeRuleError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=remove, args=(first, second)),
        threading.Thread(target=remove, args=(second, first)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "removed"]
    assert initiative.memberships.filter(role=Membership.Role.ADMIN).count() == 1


@pytest.mark.django_db
def test_a_person_sees_all_their_initiatives_on_their_account_page(
    client: Client, member: User, initiative: Initiative
) -> None:
    InitiativeFactory(name="Zegveld Zorgt", admin=member)
    client.force_login(member)
    page = client.get("/my-account/").content.decode()
    assert "De Kracht van Zuilen" in page
    assert "Zegveld Zorgt" in page


@pytest.mark.django_db
def test_deleting_the_only_admin_hands_the_initiative_to_the_next_member(
    member: User, person: User, initiative: Initiative
) -> None:
    Membership.objects.create(initiative=initiative, user=person)
    delete_account(member)
    assert list(initiative.memberships.values_list("user", "role")) == [(person.pk, "admin")]
    assert initiative.audit_entries.filter(action="admin_handed_over").exists()


@pytest.mark.django_db
def test_my_data_download_holds_my_memberships(
    client: Client, member: User, initiative: Initiative
) -> None:
    client.force_login(member)
    data = json.loads(client.get("/my-account/export/").content)
    (membership,) = data["initiatives"]["memberships"]
    assert (membership["initiative"], membership["role"]) == ("De Kracht van Zuilen", "admin")


@pytest.mark.django_db
def test_what_i_changed_stays_in_the_history_without_my_name(
    member: User, person: User, initiative: Initiative
) -> None:
    Membership.objects.create(initiative=initiative, user=person, role=Membership.Role.ADMIN)
    set_role(initiative.memberships.get(user=person), by=member, role=Membership.Role.MEMBER)
    delete_account(member)
    entry = initiative.audit_entries.get(action="role_changed")
    assert entry.user is None
    assert entry.changes["role"] == "member"
