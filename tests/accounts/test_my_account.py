import json
from datetime import UTC, datetime

import pytest
from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.test import Client
from django.utils.html import escape

from accounts.models import User
from tests.factories import PASSWORD


@pytest.mark.django_db
def test_my_account_shows_what_the_portal_holds(client: Client, person: User) -> None:
    client.force_login(person)
    page = client.get("/my-account/").content.decode()
    assert person.email in page
    assert escape(person.name) in page


@pytest.mark.django_db
def test_a_person_changes_their_name(client: Client, person: User) -> None:
    client.force_login(person)
    client.post("/my-account/", {"name": "Fatima de Vries"})
    person.refresh_from_db()
    assert person.name == "Fatima de Vries"


@pytest.mark.django_db
def test_the_download_holds_my_data_as_json(client: Client, person: User) -> None:
    client.force_login(person)
    response = client.get("/my-account/export/")
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == person.email
    assert data["email_addresses"] == [{"email": person.email, "verified": True, "primary": True}]


@pytest.mark.django_db
def test_the_download_holds_no_two_factor_secret(client: Client, coordinator: User) -> None:
    client.force_login(coordinator)
    data = json.loads(client.get("/my-account/export/").content)
    assert {item["type"] for item in data["two_factor"]} == {"totp", "recovery_codes"}
    assert "secret" not in json.dumps(data["two_factor"])


@pytest.mark.django_db
def test_deleting_needs_my_address_typed_and_keeps_what_i_typed(
    client: Client, person: User
) -> None:
    client.force_login(person)
    response = client.post("/my-account/delete/", {"confirm_email": "iemand-anders@example.nl"})
    assert response.status_code == 200
    assert response.context["form"].errors["confirm_email"]
    assert response.context["form"]["confirm_email"].value() == "iemand-anders@example.nl"
    assert User.objects.filter(pk=person.pk).exists()


@pytest.mark.django_db
def test_deleting_my_account_ends_every_session_and_removes_my_data(person: User) -> None:
    phone, laptop = Client(), Client()
    for device in (phone, laptop):
        device.post("/accounts/login/", {"login": person.email, "password": PASSWORD})
    assert UserSession.objects.filter(user=person).count() == 2

    response = phone.post("/my-account/delete/", {"confirm_email": person.email.upper()})
    assert response["Location"] == "/"
    assert not User.objects.filter(pk=person.pk).exists()
    assert not EmailAddress.objects.filter(email=person.email).exists()
    assert laptop.get("/my-account/").status_code == 302  # the other device is logged out too


@pytest.mark.django_db
def test_my_account_gives_dates_in_dutch_and_says_which_roles_it_lists(
    client: Client, member: User
) -> None:
    User.objects.filter(pk=member.pk).update(date_joined=datetime(2026, 12, 1, 12, tzinfo=UTC))
    client.force_login(member)
    page = client.get("/my-account/").content.decode()
    assert "1 december 2026" in page
    assert "2026-12-01" not in page
    assert "Rollen in het netwerk" in page
