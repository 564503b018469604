"""Fair rotation: which initiatives could host the next network meeting, best first, and why.

A pure ranking: it reads nothing from the database. `meetings/host_candidates.py` loads the
candidates; this module only weighs them. Every suggestion carries its reasons in words, so a
coordinator can see why one initiative comes before another and overrule it with good reason.

The order, in short:
1. A host that can take the meeting (room for the people, enough rooms for smaller groups, every
   need met) comes before every host that cannot, however good the rest looks.
2. Among equals in that respect, the score decides; its parts are the constants below.
3. Same score: by name, so the list is the same every time it is asked.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# --- Weights ---------------------------------------------------------------------------------
# An initiative that offered to host wants to: the strongest single sign, worth about as much as
# two and a half years without hosting.
OPEN_OFFER_POINTS = 30
# Its offered theme is the one the meeting is about: hosting and theme come together, which is
# what the network's meetings are for ("hosted by initiatives that want to explore a theme").
THEME_MATCH_POINTS = 25
# The month the initiative asked for is the planned month: helps, but a month can be moved.
PREFERRED_MONTH_POINTS = 10
# One point per month since the initiative last hosted, up to three years: after that, longer
# makes no difference. Never hosted counts as more than the cap, so it always comes first.
MONTH_SINCE_HOSTED_POINTS = 1
MONTHS_SINCE_HOSTED_CAP = 36
NEVER_HOSTED_POINTS = 40
# Regional spread, half as strong as the host's own turn: the network covers the whole province,
# but a region is many initiatives, and the turn of one initiative matters more.
MONTH_SINCE_REGION_HOSTED_POINTS = 0.5
MONTHS_SINCE_REGION_HOSTED_CAP = 24
REGION_NEVER_HOSTED_POINTS = 15
# The meeting is planned in this region and the host is there: people expect to travel less.
IN_PLANNED_REGION_POINTS = 20
# Comes to meetings but never hosted: three points for each meeting attended, up to ten meetings.
# Attending shows the initiative is part of the network; it is its turn to give something back.
ATTENDED_WITHOUT_HOSTING_POINTS = 3
ATTENDED_WITHOUT_HOSTING_CAP = 10

# The needs a planned meeting can have, and the host's fact that meets each.
NEEDS = (
    "step_free",
    "accessible_toilet",
    "public_transport",
    "parking",
    "catering",
    "projector",
    "hybrid",
)


@dataclass(frozen=True)
class OpenOffer:
    """An offer to host that is still open (proposed, tentatively scheduled or confirmed)."""

    theme: str
    theme_ids: frozenset[int] = frozenset()
    preferred_months: tuple[int, ...] = ()
    offer_id: int | None = None


@dataclass(frozen=True)
class Candidate:
    """An initiative that can host, with what it has and what it did so far."""

    initiative_id: int
    name: str
    slug: str
    region: str | None = None
    capacity: int = 0
    breakout_rooms: int = 0
    step_free: bool = False
    accessible_toilet: bool = False
    public_transport: bool = False
    parking: bool = False
    catering: bool = False
    projector: bool = False
    hybrid_kit: bool = False
    weekdays: tuple[int, ...] = ()
    day_parts: tuple[str, ...] = ()
    offers: tuple[OpenOffer, ...] = ()
    last_hosted: date | None = None
    times_hosted: int = 0
    attended: int = 0
    region_last_hosted: date | None = None
    # Its members have not confirmed these facts for a year (HostCapability.is_stale).
    details_stale: bool = False

    def has(self, need: str) -> bool:
        return bool(getattr(self, "hybrid_kit" if need == "hybrid" else need))


@dataclass(frozen=True)
class PlannedMeeting:
    """What the coordinators have in mind for the next meeting."""

    month: int
    people: int
    region: str | None = None
    needs: frozenset[str] = frozenset()
    breakout_rooms: int = 0
    theme: str = ""
    theme_ids: frozenset[int] = frozenset()


@dataclass
class Suggestion:
    candidate: Candidate
    score: float
    fits: bool
    reasons: list[str] = field(default_factory=list)
    misfits: list[str] = field(default_factory=list)
    offer: OpenOffer | None = None

    @property
    def availability(self) -> str:
        """The days and parts of the day the host is available, in words ("" when not said)."""
        return availability(self.candidate)

    @property
    def summary(self) -> str:
        """The reasons and the misfits as one sentence's worth of words."""
        return "; ".join([*self.reasons, *self.misfits])


def months_between(earlier: date, later: date) -> int:
    """Whole months from `earlier` to `later` (0 when `later` is not after it)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return max(months, 0)


def month_name(month: int) -> str:
    """The month's name in the language of the request (Django's own translations)."""
    return str(MONTHS[month])


def availability(candidate: Candidate) -> str:
    """ "Monday, Thursday; evening": the days (1 is Monday) and parts of the day it can host."""
    parts = {"morning": _("morning"), "afternoon": _("afternoon"), "evening": _("evening")}
    days = ", ".join(str(WEEKDAYS[day - 1]) for day in sorted(candidate.weekdays) if 1 <= day <= 7)
    times = ", ".join(str(parts[part]) for part in parts if part in candidate.day_parts)
    return "; ".join(text for text in (days, times) if text)


def _need_missing(need: str) -> str:
    return {
        "step_free": _("not step-free"),
        "accessible_toilet": _("no accessible toilet"),
        "public_transport": _("no public transport nearby"),
        "parking": _("no parking"),
        "catering": _("no kitchen or catering"),
        "projector": _("no projector or screen"),
        "hybrid": _("no kit for hybrid meetings"),
    }[need]


# Words of four letters or more that say nothing about a theme, so two themes do not "match" on them.
STOPWORDS = frozenset(
    [
        "voor",
        "onder",
        "naar",
        "over",
        "door",
        "zijn",
        "deze",
        "onze",
        "hebben",
        "worden",
        "kunnen",
        "willen",
        "andere",
        "elkaar",
        "samen",
        "welke",
        "waar",
        "wanneer",
        "wijk",
        "buurt",
        "bewoners",
        "initiatief",
        "initiatieven",
        "with",
        "from",
        "that",
        "what",
    ]
)


def _words(text: str) -> set[str]:
    """The words of a theme that say something (longer than three letters, not a stopword)."""
    cleaned = "".join(c if c.isalnum() else " " for c in text.casefold())
    return {word for word in cleaned.split() if len(word) > 3 and word not in STOPWORDS}


def theme_matches(offer: OpenOffer, planned: PlannedMeeting) -> bool:
    """The offer's theme is the planned one: a theme of the list in common, or a telling word."""
    if offer.theme_ids & planned.theme_ids:
        return True
    return bool(planned.theme and _words(offer.theme) & _words(planned.theme))


def _best_offer(offers: Iterable[OpenOffer], planned: PlannedMeeting) -> OpenOffer | None:
    """The offer that fits the plan best: theme first, then month; the earliest otherwise."""
    ranked = sorted(
        enumerate(offers),
        key=lambda pair: (
            not theme_matches(pair[1], planned),
            planned.month not in pair[1].preferred_months,
            pair[0],
        ),
    )
    return ranked[0][1] if ranked else None


def _fit(candidate: Candidate, planned: PlannedMeeting) -> tuple[list[str], list[str]]:
    """What makes the candidate fit (in words) and what keeps it from fitting."""
    misfits: list[str] = []
    if candidate.capacity < planned.people:
        misfits.append(
            _("too small: %(capacity)d places for %(people)d people")
            % {"capacity": candidate.capacity, "people": planned.people}
        )
    if candidate.breakout_rooms < planned.breakout_rooms:
        misfits.append(
            ngettext(
                "too few rooms: %(rooms)d room for smaller groups, %(wanted)d wanted",
                "too few rooms: %(rooms)d rooms for smaller groups, %(wanted)d wanted",
                candidate.breakout_rooms,
            )
            % {"rooms": candidate.breakout_rooms, "wanted": planned.breakout_rooms}
        )
    misfits += [
        _need_missing(need) for need in NEEDS if need in planned.needs and not candidate.has(need)
    ]
    if misfits:
        return [], misfits
    if planned.breakout_rooms:
        fit = ngettext(
            "fits %(people)d people and %(rooms)d room",
            "fits %(people)d people and %(rooms)d rooms",
            planned.breakout_rooms,
        ) % {"people": planned.people, "rooms": planned.breakout_rooms}
    else:
        fit = ngettext("fits %(people)d person", "fits %(people)d people", planned.people) % {
            "people": planned.people
        }
    return [fit], []


def suggest(
    candidates: Iterable[Candidate], planned: PlannedMeeting, today: date
) -> list[Suggestion]:
    """Every candidate as a suggestion, best first (see the module's docstring for the order)."""
    suggestions = [_suggestion(candidate, planned, today) for candidate in candidates]
    suggestions.sort(key=lambda s: (not s.fits, -s.score, s.candidate.name.casefold()))
    return suggestions


def _suggestion(candidate: Candidate, planned: PlannedMeeting, today: date) -> Suggestion:
    score = 0.0
    reasons: list[str] = []

    # Its own turn.
    if candidate.last_hosted is None:
        score += NEVER_HOSTED_POINTS
        reasons.append(_("has never hosted"))
    else:
        months = months_between(candidate.last_hosted, today)
        score += min(months, MONTHS_SINCE_HOSTED_CAP) * MONTH_SINCE_HOSTED_POINTS
        reasons.append(
            ngettext(
                "last hosted %(months)d month ago",
                "last hosted %(months)d months ago",
                months,
            )
            % {"months": months}
        )

    fit, misfits = _fit(candidate, planned)
    reasons += fit

    # The offer.
    offer = _best_offer(candidate.offers, planned)
    if offer is not None:
        score += OPEN_OFFER_POINTS
        if theme_matches(offer, planned):
            score += THEME_MATCH_POINTS
            reasons.append(
                _("offered to host, on the same theme: “%(theme)s”") % {"theme": offer.theme}
            )
        else:
            reasons.append(_("offered to host: “%(theme)s”") % {"theme": offer.theme})
        if planned.month in offer.preferred_months:
            score += PREFERRED_MONTH_POINTS
            reasons.append(
                _("would like to host in %(month)s") % {"month": month_name(planned.month)}
            )
        elif offer.preferred_months:
            months_text = ", ".join(month_name(m) for m in sorted(offer.preferred_months))
            reasons.append(_("would rather host in %(months)s") % {"months": months_text})

    # Attending without hosting.
    if candidate.times_hosted == 0 and candidate.attended:
        score += (
            min(candidate.attended, ATTENDED_WITHOUT_HOSTING_CAP) * ATTENDED_WITHOUT_HOSTING_POINTS
        )
        reasons.append(
            ngettext(
                "came to %(count)d meeting without ever hosting",
                "came to %(count)d meetings without ever hosting",
                candidate.attended,
            )
            % {"count": candidate.attended}
        )

    # The region.
    if candidate.region:
        if planned.region and candidate.region == planned.region:
            score += IN_PLANNED_REGION_POINTS
            reasons.append(_("in region %(region)s") % {"region": candidate.region})
        elif planned.region:
            reasons.append(
                _("outside region %(region)s (in %(own)s)")
                % {"region": planned.region, "own": candidate.region}
            )
        if candidate.region_last_hosted is None:
            score += REGION_NEVER_HOSTED_POINTS
            reasons.append(
                _("region %(region)s has never had a meeting") % {"region": candidate.region}
            )
        else:
            months = months_between(candidate.region_last_hosted, today)
            score += min(months, MONTHS_SINCE_REGION_HOSTED_CAP) * MONTH_SINCE_REGION_HOSTED_POINTS
            reasons.append(
                ngettext(
                    "region %(region)s has not had its turn for %(months)d month",
                    "region %(region)s has not had its turn for %(months)d months",
                    months,
                )
                % {"region": candidate.region, "months": months}
            )

    if candidate.details_stale:
        reasons.append(_("its host details were last confirmed more than a year ago"))

    return Suggestion(
        candidate=candidate,
        score=score,
        fits=not misfits,
        reasons=reasons,
        misfits=misfits,
        offer=offer,
    )


def candidates_in_order(suggestions: Sequence[Suggestion]) -> list[str]:
    """The names in the order suggested: what the tests compare with their tables."""
    return [s.candidate.name for s in suggestions]
