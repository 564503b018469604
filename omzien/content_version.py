"""The content version: one number that moves whenever something shown on public pages changes.

Rendered parts of pages and shared counts are cached under it (the `fragments` cache), so a copy
is never older than the data: an approved initiative shows at once, in every process and on every
machine, and no page copy has to expire first.

It is a PostgreSQL sequence. A statement trigger advances it on every write to a watched table,
whoever writes (the ORM, a bulk update, an import, psql); each app adds its tables with
`watch_table_sql` in a migration and `watch` in its AppConfig.ready(). An ORM write advances it
once more after its commit: a request that read the version between the write and the commit,
and so rendered the rows from before, has stored its copy under a version that is then past.
"""

from django.db import connection, transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest

SEQUENCE = "omzien_content_version"
FUNCTION = "omzien_advance_content_version"
TRIGGER = "omzien_content_version"
# Kept on the request for the rest of it; an attribute of our own on Django's request.
KEPT_VERSION = "_content_version"

CREATE_SQL = f"""
CREATE SEQUENCE {SEQUENCE};
CREATE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM nextval('{SEQUENCE}');
    RETURN NULL;
END $$;
"""
DROP_SQL = f"DROP FUNCTION {FUNCTION}() CASCADE; DROP SEQUENCE {SEQUENCE};"


def watch_table_sql(table: str) -> tuple[str, str]:
    """The SQL that makes every write to `table` advance the version, and the SQL that undoes it;
    for migrations.RunSQL."""
    return (
        f"CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}();",
        f"DROP TRIGGER {TRIGGER} ON {table};",
    )


def current(request: HttpRequest | None = None) -> int:
    """The version now; read once per request when a request is given."""
    kept: int | None = getattr(request, KEPT_VERSION, None)
    if kept is None and request is not None and request.method in ("GET", "HEAD"):
        # A signed-in person's session read it with the person (omzien/sessions.py). Not taken
        # for a request that may write: what it renders after its write needs the version after.
        kept = getattr(getattr(request, "session", None), "content_version", None)
    if kept is not None:
        return kept
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT last_value FROM {SEQUENCE}")  # noqa: S608 (a constant)
        version: int = cursor.fetchone()[0]
    if request is not None:
        setattr(request, KEPT_VERSION, version)
    return version


def advance() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT nextval('{SEQUENCE}')")


def _advance_after_commit(**kwargs: object) -> None:
    transaction.on_commit(advance)


def watch(*models: type[Model]) -> None:
    """Advance the version once more after the commit of an ORM write to these models (their
    tables have the trigger); many-to-many tables are given as their `through` models."""
    for model in models:
        uid = f"content-version:{model._meta.label}"
        post_save.connect(_advance_after_commit, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(_advance_after_commit, sender=model, dispatch_uid=f"{uid}:delete")
        m2m_changed.connect(_advance_after_commit, sender=model, dispatch_uid=f"{uid}:m2m")
