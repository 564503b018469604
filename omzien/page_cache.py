"""A short-lived shared copy of public pages for visitors, who all see the same page.

Logged-in people always get a fresh page (their name, their own initiatives, a CSRF token in the
log-out form), and so does anyone with a message waiting. The copies live in the default cache,
shared by every process and machine (DESIGN.md, Scale), never in a process of its own: a second
gunicorn worker or machine serves the same copy, and a stale one lives `seconds` at most.

Only a 200 that sets no cookie is stored: a page that handed out a CSRF token, started a session
or stored a message belongs to one person. No `Cache-Control: public` is added: the responses
vary on Cookie (the language choice), which shared caches in front of the portal handle badly.
"""

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

View = Callable[..., HttpResponse]

KEY_PREFIX = "visitor-page"
# Request headers that change what these views render (htmx asks for a fragment).
VARY_ON = ("HX-Request", "HX-History-Restore-Request")


def is_plain_visitor(request: HttpRequest) -> bool:
    """A GET or HEAD by someone not logged in, with no message waiting to be shown.

    Without a session cookie nobody can be logged in and no message can wait in the session, so
    the session is not even loaded; the cheap case is the common one for visitors.
    """
    if request.method not in ("GET", "HEAD"):
        return False
    if CookieStorage.cookie_name in request.COOKIES:
        return False
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True
    return not request.user.is_authenticated and len(get_messages(request)) == 0


def cache_key(request: HttpRequest) -> str:
    varying = "|".join(request.headers.get(name, "") for name in VARY_ON)
    page = f"{request.get_full_path()}|{varying}".encode()
    language = getattr(request, "LANGUAGE_CODE", None) or get_language()
    return f"{KEY_PREFIX}:{language}:{hashlib.sha256(page).hexdigest()}"


def is_shareable(request: HttpRequest, response: HttpResponse) -> bool:
    """A 200 with nothing personal in it: no cookie set now or by the middleware after the view
    (a CSRF token handed out, a session changed, a message stored)."""
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Set-Cookie")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
        and not getattr(get_messages(request), "added_new", False)
    )


def is_safe_method(request: HttpRequest) -> bool:
    return request.method in ("GET", "HEAD")


def cache_for_visitors(seconds: int) -> Callable[[View], View]:
    """Serve visitors a copy of the page at most `seconds` old, from the shared cache."""
    return _cached(seconds, is_plain_visitor)


def cache_for_everyone(seconds: int) -> Callable[[View], View]:
    """For responses with nothing personal in them whoever asks (map data): one shared copy."""
    return _cached(seconds, is_safe_method)


def _cached(seconds: int, applies: Callable[[HttpRequest], bool]) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if not applies(request):
                return view(request, *args, **kwargs)
            key = cache_key(request)
            stored = cache.get(key)
            if stored is not None:
                return stored
            response = view(request, *args, **kwargs)
            if is_shareable(request, response):
                cache.set(key, response, seconds)
            return response

        return wrapped

    return decorator
