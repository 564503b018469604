"""Sessions in the database, as Django keeps them, read together with the signed-in person.

Every request of a signed-in person loads the session, the person, the person's roles (the
two-factor rule and the header ask) and the content version. Each was a query of its own; here
they are one: the session row, the content version, and the person this process saw on that
session before, joined in one statement. The person comes from the row, never from memory: the
remembered id is only where to look, and it is used only when the session read says the same
id. Deleting a person's sessions (allauth's usersessions, account deletion) or the person still
ends them at once, on every server; Django still checks the password hash on each request.
"""

from functools import cache
from typing import Any

from django.contrib import auth
from django.contrib.auth import SESSION_KEY
from django.contrib.auth import middleware as auth_middleware
from django.contrib.sessions.backends import db
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from accounts.backends import AUTHENTICATING_SESSION, person_columns, person_from_row
from accounts.models import User
from omzien import content_version

# Session key -> the id of the person signed in with it, as this process last read it. A key
# belongs to one person for its whole life (Django makes a new key on every login).
_owners: dict[str, Any] = {}
_MAX_OWNERS = 20_000


@cache
def _load_sql(using: str, sessions_table: str, with_person: bool) -> str:
    """The session, the content version and (when the session's person is known) that person
    with their roles, in one statement; made once per database."""
    quote = connections[using].ops.quote_name
    version = f"(SELECT last_value FROM {content_version.SEQUENCE})"  # noqa: S608
    if not with_person:
        return (
            f"SELECT s.session_data, {version} FROM {quote(sessions_table)} s "  # noqa: S608
            "WHERE s.session_key = %s AND s.expire_date > %s"
        )
    return (
        f"SELECT s.session_data, {version}, {person_columns(using)[1]} "  # noqa: S608
        f"FROM {quote(sessions_table)} s LEFT JOIN {quote(User._meta.db_table)} u ON u.id = %s "
        "WHERE s.session_key = %s AND s.expire_date > %s"
    )


class SessionStore(db.SessionStore):
    content_version: int | None = None
    person: User | None = None

    def load(self) -> dict[str, Any]:
        using = router.db_for_read(self.model)
        owner = _owners.get(self.session_key) if self.session_key else None
        fields, _ = person_columns(using)
        sql = _load_sql(using, self.model._meta.db_table, with_person=owner is not None)
        params = [] if owner is None else [owner]
        with connections[using].cursor() as cursor:
            cursor.execute(sql, [*params, self.session_key, timezone.now()])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return {}
        data = self.decode(row[0])
        self.content_version = row[1]
        read_owner = self._owner_id(data)
        if owner is not None and read_owner == owner and row[2] is not None:
            self.person = person_from_row(using, fields, row[2:])
        self._remember(read_owner)
        return data

    def _owner_id(self, data: dict[str, Any]) -> Any:
        if SESSION_KEY not in data:
            return None
        try:
            return User._meta.pk.to_python(data[SESSION_KEY])
        except ValidationError:  # not an id: nobody, as Django decides
            return None

    def _remember(self, owner: Any) -> None:
        if owner is None or not self.session_key:
            return
        if len(_owners) >= _MAX_OWNERS:
            _owners.clear()
        _owners[self.session_key] = owner


def _get_user(request: HttpRequest) -> Any:
    if not hasattr(request, "_cached_user"):
        token = AUTHENTICATING_SESSION.set(request.session)
        try:
            request._cached_user = auth.get_user(request)  # type: ignore[attr-defined]
        finally:
            AUTHENTICATING_SESSION.reset(token)
    return request._cached_user  # type: ignore[attr-defined]


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, letting the authentication backend take the person the session read."""

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _get_user(request))  # type: ignore[assignment]
