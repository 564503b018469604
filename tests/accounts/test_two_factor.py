import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.auth.models import Group
from django.test import Client

from accounts.models import User
from accounts.roles import COORDINATOR, ROLES_OF_TRUST
from tests.factories import PASSWORD, UserFactory


@pytest.mark.django_db
@pytest.mark.parametrize("group", ROLES_OF_TRUST)
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
    client.force_login(UserFactory(groups=[COORDINATOR]))
    assert client.get("/accounts/reauthenticate/").status_code == 200


@pytest.mark.django_db
def test_every_role_of_trust_has_its_group() -> None:
    """The migration that made the groups keeps its own copy of the names in accounts/roles.py."""
    groups = Group.objects.filter(name__in=ROLES_OF_TRUST).values_list("name", flat=True)
    assert sorted(groups) == sorted(ROLES_OF_TRUST)


@pytest.mark.django_db
def test_the_recovery_codes_come_with_advice_and_a_coordinator_goes_on_to_the_overview(
    client: Client, coordinator: User
) -> None:
    RecoveryCodes.activate(coordinator)
    client.force_login(coordinator)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})  # the codes ask for it
    response = client.get("/accounts/2fa/recovery-codes/")
    page = response.content.decode()
    assert "Bewaar ze op een veilige plek" in page
    assert 'href="/coordination/"' in page
