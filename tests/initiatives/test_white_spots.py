"""The white spots page: the municipality × theme matrix and the network's growth."""

from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.text import slugify

from initiatives.growth_chart import nice_step
from initiatives.models import Initiative, Municipality, Theme
from omzien.markdown import render_markdown
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

URL = "/initiatives/white-spots/"
THIS_YEAR = timezone.now().year


class MatrixReader(HTMLParser):
    """Reads the matrix as a person sees it: the header row and, per municipality, its cells."""

    def __init__(self) -> None:
        super().__init__()
        self.in_matrix = False
        self.rows: list[list[str]] = []
        self.links: list[str] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "table" and "ws-matrix" in (attributes.get("class") or ""):
            self.in_matrix = True
        elif self.in_matrix and tag == "tr":
            self.rows.append([])
        elif self.in_matrix and tag in ("th", "td"):
            self.cell = []
        elif self.in_matrix and tag == "a":
            self.links.append(attributes["href"] or "")
        elif (
            self.in_matrix
            and tag == "span"
            and "visually-hidden" in (attributes.get("class") or "")
        ):
            self.cell = None if self.cell is None else [*self.cell, "|"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.in_matrix = False
        elif self.in_matrix and tag in ("th", "td") and self.cell is not None:
            # What is shown: the text before any visually hidden part.
            self.rows[-1].append("".join(self.cell).split("|")[0].strip())
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def read_matrix(client: Client) -> tuple[dict[str, dict[str, str]], list[str]]:
    response = client.get(URL)
    assert response.status_code == 200
    reader = MatrixReader()
    reader.feed(response.content.decode())
    header, *rows = reader.rows
    matrix = {row[0]: dict(zip(header[1:], row[1:], strict=True)) for row in rows}
    return matrix, reader.links


def page_text(client: Client) -> str:
    return client.get(URL).content.decode()


def municipalities_without(client: Client) -> str:
    return (
        page_text(client).split("Gemeenten nog zonder goedgekeurd initiatief:")[1].split("</p>")[0]
    )


def test_a_theme_without_initiatives_in_a_municipality_shows_as_a_white_spot(
    visitor: Client,
) -> None:
    InitiativeFactory(themes=["Zorg"])

    matrix, _ = read_matrix(visitor)

    assert matrix["Utrecht"]["Zorg"] == "1"
    assert matrix["Utrecht"]["Energie"] == "–"
    assert matrix["Utrecht"]["Witte vlekken"] == str(Theme.objects.count() - 1)
    assert matrix["Renswoude"]["Initiatieven"] == "0"
    assert matrix["Renswoude"]["Witte vlekken"] == str(Theme.objects.count())


def test_the_matrix_counts_only_approved_initiatives(visitor: Client) -> None:
    InitiativeFactory(themes=["Zorg", "Wonen"])
    InitiativeFactory(themes=["Zorg"])
    for status in ("pending", "rejected", "archived"):
        InitiativeFactory(themes=["Zorg", "Energie"], status=status)

    matrix, _ = read_matrix(visitor)

    assert matrix["Utrecht"]["Zorg"] == "2"
    assert matrix["Utrecht"]["Wonen"] == "1"
    assert matrix["Utrecht"]["Energie"] == "–"
    assert matrix["Utrecht"]["Initiatieven"] == "2"
    assert matrix["Hele provincie"]["Zorg"] == "2"


def test_an_initiative_without_themes_counts_for_its_municipality(visitor: Client) -> None:
    InitiativeFactory(municipality=Municipality.objects.get(name="Bunnik"))

    matrix, _ = read_matrix(visitor)

    assert matrix["Bunnik"]["Initiatieven"] == "1"
    assert "Bunnik" not in municipalities_without(visitor)


def test_each_count_leads_to_the_directory_narrowed_to_municipality_and_theme(
    visitor: Client,
) -> None:
    InitiativeFactory(municipality=Municipality.objects.get(name="De Bilt"), themes=["Wonen"])

    _, links = read_matrix(visitor)

    assert "/initiatives/?municipality=de-bilt&theme=wonen" in links
    assert "/initiatives/?municipality=de-bilt" in links


def test_the_summary_names_the_municipalities_without_any_initiative(visitor: Client) -> None:
    for municipality in Municipality.objects.exclude(name__in=["Lopik", "Eemnes"]):
        InitiativeFactory(municipality=municipality, name=f"Samen {municipality.name}")

    assert "24</span>" in page_text(visitor)
    without = municipalities_without(visitor)
    assert "Eemnes" in without
    assert "Lopik" in without
    assert "Utrecht" not in without


def test_the_chart_gives_the_cumulative_numbers_as_text(visitor: Client) -> None:
    for year, count in ((2013, 3), (2015, 2), (2016, 5)):
        for _ in range(count):
            InitiativeFactory(founded_year=year)
    InitiativeFactory(founded_year=2016, status=Initiative.Status.PENDING)
    InitiativeFactory(founded_year=None)

    text = page_text(visitor)

    assert 'role="img"' in text
    desc = text.split('<desc id="growth-chart-desc">')[1].split("</desc>")[0]
    assert "2013: 3 (+3); 2014: 3 (+0); 2015: 5 (+2); 2016: 10 (+5)" in desc
    assert f"{THIS_YEAR}: 10 (+0)" in desc
    assert "Van 3 initiatieven in 2013 naar 10 in" in text
    assert "Eén initiatief heeft niet opgegeven wanneer het is opgericht" in text
    table = text.split("<details")[1].split("</details>")[0]
    assert "2016" in table
    assert ">10</td>" in table


def test_very_old_initiatives_are_counted_in_the_first_year_shown(visitor: Client) -> None:
    InitiativeFactory(founded_year=1950)
    InitiativeFactory(founded_year=THIS_YEAR)

    text = page_text(visitor)

    first = THIS_YEAR - 24
    assert f"{first}: 1 (+1)" in text
    assert "(en eerder)" in text
    assert "1950" not in text


def test_the_page_works_without_any_initiative(visitor: Client) -> None:
    text = page_text(visitor)

    assert "Nog geen enkel goedgekeurd initiatief heeft zijn oprichtingsjaar opgegeven." in text


@pytest.mark.parametrize(("maximum", "step"), [(0, 1), (3, 1), (10, 5), (152, 50), (15000, 5000)])
def test_the_chart_axis_takes_round_steps(maximum: int, step: int) -> None:
    assert nice_step(maximum) == step


def make_initiatives(count: int) -> None:
    """Many approved initiatives over the municipalities and themes, made in bulk."""
    municipalities = list(Municipality.objects.all())
    themes = list(Theme.objects.all())
    initiatives = Initiative.objects.bulk_create(
        Initiative(
            name=f"Initiatief {number}",
            slug=slugify(f"initiatief {number}"),
            pitch="Bewoners helpen elkaar.",
            description_html=render_markdown(""),
            municipality=municipalities[number % 7],
            founded_year=2013 + number % 12,
            status=Initiative.Status.APPROVED,
        )
        for number in range(count)
    )
    Initiative.themes.through.objects.bulk_create(
        Initiative.themes.through(initiative=initiative, theme=themes[number % len(themes)])
        for number, initiative in enumerate(initiatives)
    )


def queries_for_page(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_page_takes_the_same_number_of_queries_for_few_and_many_initiatives(
    visitor: Client, no_page_cache: None
) -> None:
    make_initiatives(5)
    few = queries_for_page(visitor)
    Initiative.objects.all().delete()
    make_initiatives(200)
    many = queries_for_page(visitor)

    # Municipalities with their totals, themes, the counts per municipality × theme, and the
    # counts per founding year: four, however many initiatives there are; and the content version
    # that the page's cached fragment is kept under (issue 6).
    assert few == many == 5
