"""Lock-outs and page addresses hold whatever other traffic passes through the caches."""

import pytest
from allauth.account.adapter import get_adapter
from django.test import Client

from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

# Far more than the database cache keeps before it culls (Django's default: 300 rows).
PAGE_VIEWS = 320


def failed_login(client: Client) -> list[str]:
    response = client.post("/accounts/login/", {"login": "doelwit@example.nl", "password": "fout"})
    return response.context["form"].errors.get("__all__", [])


def test_a_lock_out_survives_any_number_of_page_views(client: Client) -> None:
    """Point 2.1: a visitor viewing pages with ever new query strings once wiped every lock-out,
    because page copies and rate-limit counters shared one culling cache."""
    for _attempt in range(5):
        failed_login(client)
    too_many = get_adapter().error_messages["too_many_login_attempts"]
    assert failed_login(client) == [too_many]
    for number in range(PAGE_VIEWS):
        assert Client().get(f"/?utm={number}").status_code == 200
    assert failed_login(client) == [too_many]


@pytest.mark.parametrize("first", [{"HTTP_HOST": "evil.example"}, {"secure": True}])
def test_another_host_or_scheme_never_reaches_the_next_visitors_page(
    first: dict[str, object], settings: object
) -> None:
    """Point 2.9: one request with another Host or scheme put its address into the canonical
    link, og:url and JSON-LD of every visitor's copy of the page."""
    settings.ALLOWED_HOSTS = ["testserver", "evil.example"]
    initiative = InitiativeFactory(name="Buurtkamer")
    url = initiative.get_absolute_url()
    assert Client().get(url, **first).status_code == 200
    page = Client().get(url).content.decode()
    assert f'<link rel="canonical" href="http://testserver{url}">' in page
    assert "evil.example" not in page
    assert "https://testserver" not in page
