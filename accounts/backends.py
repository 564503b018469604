"""allauth's authentication backend, with the signed-in person and their roles read by one plain
query, or by none when the session's query read them already (omzien/sessions.py).

Django loads the person on every signed-in request through the ORM (`get(pk=...)`), and the roles
with another; building those queries costs about as much as a trivial page. Login, permissions
and the checks that a person may sign in are allauth's and Django's, unchanged.
"""

from contextvars import ContextVar
from functools import cache
from typing import Any

from allauth.account.auth_backends import AuthenticationBackend
from django.core.exceptions import ValidationError
from django.db import connections, router

from accounts.models import User
from accounts.permissions import KEPT_GROUP_NAMES

# While Django loads the person of a request: that request's session, which may have read the
# person with it (set by omzien.sessions.AuthenticationMiddleware, only for that call).
AUTHENTICATING_SESSION: ContextVar[Any] = ContextVar("authenticating_session", default=None)


@cache
def person_columns(using: str) -> tuple[list[str], str]:
    """The person's field names, and the SQL selecting those fields and the person's role names
    (an array, last) from the person's table under the alias `u`; made once per database."""
    quote = connections[using].ops.quote_name
    concrete = User._meta.concrete_fields
    through = User.groups.through._meta
    roles = (  # table names from the models, no input
        f"ARRAY(SELECT g.name FROM {quote('auth_group')} g "  # noqa: S608
        f"JOIN {quote(through.db_table)} ug ON ug.group_id = g.id WHERE ug.user_id = u.id)"
    )
    columns = ", ".join(f"u.{quote(field.column)}" for field in concrete)
    return [field.attname for field in concrete], f"{columns}, {roles}"


def person_from_row(using: str, fields: list[str], row: tuple) -> User:
    """The person of a row selected with person_columns; the roles kept for the request."""
    person = User.from_db(using, fields, row[: len(fields)])
    setattr(person, KEPT_GROUP_NAMES, frozenset(row[len(fields)]))
    return person


class PortalAuthenticationBackend(AuthenticationBackend):
    def get_user(self, user_id: object) -> User | None:
        try:
            key: Any = User._meta.pk.to_python(user_id)
        except ValidationError:  # not an id at all: nobody
            return None
        session = AUTHENTICATING_SESSION.get()
        user = getattr(session, "person", None)
        if user is None or user.pk != key:
            user = self._read(key)
        if user is None:
            return None
        return user if self.user_can_authenticate(user) else None

    def _read(self, key: Any) -> User | None:
        using = router.db_for_read(User)
        connection = connections[using]
        fields, columns = person_columns(using)
        table = connection.ops.quote_name(User._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {columns} FROM {table} u WHERE u.id = %s", [key])  # noqa: S608
            row = cursor.fetchone()
        return None if row is None else person_from_row(using, fields, row)
