"""Answers shared by everyone for a while, kept in the cache with their type."""

from collections.abc import Callable
from typing import TypeVar, cast

from django.core.cache import cache

T = TypeVar("T")


def get_or_compute(key: str, compute: Callable[[], T], seconds: int) -> T:
    """`compute()` once per `seconds` for everybody; the cache hands back what it stored."""
    return cast(T, cache.get_or_set(key, compute, seconds))
