"""A small rate limit for the portal's own forms (allauth guards its own), in the shared cache."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The visitor's address: behind N trusted proxies, the Nth address from the right."""
    count = settings.ALLAUTH_TRUSTED_PROXY_COUNT
    forwarded = request.headers.get("X-Forwarded-For", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if count and len(hops) >= count:
        return hops[-count]
    return request.META.get("REMOTE_ADDR", "")


def allow(
    request: HttpRequest, *, action: str, limit: int, seconds: int, key: str | None = None
) -> bool:
    """Count one attempt; False once `limit` attempts from this address fall in the window.

    `key` counts by something else than the visitor's address, say the e-mail address a message
    goes to (kept as a hash, so the cache holds no address)."""
    if key is not None:
        digest = hashlib.sha256(key.encode()).hexdigest()
        key = f"ratelimit:{action}:key:{digest}"
    else:
        key = f"ratelimit:{action}:{client_ip(request)}"
    cache.add(key, 0, timeout=seconds)
    try:
        attempts = cache.incr(key)
    except ValueError:  # the window ran out between add and incr
        cache.set(key, 1, timeout=seconds)
        attempts = 1
    return attempts <= limit
