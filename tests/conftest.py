from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from importlib import import_module

import pytest
from django.core.cache import caches
from django.test import Client

from accounts.models import User
from tests.personas import MAKERS


@pytest.fixture
def person(db: None) -> User:
    return MAKERS["person"]()


@pytest.fixture
def member(db: None) -> User:
    return MAKERS["member"]()


@pytest.fixture
def plain_member(db: None) -> User:
    return MAKERS["plain_member"]()


@pytest.fixture
def other_member(db: None) -> User:
    return MAKERS["other_member"]()


@pytest.fixture
def coordinator(db: None) -> User:
    return MAKERS["coordinator"]()


@pytest.fixture
def fund_committee(db: None) -> User:
    return MAKERS["fund_committee"]()


@pytest.fixture
def treasurer(db: None) -> User:
    return MAKERS["treasurer"]()


@pytest.fixture
def visitor(client: Client) -> Client:
    """Someone without an account: the plain test client."""
    return client


@pytest.fixture
def login(client: Client) -> Callable[[User], Client]:
    def _login(user: User) -> Client:
        client.force_login(user)
        return client

    return _login


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: object) -> None:
    """PBKDF2's deliberate slowness is for attackers, not for a test suite."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings: object) -> None:
    """Queued tasks (e-mail) run when queued, so a test sees the message in `mail.outbox` at once.
    Tests of the queue itself use the database backend (`tests/omzien/test_mail_queue.py`)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def media_in_a_temporary_folder(settings: object, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Files a test uploads (knowledge base attachments) land in this run's temporary folder,
    never in var/media. Tests that count files set a folder of their own."""
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"


@pytest.fixture
def committed(
    django_capture_on_commit_callbacks: Callable[..., AbstractContextManager[list]],
) -> Callable[[], AbstractContextManager[list]]:
    """Each test runs inside a transaction that never commits, so what the code defers to
    "after the commit" would never run: `with committed(): ...` runs it."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def reference_data(transactional_db: None) -> None:
    """Municipalities, themes and target groups in a transactional test.

    Transactional tests empty every table when they end, data migrations' rows included; the
    data migration is idempotent, so a test that needs the rows runs it again.
    """
    from django.apps import apps

    migration = import_module("initiatives.migrations.0002_reference_data")
    migration.add_reference_data(apps, None)


@pytest.fixture(autouse=True)
def fresh_fragments() -> Iterator[None]:
    """A test's rows vanish with its rolled-back transaction, which no trigger sees, so the
    content version does not move: the fragments cached from them go with them."""
    yield
    caches["fragments"].clear()
