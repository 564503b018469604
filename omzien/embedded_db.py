"""The embedded PostgreSQL (pgserver) that serves the database when DATABASE_URL is not set.

It lives in `.pgdata/` in the checkout and keeps running after the process that started it,
so the next command finds it up at once.
"""

import warnings
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

DATA_DIR = Path(__file__).resolve().parent.parent / ".pgdata"
DATABASE_NAME = "omzien"


def embedded_database_url() -> str:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # platformdirs complains about XDG_RUNTIME_DIR
            import pgserver

            server = pgserver.get_server(DATA_DIR, cleanup_mode=None)
        # DATABASE_NAME is a constant of this module, not input.
        exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")  # noqa: S608
        if "(0 rows)" in exists:
            server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    except (
        Exception
    ) as error:  # any failure here means the same thing to the person at the keyboard
        raise ImproperlyConfigured(
            f"The embedded PostgreSQL in {DATA_DIR} could not start ({error}); "
            "set DATABASE_URL to use another PostgreSQL server."
        ) from error
    return server.get_uri(DATABASE_NAME)
