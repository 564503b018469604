"""Signed-in requests read the session and the person with plain queries; the server still
decides who is signed in, at once."""

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
