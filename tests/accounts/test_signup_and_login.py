import re
from unittest.mock import patch

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.test import Client

from accounts.models import User
from tests.factories import PASSWORD, UserFactory

PASSPHRASE = "de buurtmoestuin bloeit in september"


def sign_up(client: Client, email: str, password: str = PASSPHRASE) -> object:
    return client.post(
        "/accounts/signup/", {"email": email, "password1": password, "password2": password}
    )


def confirmation_link(message: object) -> str:
    return re.search(r"http://testserver(/accounts/confirm-email/[^\s]+/)", message.body).group(1)


@pytest.mark.django_db
def test_a_newcomer_signs_up_confirms_the_address_and_is_logged_in(client: Client) -> None:
    response = sign_up(client, "nieuw@example.nl")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert not client.get("/my-account/").wsgi_request.user.is_authenticated

    link = confirmation_link(mail.outbox[-1])
    client.post(link)
    assert client.get("/my-account/").status_code == 200


@pytest.mark.django_db
def test_login_waits_for_a_confirmed_address(client: Client) -> None:
    UserFactory(email="onbevestigd@example.nl", verified_email=False)
    response = client.post(
        "/accounts/login/", {"login": "onbevestigd@example.nl", "password": PASSWORD}
    )
    assert response["Location"] == "/accounts/confirm-email/"
    assert client.get("/my-account/").status_code == 302


@pytest.mark.django_db
def test_signing_up_with_a_taken_address_looks_the_same_as_a_new_one(client: Client) -> None:
    UserFactory(email="bestaat@example.nl")
    taken = sign_up(client, "bestaat@example.nl")
    fresh = sign_up(Client(), "vrij@example.nl")
    assert (taken.status_code, taken["Location"]) == (fresh.status_code, fresh["Location"])
    assert User.objects.filter(email="bestaat@example.nl").count() == 1
    # The owner of the address hears about it instead of the person at the form.
    assert any("bestaat@example.nl" in m.to for m in mail.outbox)


@pytest.mark.django_db
def test_a_password_reset_says_the_same_whether_or_not_the_address_exists(client: Client) -> None:
    UserFactory(email="bestaat@example.nl")
    known = client.post("/accounts/password/reset/", {"email": "bestaat@example.nl"})
    unknown = client.post("/accounts/password/reset/", {"email": "onbekend@example.nl"})
    assert known["Location"] == unknown["Location"] == "/accounts/password/reset/done/"


@pytest.mark.django_db
def test_a_wrong_password_and_an_unknown_address_get_the_same_message(client: Client) -> None:
    UserFactory(email="bestaat@example.nl")
    wrong = client.post("/accounts/login/", {"login": "bestaat@example.nl", "password": "nee"})
    unknown = client.post("/accounts/login/", {"login": "niemand@example.nl", "password": "nee"})
    assert wrong.context["form"].errors == unknown.context["form"].errors


@pytest.mark.django_db
@pytest.mark.parametrize("password", ["kort", "wachtwoord", "qwertyuiop", "1234567890123"])
def test_short_and_common_passwords_are_refused(client: Client, password: str) -> None:
    response = sign_up(client, "nieuw@example.nl", password)
    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert response.context["form"].data["email"] == "nieuw@example.nl"  # nothing typed is lost
    assert not User.objects.exists()


@pytest.mark.django_db
def test_a_long_passphrase_is_accepted(client: Client) -> None:
    assert sign_up(client, "nieuw@example.nl", PASSPHRASE).status_code == 302
    assert User.objects.filter(email="nieuw@example.nl").exists()


@pytest.mark.django_db
def test_logging_out_takes_a_post(client: Client, person: User) -> None:
    client.force_login(person)
    client.get("/accounts/logout/")
    assert client.get("/my-account/").status_code == 200  # a GET only asks to confirm
    client.post("/accounts/logout/")
    assert client.get("/my-account/").status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["bestaat@example.nl", "vrij@example.nl"])
def test_signing_up_hashes_the_password_whether_or_not_the_address_exists(
    client: Client, address: str
) -> None:
    """Hashing is what takes the time (hundreds of ms in production): skipping it for a taken
    address would let a stopwatch tell which addresses have an account."""
    UserFactory(email="bestaat@example.nl")
    with patch.object(
        MD5PasswordHasher, "encode", autospec=True, side_effect=MD5PasswordHasher.encode
    ) as encode:
        sign_up(client, address)
    assert encode.call_count == 1
