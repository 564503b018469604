"""Django's PostgreSQL backend with two savings for the queries every request runs (base.py)."""

from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections


def prepared_cursor(using: str = DEFAULT_DB_ALIAS) -> Any:
    """A cursor whose statements PostgreSQL keeps prepared once they run often: for the few fixed
    statements of every request. Django's own cursor where the portal's backend is not in use."""
    from omzien.db.base import DatabaseWrapper

    wrapper = connections[using]
    if isinstance(wrapper, DatabaseWrapper):
        return wrapper.prepared_cursor()
    return wrapper.cursor()
