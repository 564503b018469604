from collections.abc import Iterator

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.test import Client, RequestFactory


@pytest.mark.django_db
def test_health_is_ok_when_the_database_answers(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


@pytest.fixture
def unreachable_database(transactional_db: None) -> Iterator[None]:
    """Point the connection at a port where no PostgreSQL listens, then put it back."""
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT="1", OPTIONS={"connect_timeout": 2})
    yield
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)


def test_health_is_503_when_the_database_does_not_answer(
    client: Client, unreachable_database: None
) -> None:
    response = client.get("/healthz")
    assert response.status_code == 503


def test_a_database_restart_costs_no_failed_request(transactional_db: None) -> None:
    """The full WSGI handler (not the test client) runs the per-request connection check."""
    handler = WSGIHandler()
    environ = RequestFactory().get("/healthz").environ
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    # What a database restart does to the persistent connection: the server ends it.
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    other.close()

    response = handler(environ, lambda status, headers: None)
    assert response.status_code == 200
