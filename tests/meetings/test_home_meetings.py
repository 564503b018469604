"""The home page points to the meetings: a key figure, the card, the header's section."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from meetings.models import Meeting
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_the_key_figure_counts_upcoming_meetings_and_links_to_the_agenda(client: Client) -> None:
    MeetingFactory.create_batch(3)
    MeetingFactory(status=Meeting.Status.DRAFT)
    past = timezone.now() - timedelta(days=10)
    MeetingFactory(status=Meeting.Status.HELD, starts_at=past, ends_at=past + timedelta(hours=2))
    html = client.get("/").content.decode()
    figure = re.search(
        r'href="/meetings/">komende bijeenkomsten</a>\s*<span class="omzien-figure__count">(\d+)<',
        html,
    )
    assert figure
    assert figure.group(1) == "3"


def test_the_meetings_card_links_to_the_agenda_and_is_no_longer_coming_soon(
    client: Client,
) -> None:
    html = client.get("/").content.decode()
    card = html[html.index("Netwerkbijeenkomsten") - 200 : html.index("Netwerkbijeenkomsten")]
    assert 'href="/meetings/"' in card
    assert "Binnenkort" not in html  # the fund, the last one, is there too


def test_the_header_names_the_section(client: Client) -> None:
    html = client.get("/").content.decode()
    assert re.search(r'<a[^>]*href="/meetings/"[^>]*>\s*Bijeenkomsten\s*</a>', html)
