"""The account pages and allauth's e-mails speak the portal's Dutch (GLOSSARY.md)."""

import pytest
from django.core import mail
from django.test import Client

from accounts.models import User
from tests.factories import PASSWORD, UserFactory


def text_of(client: Client, path: str) -> str:
    return client.get(path).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "says", "never"),
    [
        (
            "/accounts/login/",
            ["Inloggen", "Maak dan eerst een account aan"],
            ["Aanmelden", "registreer"],
        ),
        (
            "/accounts/signup/",
            ["Account aanmaken", "Log dan in"],
            ["Registreren", "Meld je", "Uw "],
        ),
        ("/accounts/password/reset/", ["Neem dan contact met ons op"], ["a.u.b."]),
    ],
)
def test_the_account_pages_use_the_glossary(
    client: Client, path: str, says: list[str], never: list[str]
) -> None:
    page = text_of(client, path)
    for word in says:
        assert word in page
    for word in never:
        assert word not in page


@pytest.mark.django_db
def test_a_too_short_password_is_refused_in_dutch(client: Client) -> None:
    response = client.post(
        "/accounts/signup/",
        {"email": "kort@example.nl", "password1": "kort123!", "password2": "kort123!"},
    )
    errors = " ".join(response.context["form"].errors["password1"])
    assert "Dit wachtwoord is te kort: gebruik minstens 10 tekens." in errors


@pytest.mark.django_db
def test_the_confirmation_email_speaks_for_the_portal(client: Client) -> None:
    password = "de buurtmoestuin bloeit in september"
    client.post(
        "/accounts/signup/",
        {"email": "nieuw@example.nl", "password1": password, "password2": password},
    )
    (message,) = mail.outbox
    assert message.subject == "[Omzien naar Elkaar] Bevestig je e-mailadres"
    assert message.body.startswith("Hallo,")
    assert "Hallo van" not in message.body
    assert "bewonersinitiatieven" in message.body
    assert "http://testserver/accounts/confirm-email/" in message.body


@pytest.mark.django_db
def test_a_password_reset_email_is_in_dutch(client: Client) -> None:
    UserFactory(email="vergeten@example.nl")
    client.post("/accounts/password/reset/", {"email": "vergeten@example.nl"})
    (message,) = mail.outbox
    assert message.subject == "[Omzien naar Elkaar] Een nieuw wachtwoord instellen"
    assert "Kies het met deze link" in message.body


@pytest.mark.django_db
def test_a_changed_password_is_reported_by_email_in_dutch(client: Client) -> None:
    user: User = UserFactory(email="lid@example.nl")
    client.force_login(user)
    new = "een nieuw en lang wachtwoord"
    client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )
    (message,) = mail.outbox
    assert message.subject == "[Omzien naar Elkaar] Je wachtwoord is veranderd"
    assert "Er is iets veranderd in je account" in message.body
    assert " uur" in message.body  # "op 1 december 2026, 17.30 uur"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "says", "never"),
    [
        (
            "/accounts/email/",
            ["Huidig e-mailadres", "Wijzigen in"],
            ["Huidig email", "Wijzig naar"],
        ),
        (
            "/accounts/2fa/",
            ["Je gebruikt nog geen authenticator-app.", "Aanzetten"],
            ["Activeer", "middels"],
        ),
        ("/accounts/sessions/", ["IP-adres"], ["IP adres"]),
    ],
)
def test_the_signed_in_account_pages_use_the_glossary(
    client: Client, person: User, path: str, says: list[str], never: list[str]
) -> None:
    client.force_login(person)
    page = text_of(client, path)
    for word in says:
        assert word in page
    for word in never:
        assert word not in page


@pytest.mark.django_db
def test_a_wrong_password_is_refused_in_plain_dutch(client: Client, person: User) -> None:
    response = client.post("/accounts/login/", {"login": person.email, "password": "fout"})
    page = response.content.decode()
    assert "Het e-mailadres of het wachtwoord klopt niet." in page
    assert "door jou opgegeven" not in page
