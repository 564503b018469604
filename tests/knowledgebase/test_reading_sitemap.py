"""sitemap.xml for the public pages of the whole portal: never a draft, pending or hidden thing."""

import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from initiatives.models import Initiative
from knowledgebase.models import Item
from meetings.models import Meeting
from tests.factories import InitiativeFactory
from tests.knowledgebase.factories import ItemFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locations(client: Client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 (the portal's own output)
    return [loc.text or "" for loc in root.iter(f"{NS}loc")]


def everything(client: Client) -> list[str]:
    found = []
    for section in locations(client, "/sitemap.xml"):
        assert section.startswith("http://testserver/sitemap-")
        found += locations(client, section.removeprefix("http://testserver"))
    return found


def test_the_index_names_a_section_per_part_of_the_portal(client: Client) -> None:
    InitiativeFactory()
    MeetingFactory()
    ItemFactory()
    sections = locations(client, "/sitemap.xml")
    for name in ("portal", "initiatives", "meetings", "knowledge"):
        assert f"http://testserver/sitemap-{name}.xml" in sections


def test_public_things_are_listed_and_hidden_ones_never(client: Client) -> None:
    approved = InitiativeFactory(slug="goedgekeurd")
    for status in ("pending", "rejected", "archived"):
        InitiativeFactory(slug=f"initiatief-{status}", status=status)
    MeetingFactory(slug="openbaar", host=approved)
    MeetingFactory(slug="geannuleerd", host=approved, status=Meeting.Status.CANCELLED)
    MeetingFactory(slug="concept-bijeenkomst", host=approved, status=Meeting.Status.DRAFT)
    published = ItemFactory(title="Gepubliceerd")
    hidden = [
        ItemFactory(title=f"Verborgen {status}", status=status)
        for status in ("draft", "submitted", "changes_requested", "rejected")
    ]
    found = everything(client)
    site = "http://testserver"
    for path in (
        "/",
        "/privacy/",
        "/accessibility/",
        "/contact/",
        "/initiatives/",
        "/meetings/",
        "/knowledge/",
        "/initiatives/goedgekeurd/",
        "/meetings/openbaar/",
        "/meetings/geannuleerd/",
        published.get_absolute_url(),
    ):
        assert site + path in found
    text = " ".join(found)
    for status in ("pending", "rejected", "archived"):
        assert f"initiatief-{status}" not in text
    assert "concept-bijeenkomst" not in text
    for item in hidden:
        assert f"/knowledge/{item.pk}/" not in text
    assert Initiative.objects.count() == 4
    assert Item.objects.count() == 5


def test_a_section_costs_a_fixed_number_of_queries(
    client: Client, django_assert_max_num_queries: object
) -> None:
    ItemFactory.create_batch(30)
    with django_assert_max_num_queries(2):  # type: ignore[operator]
        assert len(locations(client, "/sitemap-knowledge.xml")) == 30


def test_an_unknown_section_is_not_found(client: Client) -> None:
    assert client.get("/sitemap-atlantis.xml").status_code == 404
