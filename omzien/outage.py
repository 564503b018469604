"""While the database is down: a friendly 503 page for every request, and one log line per outage
instead of a traceback per request."""

import logging
import threading
import time
from collections.abc import Callable

from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# Seconds a visitor is asked to wait before trying again.
RETRY_AFTER = 30


class _Outage:
    """When this process last found the database down (None while it answers)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.down_since: float | None = None

    def went_down(self, error: Exception) -> None:
        with self.lock:
            if self.down_since is None:
                self.down_since = time.monotonic()
                logger.error("Database unreachable, serving 503 until it answers again: %s", error)

    def is_up(self) -> None:
        if self.down_since is None:
            return
        with self.lock:
            if self.down_since is not None:
                seconds = time.monotonic() - self.down_since
                logger.warning("Database answers again after %.0f seconds", seconds)
                self.down_since = None


_outage = _Outage()


def outage_response() -> HttpResponse:
    # Rendered without a request: the context processors would ask the database.
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response._has_been_logged = True  # type: ignore[attr-defined]  # Django's flag: logged once above
    return response


class DatabaseOutageMiddleware:
    """Connects before anything else asks the database, so an outage ends here. A connection kept
    from before the outage fails at its first query: in the view that also ends here, elsewhere it
    is one 500 per process before its connection is gone. Placed after the static files."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            connection.ensure_connection()  # no query: a kept connection is checked at first use
        except (OperationalError, InterfaceError) as error:
            _outage.went_down(error)
            return outage_response()
        _outage.is_up()
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, OperationalError | InterfaceError):
            _outage.went_down(exception)
            return outage_response()
        return None
