import pytest
from django.test import Client

from tests.factories import InitiativeFactory


@pytest.mark.django_db
def test_a_missing_page_gets_the_portal_404_in_dutch(client: Client) -> None:
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    page = response.content.decode()
    assert '<html lang="nl"' in page
    assert "Deze pagina bestaat niet (meer)" in page
    assert 'href="/"' in page


@pytest.mark.django_db
def test_a_refused_page_gets_the_portal_403(client: Client, person: object) -> None:
    client.force_login(person)
    response = client.get("/admin/login/")
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()


@pytest.mark.django_db
def test_too_many_attempts_get_the_portal_429(client: Client, settings: object) -> None:
    settings.ACCOUNT_RATE_LIMITS = {"reset_password": "1/m/ip"}
    for _attempt in range(2):
        response = client.post("/accounts/password/reset/", {"email": "a@example.nl"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "Te veel berichten of pogingen" in page
    assert "je account" not in page  # the visitor may have none (GLOSSARY)


def test_the_500_page_renders_without_a_request() -> None:
    from django.template.loader import render_to_string

    page = render_to_string("500.html")
    assert "<html" in page
    assert "Er ging iets mis" in page


@pytest.mark.django_db
def test_a_refused_page_says_who_may(client: Client, member: object) -> None:

    initiative = InitiativeFactory(admin=member)
    client.force_login(member)
    response = client.get(f"/initiatives/{initiative.slug}/history/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Dit mag alleen een coördinator van het netwerk." in page
    assert "coördinator van je initiatief" not in page
