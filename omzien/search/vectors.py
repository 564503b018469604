"""The stored vectors a searchable model declares, and the one place the configurations are named.

A model gets two generated columns, each with a GIN index:
- a stemmed vector (`CONFIG`): "buurten" finds "buurt", "ideeën" finds "ideeen";
- a prefix vector (`PREFIX_CONFIG`, `simple`: words as written, lower case, accents folded), which
  only prefix queries use: "moes" finds "moestuin", "initiatie" finds "initiatieven". A prefix is
  never matched against the stemmed vector: PostgreSQL would stem the prefix itself.

PostgreSQL 19 replaces the `dutch` stemmer with another one (the old one stays as
`dutch_porter`). Stored vectors then have to be rebuilt, or `CONFIG` pinned to `dutch_porter` (a
generated column cannot be altered: the migration drops and adds it); every query follows this name
(the stems of typed words are made with it in omzien.search.thesaurus). See the README, "Search".
"""

from collections.abc import Callable

from django.contrib.postgres.search import SearchVector
from django.db.models import Expression, F, Func, TextField, Value
from django.db.models.expressions import Combinable
from django.db.models.functions import Lower

CONFIG = "dutch"
PREFIX_CONFIG = "simple"
WEIGHTS = ("A", "B", "C", "D")

# The `simple` configuration keeps accents ("coöperatie"); people often type without them.
# Python's fold() in omzien.search.query removes the same ones from what is typed.
ACCENTED = "áàâäãåéèêëíìîïóòôöõúùûüýÿçñ"
PLAIN = "aaaaaaeeeeiiiiooooouuuuyycn"


def folded(field: str) -> Func:
    """The column in lower case without accents, in SQL that a generated column may use."""
    return Func(
        Lower(F(field)),
        Value(ACCENTED),
        Value(PLAIN),
        function="translate",
        output_field=TextField(),
    )


def column(field: str) -> F:
    return F(field)


def stemmed_vector(**fields_by_weight: list[str]) -> Expression:
    """For a GeneratedField: `stemmed_vector(A=["name"], B=["pitch"], C=["description"])`."""
    return _combined(fields_by_weight, CONFIG, column)


def prefix_vector(**fields_by_weight: list[str]) -> Expression:
    """The same fields for prefix matching, written as they are (no stems), accents folded."""
    return _combined(fields_by_weight, PREFIX_CONFIG, folded)


def _combined(
    fields_by_weight: dict[str, list[str]], config: str, read: Callable[[str], Combinable]
) -> Expression:
    vectors = [
        SearchVector(*(read(field) for field in fields), weight=weight, config=config)
        for weight, fields in fields_by_weight.items()
        if weight in WEIGHTS and fields
    ]
    combined: Expression = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return combined
