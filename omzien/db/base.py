"""Django's PostgreSQL backend, with two savings on the queries that every request runs.

- The check before a request reuses a connection looks at the socket instead of sending
  `SELECT 1`: an idle connection has nothing to read, while a server that ended it (a restart, a
  terminated backend) has sent its farewell and closed the socket, which then reads as ready. So
  a restarted server still costs no request, and a healthy connection costs no round trip.
- `prepared_cursor()` binds parameters on the server, so psycopg prepares a statement run often
  (after `prepare_threshold` runs, per connection) and PostgreSQL stops planning it anew: planning
  the signed-in request's session query took longer than running it. Only for the few fixed
  statements that ask for it (omzien/sessions.py, omzien/content_version.py); the ORM keeps
  Django's client-side binding. Behind a connection pooler in transaction mode, psycopg needs
  PgBouncer 1.21 or newer for prepared statements.
"""

import select
from typing import Any

import psycopg
from django.db.backends.postgresql import base
from django.db.backends.postgresql.psycopg_any import register_tzloader  # type: ignore[import-untyped]
from psycopg.pq import Format

TIMESTAMPTZ_OID = psycopg.adapters.types["timestamptz"].oid


class DatabaseWrapper(base.DatabaseWrapper):
    # Django's own, missing from its type stubs.
    health_check_done: bool
    health_check_enabled: bool
    pool: Any

    def close_if_health_check_failed(self) -> None:
        if (
            self.connection is None
            or self.pool
            or not self.health_check_enabled
            or self.health_check_done
        ):
            return
        if not self._idle_and_quiet():
            self.close()
        self.health_check_done = True

    def _idle_and_quiet(self) -> bool:
        raw = self.connection
        if raw.closed or raw.broken or raw.pgconn.status != psycopg.pq.ConnStatus.OK:
            return False
        poller = select.poll()
        poller.register(raw.pgconn.socket, select.POLLIN | select.POLLERR | select.POLLHUP)
        return not poller.poll(0)

    def prepared_cursor(self) -> Any:
        """A cursor as `cursor()` gives (logged and counted alike), binding on the server."""
        self.validate_thread_sharing()
        self.close_if_health_check_failed()
        self.ensure_connection()
        cursor = psycopg.Cursor(self.connection)
        tzloader = self.connection.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT)
        if self.timezone != tzloader.timezone:  # as Django's create_cursor does
            register_tzloader(self.timezone, cursor)
        with self.wrap_database_errors:
            return self._prepare_cursor(cursor)  # type: ignore[attr-defined]
