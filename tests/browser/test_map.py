"""The map of initiatives in Chromium: every initiative can be reached, even on a shared point."""

import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from initiatives.models import Municipality
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.browser

Check = Callable[[Page, str], None]


def test_initiatives_on_one_point_are_one_numbered_circle_that_spreads_them_out(
    portal: str, page: Page, check: Check
) -> None:
    # As in the demo data: many initiatives without an address sit on their municipality's centre.
    for number in range(12):
        InitiativeFactory(name=f"Buurtkamer {number:02}")
    zeist = Municipality.objects.get(name="Zeist")
    InitiativeFactory(
        name="Tuin in Zeist",
        municipality=zeist,
        latitude=Decimal("52.09"),
        longitude=Decimal("5.23"),
    )
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    page.goto(f"{portal}/initiatives/map/")
    circle = page.locator(".omzien-map-cluster", has_text=re.compile(r"^12$"))
    expect(circle).to_have_attribute("aria-label", re.compile("12 initiatieven"))
    expect(page.locator(".omzien-map-marker")).to_have_count(1)  # Zeist's own
    check(page, "map")

    circle.click()  # all twelve share one point: spread out at once, whatever the zoom
    markers = page.locator(".omzien-map-marker")
    expect(markers).to_have_count(13)
    page.get_by_role("button", name="Buurtkamer 07").click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup.get_by_role("link", name="Buurtkamer 07")).to_be_visible()
    assert not [error for error in errors if "Content Security Policy" in error]


def test_on_a_phone_the_pop_up_fits_the_map_and_the_zoom_buttons_speak_dutch(
    portal: str, page: Page
) -> None:
    InitiativeFactory(
        name="Tuin in Zeist met een lange naam die de pop-up breed maakt",
        pitch="Een moestuin voor de hele buurt, met een lange zin die de pop-up zo breed mogelijk maakt.",
        municipality=Municipality.objects.get(name="Zeist"),
        latitude=Decimal("52.09"),
        longitude=Decimal("5.23"),
    )
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{portal}/initiatives/map/")
    expect(page.get_by_title("Inzoomen")).to_be_visible()
    expect(page.get_by_title("Uitzoomen")).to_be_visible()
    page.locator(".omzien-map-marker").click()
    popup = page.locator(".leaflet-popup")
    expect(popup).to_be_visible()
    box, map_box = popup.bounding_box(), page.locator("#initiative-map").bounding_box()
    assert box["width"] <= map_box["width"]
