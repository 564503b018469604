"""allauth's authentication backend, with the signed-in person loaded by one plain query.

Django loads the person on every signed-in request through the ORM (`get(pk=...)`); building that
query costs about as much as a trivial page. Login, permissions and the checks that a person may
sign in are allauth's and Django's, unchanged.
"""

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend
from django.core.exceptions import ValidationError
from django.db import connections, router

from accounts.models import User


class PortalAuthenticationBackend(AuthenticationBackend):
    def get_user(self, user_id: object) -> User | None:
        using = router.db_for_read(User)
        connection = connections[using]
        fields = [field.attname for field in User._meta.concrete_fields]
        columns = ", ".join(
            connection.ops.quote_name(field.column) for field in User._meta.concrete_fields
        )
        table = connection.ops.quote_name(User._meta.db_table)
        pk = connection.ops.quote_name(User._meta.pk.column)
        try:
            key: Any = User._meta.pk.to_python(user_id)
        except ValidationError:  # not an id at all: nobody
            return None
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {columns} FROM {table} WHERE {pk} = %s", [key])  # noqa: S608
            row = cursor.fetchone()
        if row is None:
            return None
        user = User.from_db(using, fields, row)
        return user if self.user_can_authenticate(user) else None
