"""Sessions in the database, as Django keeps them, read with one plain query.

Every request of a signed-in person loads the session first; Django's own store builds that
query through the ORM each time, which costs a signed-in page more than a trivial view costs in
all. The rows, their expiry and their deletion stay Django's: deleting a person's sessions
(allauth's usersessions, account deletion) still ends them at once, on every server.
"""

from typing import Any

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def load(self) -> dict[str, Any]:
        using = router.db_for_read(self.model)
        quote = connections[using].ops.quote_name
        sql = (
            f"SELECT session_data FROM {quote(self.model._meta.db_table)} "  # noqa: S608
            "WHERE session_key = %s AND expire_date > %s"
        )
        with connections[using].cursor() as cursor:
            cursor.execute(sql, [self.session_key, timezone.now()])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return {}
        return self.decode(row[0])
