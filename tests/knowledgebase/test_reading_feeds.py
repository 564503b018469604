"""RSS and Atom feeds of the published knowledge: all, per kind, per theme."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from knowledgebase.models import Item
from tests.factories import InitiativeFactory
from tests.knowledgebase.factories import DocumentFactory, ItemFactory, PracticeFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def rss_items(client: Client, url: str) -> list[ET.Element]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content).findall("./channel/item")  # noqa: S314 (the portal's own output)


def titles(client: Client, url: str) -> list[str]:
    return [item.findtext("title") or "" for item in rss_items(client, url)]


def test_the_feed_lists_published_items_newest_first(client: Client) -> None:
    now = timezone.now()
    ItemFactory(title="Ouder", published_at=now - timedelta(days=2))
    ItemFactory(title="Nieuwer", published_at=now - timedelta(days=1))
    ItemFactory(title="Concept", status=Item.Status.DRAFT)
    ItemFactory(title="Afgewezen", status=Item.Status.REJECTED)
    assert titles(client, "/knowledge/feed/") == [
        "Praktijkvoorbeeld: Nieuwer",
        "Praktijkvoorbeeld: Ouder",
    ]


def test_links_are_absolute_and_the_author_is_the_initiative(
    client: Client, member: object
) -> None:
    item = PracticeFactory(
        initiative=InitiativeFactory(name="Buurtkracht"), contributor=member, summary="Kort."
    )
    [entry] = rss_items(client, "/knowledge/feed/")
    assert entry.findtext("link") == f"http://testserver{item.get_absolute_url()}"
    assert entry.findtext("guid") == f"http://testserver/knowledge/{item.pk}/"
    assert entry.findtext("description") == "Kort."
    assert member.email not in client.get("/knowledge/feed/").content.decode()  # type: ignore[attr-defined]


def test_the_newest_fifty_at_a_fixed_cost(
    client: Client, django_assert_num_queries: object
) -> None:
    ItemFactory.create_batch(55, initiative=InitiativeFactory())
    with django_assert_num_queries(1):  # type: ignore[operator]
        assert len(rss_items(client, "/knowledge/feed/")) == 50


def test_hostile_text_stays_text(client: Client) -> None:
    ItemFactory(
        title='<script>alert("x")</script> ]]> & meer',
        summary="<b>vet</b> ]]><script>",
        initiative=InitiativeFactory(name="<i>Naam</i> ]]>"),
    )
    for url in ("/knowledge/feed/", "/knowledge/feed/atom/"):
        body = client.get(url).content.decode()
        assert "<script>" not in body
        assert "<b>vet</b>" not in body
        assert "&lt;script&gt;" in body
        root = ET.fromstring(body)  # noqa: S314 (the portal's own output, still well-formed)
        text = "".join(root.itertext())
        assert '<script>alert("x")</script> ]]> & meer' in text
        assert "<b>vet</b> ]]><script>" in text


def test_the_atom_feed(client: Client) -> None:
    item = ItemFactory(title="Samen eten", summary="Kort gezegd.")
    response = client.get("/knowledge/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (the portal's own output)
    [entry] = root.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Praktijkvoorbeeld: Samen eten"
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver{item.get_absolute_url()}"  # type: ignore[union-attr]
    assert entry.findtext(f"{ATOM}summary") == "Kort gezegd."


def test_a_feed_per_kind(client: Client) -> None:
    PracticeFactory(title="Een voorbeeld")
    DocumentFactory(title="Een beleidsregel")
    assert titles(client, "/knowledge/feed/practice/") == ["Praktijkvoorbeeld: Een voorbeeld"]
    assert titles(client, "/knowledge/feed/document/") == ["Document: Een beleidsregel"]
    assert titles(client, "/knowledge/feed/research_question/") == []
    assert titles(client, "/knowledge/feed/research-question/") == []
    assert client.get("/knowledge/feed/atlantis/").status_code == 404


def test_a_feed_per_theme(client: Client) -> None:
    ItemFactory(title="Over eenzaamheid", themes=["Eenzaamheid"])
    ItemFactory(title="Over wonen", themes=["Wonen"])
    ItemFactory(title="Concept", themes=["Eenzaamheid"], status=Item.Status.DRAFT)
    assert titles(client, "/knowledge/themes/eenzaamheid/feed/") == [
        "Praktijkvoorbeeld: Over eenzaamheid"
    ]
    assert client.get("/knowledge/themes/atlantis/feed/").status_code == 404


def test_the_item_page_points_feed_readers_to_the_feeds(client: Client) -> None:
    item = PracticeFactory()
    html = client.get(item.get_absolute_url()).content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'href="/knowledge/feed/"' in html
    assert 'href="/knowledge/feed/atom/"' in html
    assert 'href="/knowledge/feed/practice/"' in html
