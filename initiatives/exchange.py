"""Needs and offers: "what does someone need, and who nearby has it?"

For each need, the initiatives offering the same kind of help are suggested: those in the same
municipality first, then the nearest. One query serves a whole page of needs.
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

SUGGESTIONS_SQL = """
SELECT need.id, offer.text, offer.name, offer.slug, offer.municipality, offer.distance
FROM initiatives_listing need
JOIN initiatives_initiative asking ON asking.id = need.initiative_id
JOIN initiatives_municipality asking_place ON asking_place.id = asking.municipality_id
CROSS JOIN LATERAL (
    SELECT o.text, i.name, i.slug, m.name AS municipality,
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
      AND i.status = 'approved' AND o.initiative_id <> need.initiative_id
    ORDER BY same_municipality DESC, distance, i.name
    LIMIT %(limit)s
) offer
WHERE need.id = ANY(%(needs)s)
ORDER BY need.id, offer.same_municipality DESC, offer.distance, offer.name
"""


@dataclass(frozen=True)
class Suggestion:
    text: str
    initiative_name: str
    initiative_slug: str
    municipality: str
    km: float


def suggestions_for(needs: list[Listing]) -> dict[int, list[Suggestion]]:
    """Offers that fit each need, keyed by the need's id; shared for a minute, since finding
    them reads every offer of the category and the answer is the same for everybody."""
    ids = sorted(need.pk for need in needs if need.kind == Listing.Kind.NEED)
    if not ids:
        return defaultdict(list)
    key = "suggestions:" + hashlib.sha256(repr(ids).encode()).hexdigest()
    return get_or_compute(key, lambda: _find_suggestions(ids), SUGGESTIONS_SECONDS)


def _find_suggestions(ids: list[int]) -> dict[int, list[Suggestion]]:
    found: dict[int, list[Suggestion]] = defaultdict(list)
    params: dict[str, Any] = {
        "needs": ids,
        "limit": SUGGESTIONS_PER_NEED,
        "factor": LONGITUDE_FACTOR,
    }
    with connection.cursor() as cursor:
        cursor.execute(SUGGESTIONS_SQL, params)
        for need_id, text, name, slug, municipality, distance in cursor.fetchall():
            km = round(sqrt(float(distance)) * KM_PER_DEGREE, 1)
            found[need_id].append(Suggestion(text, name, slug, municipality, km))
    return found
