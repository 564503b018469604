"""Django's PostgreSQL backend, with a check before reusing a connection that sends nothing.

Django checks a persistent connection at the start of each request with `SELECT 1`: a round trip
on every request that asks the database anything. Here the check looks at the socket instead: an
idle connection has nothing to read, while a server that ended it (a restart, a terminated
backend) has sent its farewell and closed the socket, which then reads as ready. So a restarted
server still costs no failed request, and a healthy connection costs nothing.
"""

import select
from typing import Any

import psycopg
from django.db.backends.postgresql import base


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
