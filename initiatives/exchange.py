"""Needs and offers: "what does someone need, and who nearby has it?"

For each need, the offers of the same category that share its words are suggested: the most
relevant first, then those in the same municipality, then the nearest. An offer that shares too
little with the need is no suggestion at all ("tweedehands laptops" does not get "een aanhanger en
gereedschap"). One query serves a whole page of needs.

Relevance is PostgreSQL's full-text rank (the `dutch` configuration, Listing.search_vector) of the
offer against the need's own words, OR'ed: roughly the share of the need's words the offer has.
The need's words are taken from its stored vector, so they are stemmed like the offer's; words of
four letters or more also match as the start of a longer word ("tuin" finds "tuingereedschap").
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from math import sqrt
from typing import Any

from django.db import connection

from initiatives.models import Listing
from omzien.shared_cache import get_or_compute

SUGGESTIONS_PER_NEED = 3
SUGGESTIONS_SECONDS = 60
KM_PER_DEGREE = 111.2
# Degrees of longitude are shorter than degrees of latitude; at 52° north by this factor.
LONGITUDE_FACTOR = 0.616

# The least rank of a suggestion: about one word in five of the need's words.
MIN_RELEVANCE = 0.012
# Words that the `dutch` configuration keeps but that say nothing about what is needed.
FILLER_WORDS = "we wij onze jullie één graag per elke iedere keer willen mogen"

SUGGESTIONS_SQL = """
SELECT need.id, offer.id, offer.text, offer.name, offer.slug, offer.municipality, offer.distance
FROM initiatives_listing need
JOIN initiatives_initiative asking ON asking.id = need.initiative_id
JOIN initiatives_municipality asking_place ON asking_place.id = asking.municipality_id
CROSS JOIN LATERAL (
    -- The need's lexemes are stemmed already: cast to a query as they are, not stemmed again.
    SELECT string_agg(quote_literal(word.lexeme)
                      || CASE WHEN length(word.lexeme) >= 4 THEN ':*' ELSE '' END,
                      ' | ')::tsquery AS words
    FROM unnest(need.search_vector) AS word
    WHERE word.lexeme <> ALL(tsvector_to_array(to_tsvector('dutch', %(filler)s)))
) need_words
CROSS JOIN LATERAL (
    SELECT o.id, o.text, i.name, i.slug, m.name AS municipality,
           round(ts_rank(o.search_vector, need_words.words)::numeric, 3) AS relevance,
           i.municipality_id = asking.municipality_id AS same_municipality,
           power(COALESCE(i.latitude, m.latitude)
                 - COALESCE(asking.latitude, asking_place.latitude), 2)
           + power((COALESCE(i.longitude, m.longitude)
                    - COALESCE(asking.longitude, asking_place.longitude)) * %(factor)s, 2)
             AS distance
    FROM initiatives_listing o
    JOIN initiatives_initiative i ON i.id = o.initiative_id
    JOIN initiatives_municipality m ON m.id = i.municipality_id
    WHERE o.kind = 'offer' AND o.category = need.category
      AND o.search_vector @@ need_words.words
      AND ts_rank(o.search_vector, need_words.words) >= %(min_relevance)s
      AND i.status = 'approved' AND o.initiative_id <> need.initiative_id
    ORDER BY relevance DESC, same_municipality DESC, distance, i.name, o.id
    LIMIT %(limit)s
) offer
WHERE need.id = ANY(%(needs)s)
ORDER BY need.id, offer.relevance DESC, offer.same_municipality DESC, offer.distance, offer.name,
         offer.id
"""


@dataclass(frozen=True)
class Suggestion:
    offer_id: int
    text: str
    initiative_name: str
    initiative_slug: str
    municipality: str
    km: float


def suggestions_for(needs: list[Listing]) -> dict[int, list[Suggestion]]:
    """Offers that fit each need, keyed by the need's id; shared for a minute, since finding
    them reads every offer of the category and the answer is the same for everybody."""
    asked = sorted(
        (need.pk, need.category, need.text) for need in needs if need.kind == Listing.Kind.NEED
    )
    if not asked:
        return defaultdict(list)
    ids = [pk for pk, _category, _text in asked]
    # Keyed on what is asked too, so an edited need gets fresh suggestions at once.
    key = "suggestions:" + hashlib.sha256(repr(asked).encode()).hexdigest()
    return get_or_compute(key, lambda: find_suggestions(ids), SUGGESTIONS_SECONDS)


def find_suggestions(
    ids: list[int], *, limit: int = SUGGESTIONS_PER_NEED
) -> dict[int, list[Suggestion]]:
    """The best `limit` offers for each of the needs `ids`, from the database, not shared."""
    found: dict[int, list[Suggestion]] = defaultdict(list)
    params: dict[str, Any] = {
        "needs": ids,
        "limit": limit,
        "factor": LONGITUDE_FACTOR,
        "filler": FILLER_WORDS,
        "min_relevance": MIN_RELEVANCE,
    }
    with connection.cursor() as cursor:
        cursor.execute(SUGGESTIONS_SQL, params)
        for need_id, offer_id, text, name, slug, municipality, distance in cursor.fetchall():
            km = round(sqrt(float(distance)) * KM_PER_DEGREE, 1)
            found[need_id].append(Suggestion(offer_id, text, name, slug, municipality, km))
    return found
