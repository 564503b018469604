"""What the database knows about the words of one search, fetched in one query: the word groups
they belong to, and each word (or words in a row) as the stemmed tsquery PostgreSQL makes of it,
which is empty for stop words ("de", "het", "voor": the stemmer drops them)."""

import hashlib
from dataclasses import dataclass, field

from django.db import connection

from omzien import content_version
from omzien.search.models import WordGroup
from omzien.search.vectors import CONFIG
from omzien.shared_cache import get_or_compute


@dataclass(frozen=True)
class Lookup:
    # Per key (a folded word or words in a row): the keys of every group it belongs to.
    variants: dict[str, list[str]] = field(default_factory=dict)
    # Per key, and per key of those groups: its stemmed tsquery text, "" for stop words only.
    lexemes: dict[str, str] = field(default_factory=dict)

    def variants_of(self, key: str) -> list[str]:
        return self.variants.get(key, [])

    def is_stop_word(self, key: str) -> bool:
        return not self.lexemes.get(key)


def look_up(keys: list[str]) -> Lookup:
    """One query, whatever the number of words, groups or documents; kept per content version
    (which every change to the word groups moves), since the same words are searched again and
    again."""
    if not keys:
        return Lookup()
    digest = hashlib.sha256("\x00".join(keys).encode()).hexdigest()
    key = f"search-lookup:{CONFIG}:{content_version.current()}:{digest}"
    return get_or_compute(key, lambda: _look_up(keys))


def _look_up(keys: list[str]) -> Lookup:
    table = connection.ops.quote_name(WordGroup._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH matched AS (SELECT keys FROM {table} WHERE keys && %s::varchar[]),
            forms AS (
                SELECT unnest(%s::text[]) AS form UNION SELECT unnest(keys) FROM matched
            )
            SELECT
                (SELECT coalesce(json_agg(keys), '[]') FROM matched),
                (
                    SELECT json_object_agg(form, phraseto_tsquery(%s::regconfig, form)::text)
                    FROM forms
                )
            """,  # noqa: S608 - the table name is the model's own; the words are parameters
            [keys, keys, CONFIG],
        )
        groups, lexemes = cursor.fetchone()
    return Lookup(_variants_by_key(groups, set(keys)), lexemes)


def _variants_by_key(groups: list[list[str]], wanted: set[str]) -> dict[str, list[str]]:
    variants: dict[str, list[str]] = {}
    for keys in groups:
        for key in wanted.intersection(keys):
            known = variants.setdefault(key, [])
            known += [other for other in keys if other not in known]
    return variants
