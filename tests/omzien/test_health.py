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
    # What a database restart does to the persistent connection: the server ends it (and a
    # restart has ended it before the next request comes, hence the wait).
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])
    other.close()

    response = handler(environ, lambda status, headers: None)
    assert response.status_code == 200


def test_a_healthy_connection_is_kept(transactional_db: None) -> None:
    """The check before reuse (omzien/db/base.py) reads the socket: a quiet one is kept."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    connection.health_check_done = False
    connection.close_if_health_check_failed()
    assert connection.connection is not None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone() == (pid,)
