"""The cache that holds rate-limit counters: lock-outs must outlive any other traffic."""

from datetime import datetime
from typing import Any

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction


class LockOutSafeDatabaseCache(DatabaseCache):
    """Django's database cache, except that it culls expired rows only, never a live one.

    Django's own cache deletes a third of its rows, live or not, once it holds MAX_ENTRIES; a
    visitor who makes many keys could then wipe every login lock-out (issue 6, point 2.1). Only
    rate-limit counters (allauth's and `omzien.ratelimit`'s) live in this cache; copies of pages
    and their fragments have a cache of their own (`fragments`), so nothing here grows without a
    bound that the rate limits themselves set.
    """

    def _cull(self, db: str, cursor: object, now: datetime, num: int) -> None:
        connection = connections[db]
        table = connection.ops.quote_name(self._table)  # type: ignore[attr-defined]  # set by DatabaseCache, not in its stubs
        cursor.execute(  # type: ignore[attr-defined]
            f"DELETE FROM {table} WHERE {connection.ops.quote_name('expires')} < %s",  # noqa: S608
            [connection.ops.adapt_datetimefield_value(now)],
        )

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        """Django's `incr` reads, then writes: two requests at once both read 4 and both write 5,
        so a burst of parallel requests passed a rate limit. Here one counter is counted by one
        request at a time, under a transaction-scoped PostgreSQL advisory lock on its key."""
        db = router.db_for_write(self.cache_model_class)
        name = self.make_and_validate_key(key, version=version)
        with transaction.atomic(using=db):
            with connections[db].cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [name])
            return super().incr(key, delta, version)
