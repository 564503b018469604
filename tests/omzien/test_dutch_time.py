"""Dates and times read the Dutch way (GLOSSARY.md): "1 december 2026", "18.51 uur"."""

from datetime import UTC, datetime

from django.template import Context, Template
from django.utils import translation


def rendered(source: str, value: object) -> str:
    template = Template("{% load dutch_time %}" + source)
    with translation.override("nl"):
        return template.render(Context({"value": value}))


def test_a_moment_reads_as_a_dutch_date_and_time_in_the_portal_time_zone() -> None:
    moment = datetime(2026, 12, 1, 17, 51, tzinfo=UTC)  # 18.51 in Amsterdam
    assert rendered("{{ value|date_and_time }}", moment) == "1 december 2026, 18.51 uur"
    assert rendered("{{ value|clock_time }}", datetime(2026, 3, 27, 8, 5, tzinfo=UTC)) == "9.05 uur"


def test_the_personal_data_dates_read_as_dutch_dates() -> None:
    assert rendered("{{ value|long_date }}", "2026-12-01T10:00:00+00:00") == "1 december 2026"
    assert rendered("{{ value|long_date }}", None) == ""
