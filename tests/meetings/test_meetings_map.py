"""The meetings on a map: the markers' data, the plain list beside it, stacked markers."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from initiatives.models import Municipality
from meetings.models import Meeting
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def soon(days: int) -> dict[str, object]:
    start = timezone.now() + timedelta(days=days)
    return {"starts_at": start, "ends_at": start + timedelta(hours=2)}


def test_the_markers_are_the_upcoming_meetings(client: Client) -> None:
    MeetingFactory(
        title="Bij het Krachtstation",
        latitude=Decimal("52.07700"),
        longitude=Decimal("5.09800"),
        **soon(3),
    )
    MeetingFactory(
        title="Zeist zonder adres",
        municipality=Municipality.objects.get(name="Zeist"),
        **soon(4),
    )
    MeetingFactory(title="Concept", status=Meeting.Status.DRAFT, **soon(5))
    MeetingFactory(title="Geweest", status=Meeting.Status.HELD, **soon(-5))
    response = client.get("/meetings/map.json")
    assert response["Content-Type"] == "application/geo+json"
    features = json.loads(response.content)["features"]
    by_name = {f["properties"]["name"]: f for f in features}
    assert set(by_name) == {"Bij het Krachtstation", "Zeist zonder adres"}
    assert by_name["Bij het Krachtstation"]["geometry"]["coordinates"] == [5.098, 52.077]
    zeist = Municipality.objects.get(name="Zeist")
    assert by_name["Zeist zonder adres"]["geometry"]["coordinates"] == [
        float(zeist.longitude),
        float(zeist.latitude),
    ]
    assert by_name["Zeist zonder adres"]["properties"]["url"].startswith("/meetings/")


def test_the_map_data_follows_the_filters(client: Client) -> None:
    MeetingFactory(title="Online", kind=Meeting.Kind.ONLINE, **soon(3))
    MeetingFactory(title="Op locatie", **soon(3))
    features = json.loads(client.get("/meetings/map.json?kind=online").content)["features"]
    assert [f["properties"]["name"] for f in features] == ["Online"]


def test_the_map_page_works_without_javascript(client: Client) -> None:
    MeetingFactory(title="In de wijk", **soon(3))
    html = client.get("/meetings/map/?kind=in_person").content.decode()
    assert "In de wijk" in html  # the plain list
    assert 'data-map-source="/meetings/map.json?kind=in_person"' in html
    assert "leaflet.markercluster.js" in html  # stacked markers spread out


def test_the_names_are_text_not_html(client: Client) -> None:
    MeetingFactory(title="<img src=x onerror=alert(1)>", **soon(3))
    html = client.get("/meetings/map/").content.decode()
    assert "<img src=x" not in html
