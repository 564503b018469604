"""While the database is down, visitors get a friendly 503 and the log gets one line, not one
traceback per request."""

import logging
import socket
from collections.abc import Iterator

import pytest
from django.db import OperationalError, connection
from django.test import Client


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # free again once the socket closes: nobody listens


@pytest.fixture
def database_down(transactional_db: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    assert Client().get("/healthz").status_code == 200  # any earlier outage is over
    connection.close()
    monkeypatch.setitem(connection.settings_dict, "HOST", "127.0.0.1")
    monkeypatch.setitem(connection.settings_dict, "PORT", str(closed_port()))
    yield
    connection.close()
    monkeypatch.undo()


@pytest.mark.usefixtures("database_down")
def test_every_page_is_a_friendly_503_and_the_outage_is_logged_once(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    pages = ["/", "/initiatives/", "/accounts/login/", "/privacy/"] * 3
    responses = [client.get(page) for page in pages]

    assert {response.status_code for response in responses} == {503}
    page = responses[0]
    assert page["Retry-After"].isdigit()
    assert "Het portaal is even niet bereikbaar" in page.content.decode()
    errors = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert len(errors) == 1
    assert "Database unreachable" in errors[0].getMessage()
    assert "Traceback" not in caplog.text


@pytest.mark.django_db(transaction=True)
def test_the_log_says_when_the_database_is_back(
    client: Client, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    connection.close()
    with monkeypatch.context() as down:
        down.setitem(connection.settings_dict, "HOST", "127.0.0.1")
        down.setitem(connection.settings_dict, "PORT", str(closed_port()))
        assert client.get("/privacy/").status_code == 503
    connection.close()
    assert client.get("/privacy/").status_code == 200
    assert "Database answers again" in caplog.text


@pytest.mark.django_db
def test_a_connection_lost_during_a_page_ends_in_the_same_503(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def lost(*args: object) -> None:
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("omzien.views.key_figures", lost)
    response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
