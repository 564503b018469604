"""What the database knows about the words of one search, fetched in one query: which of them are
stop words ("de", "het", "voor": the stemmer drops them) and the word groups they belong to."""

from dataclasses import dataclass, field

from django.db import connection

from omzien.search.models import WordGroup
from omzien.search.vectors import CONFIG


@dataclass(frozen=True)
class Lookup:
    stop_words: frozenset[str] = frozenset()
    # Per key (a folded word or run of words): every term of every group it belongs to.
    variants: dict[str, list[str]] = field(default_factory=dict)

    def variants_of(self, key: str) -> list[str]:
        return self.variants.get(key, [])


def look_up(words: list[str], keys: list[str]) -> Lookup:
    """One query, whatever the number of words, groups or documents."""
    if not words and not keys:
        return Lookup()
    table = connection.ops.quote_name(WordGroup._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT
                ARRAY(
                    SELECT word FROM unnest(%s::text[]) AS word
                    WHERE length(to_tsvector(%s::regconfig, word)) = 0
                ),
                (
                    SELECT coalesce(json_agg(json_build_array(g.keys, g.terms)), '[]')
                    FROM {table} AS g WHERE g.keys && %s::varchar[]
                )
            """,  # noqa: S608 - the table name is the model's own; the words are parameters
            [words, CONFIG, keys],
        )
        stop_words, groups = cursor.fetchone()
    return Lookup(frozenset(stop_words), _variants_by_key(groups, set(keys)))


def _variants_by_key(
    groups: list[tuple[list[str], list[str]]], wanted: set[str]
) -> dict[str, list[str]]:
    variants: dict[str, list[str]] = {}
    for keys, terms in groups:
        for key in wanted.intersection(keys):
            variants.setdefault(key, [])
            variants[key] += [term for term in terms if term not in variants[key]]
    return variants
