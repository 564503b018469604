"""Answers shared by everyone for a while, kept in the `fragments` cache with their type.

Never in the `default` cache: that one holds the rate-limit counters and must not fill up with
answers (see omzien/cache_backends.py).
"""

from collections.abc import Callable
from typing import TypeVar, cast

from django.core.cache import caches

T = TypeVar("T")


def get_or_compute(key: str, compute: Callable[[], T], seconds: int | None = None) -> T:
    """`compute()` once for everybody, kept `seconds` (or the cache's own timeout); a key that
    holds the content version (omzien/content_version.py) changes with the data instead."""
    if seconds is None:
        return cast(T, caches["fragments"].get_or_set(key, compute))
    return cast(T, caches["fragments"].get_or_set(key, compute, seconds))
