"""The public grants page and a grant's page: what a visitor sees, what they never see, and the
filters (issue 9, point 9)."""

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from fund.models import Application, Grant
from initiatives.models import Municipality
from tests.fund.factories_transparency import MoneyWorld, money_world

pytestmark = pytest.mark.django_db

URL = "/fund/grants/"


@pytest.fixture
def world() -> MoneyWorld:
    return money_world()


def text_of(response: object) -> str:
    """The page's text without tags, with runs of white space as one space."""
    html = response.content.decode()  # type: ignore[attr-defined]
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace("\xa0", " ")


def titles(response: object) -> set[str]:
    return {grant.application.title for grant in response.context["rows"]}  # type: ignore[attr-defined]


def test_every_grant_shows_with_its_initiative_money_funders_status_and_report(
    client: Client, world: MoneyWorld
) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    page = text_of(response)
    assert "Waar het geld naartoe ging" in page
    assert titles(response) == {
        "Buurtfeest Kruiskamp",
        "Kas voor de moestuin",
        "Koffieochtenden",
        "Tweede kas",
    }
    assert "Buren van de Kruiskamp (Amersfoort)" in page
    assert "Betaald uit Gemeente Amersfoort € 500,00 , Provincie Utrecht € 2.000,00" in page
    assert "4 toekenningen, samen € 5.500,00 toegekend en € 2.300,00 uitbetaald." in page
    # Statuses in Dutch, and the report of the settled grant accepted.
    assert "Afgerond" in page
    assert "Toegekend" in page
    assert "goedgekeurd" in page
    assert "nog niet goedgekeurd" in page
    initiative_url = world.grants["amersfoort"].initiative.get_absolute_url()
    assert f'href="{initiative_url}"' in response.content.decode()


def test_no_application_that_was_not_awarded_and_no_person_is_ever_shown(
    client: Client, world: MoneyWorld
) -> None:
    # Even a grant row of an application that somehow is not awarded stays out.
    odd = world.grants["foundation"]
    Application.objects.filter(pk=odd.application_id).update(status=Application.Status.WITHDRAWN)
    for url in (URL, "/fund/grants.csv", "/fund/grants.json"):
        body = (
            b"".join(client.get(url).streaming_content) if url != URL else client.get(url).content
        )
        text = body.decode("utf-8-sig")
        for application in world.not_grants:
            assert application.title not in text
        assert "Tweede kas" not in text
        assert "Geheime Beoordelaar" not in text
        assert "beoordelaar@example.nl" not in text
        assert "@example.nl" not in text
    assert client.get(odd.get_absolute_url()).status_code == 404
    draft = world.not_grants[0]
    assert not Grant.objects.filter(application=draft).exists()


def test_the_matrix_lists_every_municipality_and_marks_those_that_received_nothing(
    client: Client, world: MoneyWorld
) -> None:
    response = client.get(URL)
    html = response.content.decode()
    matrix = html[html.index('class="utrecht-table utrecht-table--html-table fund-matrix"') :]
    matrix = matrix[: matrix.index("</table>")]
    for municipality in Municipality.objects.all():
        assert f">\n                            {municipality.name}" in matrix or (
            municipality.name in matrix
        )
    rows = re.findall(r"<tr( class=\"fund-matrix__row--none\")?>\s*<th scope=\"row\"", matrix)
    assert len(rows) == Municipality.objects.count() + 1  # and the province's total
    marked = re.findall(
        r'<tr class="fund-matrix__row--none">\s*<th scope="row"[^>]*>\s*([^<]+?)\s*<span', matrix
    )
    assert "Amersfoort" not in marked
    assert "Zeist" not in marked
    assert "Utrecht" not in marked
    assert len(marked) == Municipality.objects.count() - 3
    page = text_of(response)
    assert "23 van de 26 gemeenten kregen in deze jaren niets" in page
    assert "Oudewater niets ontvangen" in page
    assert '<th scope="col"' in matrix
    assert "<caption" in matrix
    this_year = timezone.localdate().year
    assert f">{this_year - 1}</th>" in matrix
    assert f">{this_year}</th>" in matrix


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year={last}", {"Buurtfeest Kruiskamp", "Kas voor de moestuin", "Koffieochtenden"}),
        ("municipality=amersfoort", {"Buurtfeest Kruiskamp"}),
        ("funder=gemeente-amersfoort", {"Buurtfeest Kruiskamp"}),
        ("funder=stichting-buurtkracht", {"Tweede kas"}),
        ("theme=eenzaamheid", {"Koffieochtenden"}),
        ("round=najaar", {"Tweede kas"}),
        ("municipality=utrecht&round=voorjaar", {"Kas voor de moestuin"}),
    ],
)
def test_each_filter_narrows_the_list_with_an_address_to_share(
    client: Client, world: MoneyWorld, query: str, expected: set[str]
) -> None:
    query = query.format(last=timezone.localdate().year - 1)
    response = client.get(f"{URL}?{query}")
    assert titles(response) == expected
    # The downloads carry the same filters.
    assert f'href="/fund/grants.csv?{query}"' in response.content.decode().replace("&amp;", "&")


def test_a_funder_filter_counts_only_that_funders_money(client: Client, world: MoneyWorld) -> None:
    page = text_of(client.get(f"{URL}?funder=provincie-utrecht"))
    # Three grants: € 2.000,00 of Amersfoort's € 2.500,00 was the province's money.
    assert "3 toekenningen, samen € 3.800,00 toegekend" in page
    assert "De bedragen zijn alleen het geld van Provincie Utrecht." in page


def test_bad_filter_values_are_ignored_and_said_never_an_error(
    client: Client, world: MoneyWorld
) -> None:
    response = client.get(
        f"{URL}?municipality=atlantis&year=1850&funder=&page=99&round=<b>", follow=True
    )
    assert response.redirect_chain == [
        (f"{URL}?year=1850&municipality=atlantis&round=%3Cb%3E&page=99", 302)
    ]
    assert response.status_code == 200
    assert len(titles(response)) == 4
    assert "Selecteer een geldige keuze" in text_of(response)
    assert "<b>" not in response.content.decode()


def test_the_list_is_paged(client: Client, world: MoneyWorld, settings: object) -> None:
    from fund import transparency

    original = transparency.PAGE_SIZE
    try:
        transparency.PAGE_SIZE = 3
        import fund.views.transparency as views

        views.PAGE_SIZE = 3
        first = client.get(URL)
        second = client.get(f"{URL}?page=2")
    finally:
        transparency.PAGE_SIZE = original
        views.PAGE_SIZE = original
    assert len(first.context["rows"]) == 3
    assert titles(second) == {"Buurtfeest Kruiskamp"} or len(titles(second)) == 1
    assert titles(first) | titles(second) == {
        "Buurtfeest Kruiskamp",
        "Kas voor de moestuin",
        "Koffieochtenden",
        "Tweede kas",
    }
    assert 'href="?page=2"' in first.content.decode()


def test_a_grants_page_says_which_money_paid_for_it_and_links_its_decision(
    client: Client, world: MoneyWorld
) -> None:
    grant = world.grants["amersfoort"]
    response = client.get(f"/fund/grants/{grant.pk}/")
    assert response.status_code == 200
    page = text_of(response)
    assert (
        "Betaald uit: Gemeente Amersfoort (geoormerkt voor Amersfoort) € 500,00 , "
        "Provincie Utrecht € 2.000,00" in page
    )
    assert "Een toekenning van € 2.500,00 aan Buren van de Kruiskamp in Amersfoort." in page
    assert "Besluit 1 van de ronde: toegekend, € 2.500,00" in page
    assert "Past goed bij de ronde." in page
    assert "Nog uit te betalen: € 1.500,00." in page
    try:
        decisions = reverse("fund:decisions", args=[grant.round.slug])
    except NoReverseMatch:  # the decisions part's page, there once the parts are merged
        return
    assert f'href="{decisions}#decision-1"' in response.content.decode()


def test_a_partial_award_says_what_was_asked_and_names_a_recusal_without_the_person(
    client: Client, world: MoneyWorld
) -> None:
    grant = world.grants["utrecht"]
    page = text_of(client.get(f"/fund/grants/{grant.pk}/"))
    assert "gedeeltelijk toegekend, € 1.000,00" in page
    assert "Het initiatief vroeg om € 1.500,00." in page
    assert "1 lid van de fondscommissie deed niet mee aan dit besluit" in page
    assert "Geheime Beoordelaar" not in page
    # Paid € 1.000,00, € 200,00 of it paid back.
    assert "Samen € 1.000,00 € 1.000,00 € 200,00" in page


def test_a_settled_grant_shows_its_accepted_report_and_the_money_back(
    client: Client, world: MoneyWorld
) -> None:
    grant = world.grants["zeist"]
    page = text_of(client.get(f"/fund/grants/{grant.pk}/"))
    assert "Afgerond" in page
    assert f"goedgekeurd op {date.today().day}" in page
    assert "Samen € 800,00 € 300,00 € 500,00" in page
    assert "Eenzaamheid" in page


def test_an_unknown_grant_is_not_found(client: Client, world: MoneyWorld) -> None:
    assert client.get("/fund/grants/999999/").status_code == 404


def test_the_sitemap_lists_every_grant_and_nothing_else(client: Client, world: MoneyWorld) -> None:
    xml = client.get("/sitemap-fund-grants.xml").content.decode()
    for grant in world.grants.values():
        assert f"/fund/grants/{grant.pk}/</loc>" in xml
    assert xml.count("<loc>") == len(world.grants)
    assert "/fund/grants/</loc>" in client.get("/sitemap-fund-grant-pages.xml").content.decode()


def test_a_grants_page_shows_a_change_at_once(client: Client, world: MoneyWorld) -> None:
    from tests.fund.factories_transparency import pay_out

    grant = world.grants["foundation"]
    assert "Nog uit te betalen: € 1.200,00." in text_of(client.get(grant.get_absolute_url()))
    pay_out(grant, 700_00)  # the content version moves: neither the grant nor its page is kept
    page = text_of(client.get(grant.get_absolute_url()))
    assert "Nog uit te betalen: € 500,00." in page
    assert "Samen € 1.200,00 € 700,00" in page


def test_the_form_sent_without_javascript_leads_to_a_short_address(
    client: Client, world: MoneyWorld
) -> None:
    response = client.get(f"{URL}?year=&municipality=amersfoort&funder=&theme=&round=")
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?municipality=amersfoort"
    response = client.get(f"{URL}?year=&municipality=&funder=&theme=&round=&page=2")
    assert response["Location"] == f"{URL}?page=2"
