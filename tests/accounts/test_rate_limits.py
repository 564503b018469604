import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from allauth.account.adapter import get_adapter
from django.db import connection
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]

FAILED_LOGINS_IN_ANOTHER_PROCESS = textwrap.dedent(
    """
    import os, django
    os.environ["DJANGO_SETTINGS_MODULE"] = "omzien.settings"
    django.setup()
    from django.test import Client
    client = Client()
    for attempt in range({attempts}):
        response = client.post(
            "/accounts/login/", {{"login": "doelwit@example.nl", "password": "fout"}}
        )
        assert response.status_code == 200, response.status_code
    """
)


def test_failed_logins_in_one_process_count_in_another(transactional_db: None) -> None:
    """Two processes share the rate-limit counter, as two app servers would."""
    params = connection.get_connection_params()
    database_url = f"postgres://{params['user']}@/{params['dbname']}?host={params['host']}"
    script = FAILED_LOGINS_IN_ANOTHER_PROCESS.format(attempts=5)
    subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={
            "DEBUG": "true",
            "DATABASE_URL": database_url,
            "ALLOWED_HOSTS": "testserver",
            "PATH": "/usr/bin:/bin",
        },
        check=True,
        timeout=120,
    )
    response = Client().post(
        "/accounts/login/", {"login": "doelwit@example.nl", "password": "fout"}
    )
    too_many = get_adapter().error_messages["too_many_login_attempts"]
    assert response.context["form"].errors["__all__"] == [too_many]


@pytest.mark.django_db
def test_the_rate_limit_cache_is_shared_not_per_process(settings: object) -> None:
    backend = settings.CACHES["default"]["BACKEND"]
    assert backend not in {
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
    }
