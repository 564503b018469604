import pytest
from django.test import Client

from accounts.models import User
from tests.factories import UserFactory


@pytest.mark.django_db
@pytest.mark.parametrize("group", ["coordinator", "fund committee", "treasurer"])
def test_a_role_of_trust_must_set_up_two_factor_first(client: Client, group: str) -> None:
    client.force_login(UserFactory(groups=[group]))
    response = client.get("/my-account/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


@pytest.mark.django_db
def test_staff_must_set_up_two_factor_before_the_admin(client: Client) -> None:
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/admin/")["Location"] == "/accounts/2fa/totp/activate/"


@pytest.mark.django_db
def test_a_coordinator_with_two_factor_goes_on(client: Client, coordinator: User) -> None:
    client.force_login(coordinator)
    assert client.get("/my-account/").status_code == 200
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_an_ordinary_member_needs_no_two_factor(client: Client, member: User) -> None:
    client.force_login(member)
    assert client.get("/my-account/").status_code == 200


@pytest.mark.django_db
def test_the_admin_login_goes_through_the_portal_login(client: Client) -> None:
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.django_db
def test_the_password_check_before_the_set_up_is_not_sent_back_to_the_set_up(
    client: Client,
) -> None:
    client.force_login(UserFactory(groups=["coordinator"]))
    assert client.get("/accounts/reauthenticate/").status_code == 200
