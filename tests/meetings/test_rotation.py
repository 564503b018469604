"""The fair-rotation ranking (meetings/rotation.py): tables of candidates and the order expected,
and the reasons it gives in Dutch. Pure: no database."""

from dataclasses import replace
from datetime import date

import pytest
from django.utils import translation

from meetings.rotation import (
    Candidate,
    OpenOffer,
    PlannedMeeting,
    candidates_in_order,
    months_between,
    suggest,
)

TODAY = date(2027, 3, 15)
PLAN = PlannedMeeting(month=5, people=40, region="Eemland")

# A capable host that hosted a year ago, in a region that had a meeting a year ago.
BASE = Candidate(
    initiative_id=0,
    name="",
    slug="",
    region="Utrecht (stad)",
    capacity=60,
    breakout_rooms=3,
    step_free=True,
    accessible_toilet=True,
    public_transport=True,
    projector=True,
    last_hosted=date(2026, 3, 1),
    times_hosted=1,
    region_last_hosted=date(2026, 3, 1),
)


def table(*rows: tuple[str, dict]) -> list[Candidate]:
    return [
        replace(BASE, initiative_id=n, name=name, slug=name.lower(), **changes)
        for n, (name, changes) in enumerate(rows, start=1)
    ]


CASES = {
    "never hosted comes before hosted long ago, and long ago before recently": (
        PLAN,
        table(
            ("Recent", {"last_hosted": date(2027, 1, 10)}),
            ("Nooit", {"last_hosted": None, "times_hosted": 0}),
            ("Lang geleden", {"last_hosted": date(2024, 1, 10), "times_hosted": 3}),
        ),
        ["Nooit", "Lang geleden", "Recent"],
    ),
    "too small, too few rooms or a missing need ranks below every fitting host": (
        replace(PLAN, needs=frozenset({"step_free"}), breakout_rooms=2),
        table(
            ("Te klein", {"capacity": 30, "last_hosted": None, "times_hosted": 0}),
            ("Trap", {"step_free": False, "offers": (OpenOffer("Eenzaamheid"),)}),
            ("Past", {"last_hosted": date(2027, 2, 1)}),
            ("Eén zaal", {"breakout_rooms": 1, "last_hosted": None, "times_hosted": 0}),
        ),
        # Among the misfits the score still orders: the offer first, then by name.
        ["Past", "Trap", "Eén zaal", "Te klein"],
    ),
    "an open offer ranks higher, a matching theme higher still, its month higher again": (
        replace(PLAN, theme="Eenzaamheid onder ouderen"),
        table(
            ("Geen aanbod", {}),
            ("Ander thema", {"offers": (OpenOffer("Repair café opzetten"),)}),
            ("Zelfde thema", {"offers": (OpenOffer("Eenzaamheid in de wijk"),)}),
            (
                "Zelfde thema in mei",
                {"offers": (OpenOffer("Ouderen en eenzaamheid", preferred_months=(5, 6)),)},
            ),
        ),
        ["Zelfde thema in mei", "Zelfde thema", "Ander thema", "Geen aanbod"],
    ),
    "a theme of the list in common matches too": (
        replace(PLAN, theme_ids=frozenset({7})),
        table(
            ("Thema 7", {"offers": (OpenOffer("Iets anders", theme_ids=frozenset({7})),)}),
            ("Thema 8", {"offers": (OpenOffer("Iets anders", theme_ids=frozenset({8})),)}),
        ),
        ["Thema 7", "Thema 8"],
    ),
    "a region that had a meeting recently ranks lower": (
        replace(PLAN, region=None),
        table(
            ("Regio recent", {"region": "Vallei", "region_last_hosted": date(2027, 2, 1)}),
            ("Regio nooit", {"region": "Eemland", "region_last_hosted": None}),
            ("Regio lang", {"region": "Utrecht-West", "region_last_hosted": date(2025, 1, 1)}),
        ),
        ["Regio nooit", "Regio lang", "Regio recent"],
    ),
    "the planned region counts": (
        PLAN,
        table(("Elders", {"region": "Vallei"}), ("Hier", {"region": "Eemland"})),
        ["Hier", "Elders"],
    ),
    "coming often without hosting ranks higher": (
        PLAN,
        table(
            ("Komt nooit", {"last_hosted": None, "times_hosted": 0}),
            ("Komt vaak", {"last_hosted": None, "times_hosted": 0, "attended": 6}),
            ("Komt soms", {"last_hosted": None, "times_hosted": 0, "attended": 2}),
        ),
        ["Komt vaak", "Komt soms", "Komt nooit"],
    ),
    "the same score: by name, whatever the input order": (
        PLAN,
        table(("Bram", {}), ("anna", {}), ("Chris", {})),
        ["anna", "Bram", "Chris"],
    ),
    "hybrid needs the kit": (
        replace(PLAN, needs=frozenset({"hybrid"})),
        table(
            ("Zonder kit", {"last_hosted": None, "times_hosted": 0}),
            ("Met kit", {"hybrid_kit": True}),
        ),
        ["Met kit", "Zonder kit"],
    ),
}


@pytest.mark.parametrize(("planned", "candidates", "expected"), CASES.values(), ids=CASES.keys())
def test_ranking(planned: PlannedMeeting, candidates: list[Candidate], expected: list[str]) -> None:
    assert candidates_in_order(suggest(candidates, planned, TODAY)) == expected
    # The input order never matters.
    assert candidates_in_order(suggest(reversed(candidates), planned, TODAY)) == expected


def test_reasons_in_dutch() -> None:
    planned = PlannedMeeting(month=4, people=50, breakout_rooms=3, region="Eemland")
    candidate = replace(
        BASE,
        name="Buurtkamer De Kei",
        region="Eemland",
        last_hosted=None,
        times_hosted=0,
        attended=4,
        region_last_hosted=date(2026, 1, 10),
        offers=(OpenOffer("Vrijwilligers vinden", preferred_months=(4,)),),
    )
    with translation.override("nl"):
        [suggestion] = suggest([candidate], planned, TODAY)
    assert suggestion.fits
    assert suggestion.misfits == []
    assert suggestion.reasons == [
        "was nog nooit gastheer",
        "past voor 50 mensen en 3 zalen",
        "bood aan gastheer te zijn: ‘Vrijwilligers vinden’",
        "wil graag in april gastheer zijn",
        "kwam al 4 keer, maar was nog nooit gastheer",
        "in regio Eemland",
        "regio Eemland was al 14 maanden niet aan de beurt",
    ]


def test_misfits_in_dutch() -> None:
    planned = PlannedMeeting(
        month=9,
        people=50,
        breakout_rooms=4,
        needs=frozenset({"step_free", "hybrid", "catering"}),
    )
    candidate = replace(
        BASE, name="Klein", capacity=30, step_free=False, last_hosted=date(2026, 12, 1)
    )
    with translation.override("nl"):
        [suggestion] = suggest([candidate], planned, TODAY)
    assert not suggestion.fits
    assert suggestion.misfits == [
        "te klein: 30 plaatsen voor 50 mensen",
        "te weinig zalen: 3 zalen voor kleine groepen, 4 gevraagd",
        "niet drempelvrij",
        "geen keuken of catering",
        "geen apparatuur voor hybride bijeenkomsten",
    ]
    assert suggestion.reasons[0] == "was 3 maanden geleden voor het laatst gastheer"


def test_matching_theme_and_month_in_dutch() -> None:
    planned = PlannedMeeting(month=6, people=20, theme="eenzaamheid")
    candidate = replace(
        BASE,
        name="Samen",
        offers=(
            OpenOffer("Repair café", preferred_months=(6,)),
            OpenOffer("Eenzaamheid doorbreken", preferred_months=(9, 10)),
        ),
    )
    with translation.override("nl"):
        [suggestion] = suggest([candidate], planned, TODAY)
    # The offer on the theme is the one shown, though the other one's month fits.
    assert suggestion.offer == candidate.offers[1]
    assert "bood aan gastheer te zijn, met hetzelfde thema: ‘Eenzaamheid doorbreken’" in (
        suggestion.reasons
    )
    assert "wil liever in september, oktober gastheer zijn" in suggestion.reasons


@pytest.mark.parametrize(
    ("earlier", "later", "months"),
    [
        (date(2026, 1, 10), date(2027, 3, 15), 14),
        (date(2026, 1, 20), date(2027, 3, 15), 13),
        (date(2027, 3, 1), date(2027, 3, 15), 0),
        (date(2027, 4, 1), date(2027, 3, 15), 0),
    ],
)
def test_months_between(earlier: date, later: date, months: int) -> None:
    assert months_between(earlier, later) == months


def test_availability_in_dutch() -> None:
    candidate = replace(BASE, name="Avond", weekdays=(4, 1), day_parts=("evening", "morning"))
    with translation.override("nl"):
        [suggestion] = suggest([candidate], PLAN, TODAY)
        assert suggestion.availability == "maandag, donderdag; ochtend, avond"
        assert suggest([BASE], PLAN, TODAY)[0].availability == ""


def test_stale_details_are_said() -> None:
    with translation.override("nl"):
        [suggestion] = suggest([replace(BASE, name="Oud", details_stale=True)], PLAN, TODAY)
    assert suggestion.reasons[-1] == (
        "de gegevens als gastheer zijn al meer dan een jaar niet bevestigd"
    )


def test_no_theme_match_on_empty_words() -> None:
    planned = replace(PLAN, theme="Samen in de buurt voor elkaar")
    with translation.override("nl"):
        [suggestion] = suggest(
            [replace(BASE, name="B", offers=(OpenOffer("Samen de buurt vergroenen"),))],
            planned,
            TODAY,
        )
    assert "bood aan gastheer te zijn: ‘Samen de buurt vergroenen’" in suggestion.reasons
