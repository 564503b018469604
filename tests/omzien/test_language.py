import pytest
from django.test import Client


@pytest.mark.django_db
def test_the_portal_speaks_dutch_even_to_an_english_browser(client: Client) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nl"
    assert '<html lang="nl"' in response.content.decode()


@pytest.mark.django_db
def test_the_language_switch_turns_the_portal_english_and_back(client: Client) -> None:
    response = client.get("/language/", {"language": "en", "next": "/privacy/"})
    assert response.status_code == 302
    assert response["Location"] == "/privacy/"
    assert client.get("/privacy/")["Content-Language"] == "en"
    client.get("/language/", {"language": "nl", "next": "/"})
    assert client.get("/")["Content-Language"] == "nl"


@pytest.mark.django_db
def test_the_language_switch_never_sends_people_to_another_site(client: Client) -> None:
    response = client.get("/language/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_an_unknown_language_falls_back_to_dutch(client: Client, settings: object) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert client.get("/")["Content-Language"] == "nl"
