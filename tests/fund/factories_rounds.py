"""What the rounds tests need beyond tests/fund/factories.py: the committee's forms as a browser
sends them."""

import uuid
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from fund.models import Round


def day(offset: int) -> date:
    return timezone.localdate() + timedelta(days=offset)


def criteria_rows(
    rows: list[tuple[str, str, str]] | None = None, *, total: int = 5, initial: int = 0
) -> dict[str, str]:
    """The criteria formset: `rows` of (name, explanation, weight), the rest empty."""
    rows = rows if rows is not None else [("Past bij de buurt", "", "2"), ("Haalbaar", "", "1")]
    total = max(total, len(rows))
    data = {
        "criteria-TOTAL_FORMS": str(total),
        "criteria-INITIAL_FORMS": str(initial),
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
    }
    for index in range(total):
        name, description, weight = rows[index] if index < len(rows) else ("", "", "1")
        data |= {
            f"criteria-{index}-name": name,
            f"criteria-{index}-description": description,
            f"criteria-{index}-weight": weight,
        }
    return data


def new_round_data(**changes: Any) -> dict[str, Any]:
    """A valid form to open a round, open from today for a month, with two criteria."""
    data: dict[str, Any] = {
        "key": str(uuid.uuid4()),
        "name": "Voorjaar 2027",
        "description": "Geld voor wat buren samen doen tegen eenzaamheid.",
        "opens_on": day(0).isoformat(),
        "closes_on": day(30).isoformat(),
        "decisions_by": day(60).isoformat(),
        "budget": "20.000",
        "max_per_application_cents": "2.500",
        "max_grants_per_year": "1",
        "max_cents_per_year": "",
        "first_timers_first": "on",
        "min_reviews": "2",
        **criteria_rows(),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def edit_round_data(round_: Round, **changes: Any) -> dict[str, Any]:
    """The edit form as the page shows it for `round_` (criteria rows included)."""
    criteria = [(c.name, c.description, str(c.weight)) for c in round_.criteria.all()]
    data: dict[str, Any] = {
        "rules_open": "1",
        "name": round_.name,
        "description": round_.description,
        "opens_on": round_.opens_on.isoformat(),
        "closes_on": round_.closes_on.isoformat(),
        "decisions_by": round_.decisions_by.isoformat() if round_.decisions_by else "",
        "max_per_application_cents": str(round_.max_per_application_cents // 100),
        "max_grants_per_year": str(round_.max_grants_per_year or ""),
        "max_cents_per_year": (
            str(round_.max_cents_per_year // 100) if round_.max_cents_per_year else ""
        ),
        "min_reviews": str(round_.min_reviews),
        **criteria_rows(criteria, total=len(criteria) + 3, initial=len(criteria)),
    }
    if round_.first_timers_first:
        data["first_timers_first"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}
