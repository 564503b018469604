"""The portal's address for links in e-mails: the one the current request came in on, and
`SITE_URL` outside a request (the reminder timer, the worker)."""

from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

_current_request: ContextVar[HttpRequest | None] = ContextVar("current_request", default=None)


def site_url() -> str:
    """`https://host[:port]` without a trailing slash. The host passed ALLOWED_HOSTS."""
    request = _current_request.get()
    if request is None:
        return settings.SITE_URL
    return request.build_absolute_uri("/").rstrip("/")


class SiteAddressMiddleware:
    """Remembers the request while it is handled, so mail queued during it links back to it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
