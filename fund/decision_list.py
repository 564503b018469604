"""A round's decision list (besluitenlijst): append-only, numbered, and chained by hashes.

Each entry's `content` is the canonical text of its facts: JSON with sorted keys, no spaces, in
UTF-8 (`canonical()`). Its `hash` is the SHA-256 of that text, and the text holds the hash of
the entry before it (`previous_hash`; the first entry of a round holds 64 zeros). Changing one
entry afterwards changes its hash, which then no longer matches what the next entry says came
before it: `verify()` (and `manage.py verify_decision_lists`) recompute every hash and link.
The database refuses to change or delete an entry (migration 0002).

What is hashed (the facts a reader needs, and no names: the recusals are there by reason only;
the Recusal rows name the people, and lose the name when an account is deleted):

    round, number, application_id, application_title, initiative, municipality, outcome,
    amount_cents, reason, date, recusals, previous_hash
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from fund.models import Application, Decision, Round

GENESIS = "0" * 64
# The facts a column of the Decision row keeps as well: the check compares them with the content.
COLUMNS = {
    "number": "number",
    "application_id": "application_id",
    "outcome": "outcome",
    "amount_cents": "amount_cents",
    "reason": "reason",
    "previous_hash": "previous_hash",
}


def canonical(facts: dict[str, Any]) -> str:
    """The one way the facts are written down: sorted keys, no spaces, non-ASCII as is."""
    return json.dumps(facts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def hash_of(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def append(
    round_: Round,
    application: Application,
    *,
    outcome: str,
    amount_cents: int,
    reason: str,
    recusals: Iterable[str],
    by: User | None,
    at: datetime | None = None,
) -> Decision:
    """Writes the next entry of the round's list, decided at `at` (now, unless the demo tells
    its story in the past). The caller holds the lock on the round's row (fund/decisions.py),
    so two decisions at once are numbered one after the other."""
    last = Decision.objects.filter(round=round_).order_by("-number").only("number", "hash").first()
    number = last.number + 1 if last else 1
    previous_hash = last.hash if last else GENESIS
    decided_at = at or timezone.now()
    on = timezone.localdate(decided_at)
    facts = {
        "round": round_.slug,
        "number": number,
        "application_id": application.pk,
        "application_title": application.title,
        "initiative": application.initiative.name,
        "municipality": application.initiative.municipality.name,
        "outcome": outcome,
        "amount_cents": amount_cents,
        "reason": reason,
        "date": on.isoformat(),
        "recusals": sorted(recusals),
        "previous_hash": previous_hash,
    }
    content = canonical(facts)
    return Decision.objects.create(
        round=round_,
        number=number,
        application=application,
        outcome=outcome,
        amount_cents=amount_cents,
        reason=reason,
        content=content,
        previous_hash=previous_hash,
        hash=hash_of(content),
        decided_by=by,
        decided_at=decided_at,
    )


def facts_of(decision: Decision) -> dict[str, Any]:
    """The hashed facts of an entry (an empty dict when its content is not JSON any more)."""
    try:
        facts = json.loads(decision.content)
    except ValueError:
        return {}
    return facts if isinstance(facts, dict) else {}


@dataclass(frozen=True)
class Break:
    """The first entry of a round's list that does not hold together."""

    round_slug: str
    number: int
    problem: str

    def __str__(self) -> str:
        return f"{self.round_slug} #{self.number}: {self.problem}"


def first_break(entries: Iterable[Decision], round_slug: str) -> Break | None:
    """Walks a round's entries in order of number: the numbers run 1, 2, 3 ...; each hash is the
    SHA-256 of its content; each entry names the hash of the one before it (the first: zeros);
    the content says what the row's columns say."""
    previous = GENESIS
    expected_number = 1
    for entry in entries:
        if entry.number != expected_number:
            return Break(round_slug, entry.number, f"number {expected_number} expected")
        if hash_of(entry.content) != entry.hash:
            return Break(round_slug, entry.number, "the hash does not match the content")
        if entry.previous_hash != previous:
            return Break(round_slug, entry.number, "the previous hash does not match")
        facts = facts_of(entry)
        for key, column in COLUMNS.items():
            if facts.get(key) != getattr(entry, column):
                return Break(round_slug, entry.number, f"{key} differs from the content")
        previous = entry.hash
        expected_number += 1
    return None


def verify(rounds: QuerySet[Round] | None = None) -> list[Break]:
    """The first broken entry of each round's list (of these rounds, or of all): [] when every
    list holds together. Reads the entries a round at a time, in order."""
    breaks = []
    for round_ in (rounds if rounds is not None else Round.objects.all()).order_by("pk"):
        entries = (
            Decision.objects.filter(round=round_)
            .order_by("number")
            .only("number", "application", "outcome", "amount_cents", "reason")
            .only("previous_hash", "content", "hash")
            .iterator(chunk_size=500)
        )
        if found := first_break(entries, round_.slug):
            breaks.append(found)
    return breaks
