"""The map of initiatives: its GeoJSON data and the page with the plain list below the map."""

import re
from decimal import Decimal

import pytest
from django.test import Client

from initiatives.models import Municipality
from initiatives.views import map as map_views
from omzien import pdok
from tests.factories import InitiativeFactory, ListingFactory

pytestmark = pytest.mark.django_db

MAP_URL = "/initiatives/map/"
DATA_URL = "/initiatives/map.json"


def collection(client: Client, params: dict | None = None) -> list[dict]:
    response = client.get(DATA_URL, params or {})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = response.json()
    assert data["type"] == "FeatureCollection"
    return data["features"]


def features(client: Client, params: dict | None = None) -> dict[str, dict]:
    """The markers by the initiative's name."""
    return {feature["properties"]["name"]: feature for feature in collection(client, params)}


def test_an_initiative_with_its_own_point_sits_there(visitor: Client) -> None:
    InitiativeFactory(
        name="Tuin aan de Vecht",
        slug="tuin-aan-de-vecht",
        pitch="Samen tuinieren.",
        place="Lombok",
        latitude=Decimal("52.10000"),
        longitude=Decimal("5.11000"),
    )
    feature = features(visitor)["Tuin aan de Vecht"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [5.11, 52.1]}
    assert feature["properties"] == {
        "name": "Tuin aan de Vecht",
        "url": "/initiatives/tuin-aan-de-vecht/",
        "municipality": "Utrecht",
        "place": "Lombok",
        "pitch": "Samen tuinieren.",
    }


def test_an_initiative_without_a_point_sits_at_its_municipalitys_centre(visitor: Client) -> None:
    zeist = Municipality.objects.get(name="Zeist")
    InitiativeFactory(name="Zonder adres", municipality=zeist)
    point = features(visitor)["Zonder adres"]["geometry"]["coordinates"]
    assert point == [float(zeist.longitude), float(zeist.latitude)]


def test_the_map_data_follows_the_filters_and_shows_only_approved_ones(visitor: Client) -> None:
    zeist = Municipality.objects.get(name="Zeist")
    ListingFactory(initiative=InitiativeFactory(name="Biedt aan", municipality=zeist))
    InitiativeFactory(name="Biedt niets", municipality=zeist)
    InitiativeFactory(name="In Utrecht")
    InitiativeFactory(name="Wacht nog", municipality=zeist, status="pending")
    assert set(features(visitor, {"municipality": "zeist"})) == {"Biedt aan", "Biedt niets"}
    assert set(features(visitor, {"municipality": "zeist", "has_offers": "on"})) == {"Biedt aan"}


@pytest.mark.parametrize("number", [5, 200])
def test_the_map_data_is_one_query_whatever_the_number_of_initiatives(
    visitor: Client, django_assert_num_queries: object, number: int, no_page_cache: None
) -> None:
    InitiativeFactory.create_batch(number, themes=["Zorg"])
    # 1: the content version (the shared copy's key; issue 6 added it); 2: the theme exists (form
    # validation); 3: the markers, points coalesced in the query.
    with django_assert_num_queries(3):
        assert len(features(visitor, {"theme": "zorg"})) == number


@pytest.fixture
def limit_of_three(monkeypatch: pytest.MonkeyPatch) -> None:
    """Clusters from the fourth matching initiative on, instead of from the 501st."""
    monkeypatch.setattr(map_views, "MAP_POINTS_LIMIT", 3)


def test_over_the_limit_the_map_data_is_one_numbered_circle_per_municipality(
    visitor: Client, limit_of_three: None
) -> None:
    zeist = Municipality.objects.get(name="Zeist")
    InitiativeFactory.create_batch(2, municipality=zeist, themes=["Zorg"])
    for latitude in ("52.00000", "52.20000"):
        InitiativeFactory(
            municipality=zeist, themes=["Zorg"], latitude=latitude, longitude="5.20000"
        )
    InitiativeFactory(themes=["Zorg"])  # Utrecht
    InitiativeFactory(municipality=zeist, themes=["Welzijn"])
    clusters = {
        feature["properties"]["municipality"]: feature
        for feature in collection(visitor, {"theme": "zorg", "page": "2"})
    }
    assert {name: c["properties"]["count"] for name, c in clusters.items()} == {
        "Utrecht": 1,
        "Zeist": 4,
    }
    longitude, latitude = clusters["Zeist"]["geometry"]["coordinates"]
    assert latitude == pytest.approx((2 * float(zeist.latitude) + 52.0 + 52.2) / 4, abs=1e-5)
    assert longitude == pytest.approx((2 * float(zeist.longitude) + 5.2 * 2) / 4, abs=1e-5)
    properties = clusters["Zeist"]["properties"]
    assert properties["cluster"] is True
    assert properties["url"] == "/initiatives/map/?theme=zorg&municipality=zeist"
    assert properties["list_url"] == "/initiatives/?theme=zorg&municipality=zeist"
    assert "4" in properties["label"]
    assert "Zeist" in properties["label"]


def test_up_to_the_limit_the_map_data_has_a_marker_per_initiative(
    visitor: Client, limit_of_three: None
) -> None:
    InitiativeFactory.create_batch(3)
    assert all("cluster" not in f["properties"] for f in features(visitor).values())
    assert len(features(visitor)) == 3


@pytest.mark.parametrize("number", [4, 40])
def test_the_clustered_map_data_needs_the_same_queries_for_few_and_many(
    visitor: Client,
    django_assert_num_queries: object,
    number: int,
    limit_of_three: None,
    no_page_cache: None,
) -> None:
    InitiativeFactory.create_batch(number, themes=["Zorg"])
    # 1: the content version (the shared copy's key; issue 6 added it); 2: the theme exists;
    # 3: the markers, at most one past the limit; 4: the counts per municipality, since there
    # were more.
    with django_assert_num_queries(4):
        assert len(collection(visitor, {"theme": "zorg"})) == 1


def test_over_the_limit_the_list_below_the_map_counts_per_municipality(
    visitor: Client, limit_of_three: None
) -> None:
    zeist = Municipality.objects.get(name="Zeist")
    InitiativeFactory.create_batch(3, municipality=zeist)
    InitiativeFactory(name="Buurtkamer Zuilen")
    page = visitor.get(MAP_URL).content.decode()
    assert ">Buurtkamer Zuilen</a>" not in page
    assert 'href="/initiatives/map/?municipality=zeist"' in page
    assert 'href="/initiatives/map/?municipality=utrecht"' in page
    assert "4 initiatieven gevonden" in page


def test_the_map_page_has_a_map_and_a_plain_list_of_the_same_initiatives(
    visitor: Client,
) -> None:
    InitiativeFactory(name="Buurtkamer Zuilen", themes=["Welzijn"])
    InitiativeFactory(name="Moestuin", themes=["Natuur en groen"])
    page = visitor.get(MAP_URL, {"theme": "welzijn"}).content.decode()
    assert 'id="initiative-map"' in page
    assert 'data-map-source="/initiatives/map.json?theme=welzijn"' in page
    assert ">Buurtkamer Zuilen</a>" in page
    assert ">Moestuin</a>" not in page
    assert "1 initiatief gevonden" in page


def test_an_htmx_request_on_the_map_page_gets_only_the_list(visitor: Client) -> None:
    InitiativeFactory(name="Buurtkamer Zuilen")
    response = visitor.get(MAP_URL, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "<html" not in page
    assert "data-map-source" in page
    assert ">Buurtkamer Zuilen</a>" in page


def test_the_map_tiles_are_allowed_by_the_content_security_policy(visitor: Client) -> None:
    policy = visitor.get(MAP_URL)["Content-Security-Policy"]
    assert pdok.HOST in policy
    assert "script-src 'self'" in policy


def test_the_map_data_comes_compressed_to_browsers_that_accept_it(visitor: Client) -> None:
    InitiativeFactory.create_batch(30)
    response = visitor.get(DATA_URL, headers={"Accept-Encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"


def where_text(client: Client, url: str) -> str:
    """The words a reader sees in the initiative page's "On the map" panel."""
    page = client.get(url).content.decode()
    panel = page.split('id="where-title"')[1].split("</section>")[0]
    return " ".join(re.sub(r"<[^>]+>", " ", panel).split())


def test_the_initiative_page_says_where_it_is_in_words_not_in_coordinates(
    visitor: Client,
) -> None:
    initiative = InitiativeFactory(
        place="Lombok",
        address="Kanaalstraat 12, 3531 CJ Utrecht",
        latitude=Decimal("52.09123"),
        longitude=Decimal("5.10456"),
    )
    where = where_text(visitor, initiative.get_absolute_url())
    assert "Kanaalstraat 12, 3531 CJ Utrecht" in where
    assert "Lombok" in where
    assert "Utrecht" in where
    assert not re.search(r"52[.,]0912|5[.,]1045", where)


def test_the_initiative_page_without_an_address_names_its_place_and_municipality(
    visitor: Client,
) -> None:
    initiative = InitiativeFactory(
        place="Zuilen", municipality=Municipality.objects.get(name="Zeist")
    )
    where = where_text(visitor, initiative.get_absolute_url())
    assert "Zuilen, Zeist" in where
    assert "het centrum van Zeist" in where


def test_every_map_draws_the_tiles_of_the_one_map_service(visitor: Client) -> None:
    initiative = InitiativeFactory()
    for url in (MAP_URL, initiative.get_absolute_url()):
        page = visitor.get(url).content.decode()
        assert f'data-tiles="{pdok.TILE_URL}"' in page
        assert 'data-attribution="Kaartgegevens © Kadaster"' in page
