"""Shared copies of responses that are the same for whoever asks (the map data).

A copy lives in the `fragments` cache under the content version (omzien/content_version.py), so
it is never older than the data. Pages for people are not copied whole: they render fast from
cached fragments (the footer, the directory's filters and results, an initiative's profile), and
the parts that differ per person or per request (the header, the canonical address, the tools of
an initiative's members) are made afresh each time. So no page shows another request's host,
scheme or person, and a new approval shows at once.
"""

import hashlib
from collections.abc import Callable
from functools import wraps

from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from omzien import content_version

View = Callable[..., HttpResponse]

KEY_PREFIX = "response"


def cache_key(request: HttpRequest) -> str:
    page = f"{request.get_full_path()}|{content_version.current(request)}".encode()
    return f"{KEY_PREFIX}:{get_language()}:{hashlib.sha256(page).hexdigest()}"


def is_shareable(response: HttpResponse) -> bool:
    """A 200 that sets no cookie: nothing in it belongs to one person."""
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Set-Cookie")
    )


def cache_for_everyone(view: View) -> View:
    """For responses with nothing personal or request-bound in them: one shared copy."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        cache = caches["fragments"]
        key = cache_key(request)
        stored = cache.get(key)
        if stored is not None:
            return stored
        response = view(request, *args, **kwargs)
        if is_shareable(response):
            cache.set(key, response)
        return response

    return wrapped
