"""Signed-in requests read the session and the person with plain queries; the server still
decides who is signed in, at once."""

from collections.abc import Callable

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from accounts.models import User

pytestmark = pytest.mark.django_db

BACKEND = "accounts.backends.PortalAuthenticationBackend"


def signed_in(client: Client, member: User) -> bool:
    return "Uitloggen" in client.get("/").content.decode()


def test_a_member_signed_in_through_allauth_is_recognised(client: Client, member: User) -> None:
    client.force_login(member, backend=BACKEND)
    assert signed_in(client, member)


def test_a_session_deleted_on_the_server_ends_at_once(client: Client, member: User) -> None:
    client.force_login(member, backend=BACKEND)
    assert signed_in(client, member)
    Session.objects.all().delete()
    assert not signed_in(client, member)


def test_a_deactivated_person_is_signed_out_at_once(client: Client, member: User) -> None:
    client.force_login(member, backend=BACKEND)
    User.objects.filter(pk=member.pk).update(is_active=False)
    assert not signed_in(client, member)


def test_a_changed_password_ends_other_sessions(client: Client, member: User) -> None:
    client.force_login(member, backend=BACKEND)
    member.set_password("een heel ander wachtwoord")
    member.save()
    assert not signed_in(client, member)


# From a person's second page on, the session's query reads the person and their roles with it
# (omzien/sessions.py); what ends a session must still end it at once on that path.


def test_a_later_page_reads_session_person_roles_and_version_in_one_query(
    client: Client, member: User, django_assert_num_queries: Callable
) -> None:
    client.force_login(member, backend=BACKEND)
    assert signed_in(client, member)
    with django_assert_num_queries(1):
        assert signed_in(client, member)


def test_a_deleted_session_ends_at_once_on_a_later_page(client: Client, member: User) -> None:
    client.force_login(member, backend=BACKEND)
    assert signed_in(client, member)
    Session.objects.all().delete()
    assert not signed_in(client, member)


def test_a_deleted_account_ends_at_once_on_a_later_page(client: Client, member: User) -> None:
    client.force_login(member, backend=BACKEND)
    assert signed_in(client, member)
    User.objects.filter(pk=member.pk).delete()
    assert not signed_in(client, member)


def test_a_deactivated_person_is_signed_out_at_once_on_a_later_page(
    client: Client, member: User
) -> None:
    client.force_login(member, backend=BACKEND)
    assert signed_in(client, member)
    User.objects.filter(pk=member.pk).update(is_active=False)
    assert not signed_in(client, member)


def test_a_changed_password_ends_other_sessions_on_a_later_page(
    client: Client, member: User
) -> None:
    client.force_login(member, backend=BACKEND)
    assert signed_in(client, member)
    member.set_password("een heel ander wachtwoord")
    member.save()
    assert not signed_in(client, member)


def test_a_role_taken_away_counts_on_the_next_page(client: Client, coordinator: User) -> None:
    client.force_login(coordinator, backend=BACKEND)
    assert "Coördinatie" in client.get("/").content.decode()
    coordinator.groups.clear()
    assert "Coördinatie" not in client.get("/").content.decode()
    assert client.get("/coordination/").status_code == 403
