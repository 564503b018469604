"""Funders: the treasurers record them; everyone sees each funder's statement, whose figures are
the ledger's sums (checked against the ledger and the kept columns), in a fixed number of
queries."""

from collections.abc import Callable

import pytest
from django.db.models import Sum
from django.test import Client

from accounts.models import User
from fund.allocation import add_to_budget, release_round
from fund.contributions import reverse
from fund.ledger import derived_mismatches
from fund.models import Contribution, Funder, GrantFunding, LedgerEntry, RoundFunding
from fund.money import euros
from fund.statements import FunderStatement, Split
from initiatives.models import Municipality, Theme
from tests.factories import InitiativeFactory
from tests.fund.factories import ContributionFactory, FunderFactory, RoundFactory, awarded_grant
from tests.fund.factories_money import (
    HOSTILE,
    LONG_WORD,
    html_of,
    paid_back,
    paid_out,
    settled,
    text_of,
)

Login = Callable[[User], Client]
Kind = LedgerEntry.Kind


@pytest.fixture
def no_page_cache(settings: object) -> None:
    """Counting the queries of making the page, not what its cached fragments save."""
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    settings.CACHES = {"default": dummy, "fragments": dummy}  # type: ignore[attr-defined]


# --- recording funders ---


@pytest.mark.django_db
def test_a_treasurer_adds_a_funder_and_its_page_is_public(treasurer: User, login: Login) -> None:
    client = login(treasurer)
    response = client.post(
        "/fund/funders/new/",
        {
            "name": "  Provincie   Utrecht ",
            "kind": Funder.Kind.PROVINCE,
            "description": "De provincie steunt\r\nbewonersinitiatieven.",
            "website": "www.provincie-utrecht.nl",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/fund/funders/provincie-utrecht/"
    assert "Provincie Utrecht is toegevoegd aan de financiers." in response.content.decode()
    funder = Funder.objects.get()
    assert (funder.name, funder.website) == (
        "Provincie Utrecht",
        "https://www.provincie-utrecht.nl",
    )
    page = text_of(Client(), "/fund/funders/provincie-utrecht/")
    assert "Provincie Utrecht" in page
    assert "Provincie" in page  # the kind
    assert "Van deze financier is nog niets binnengekomen." in page
    assert "Provincie Utrecht" in text_of(Client(), "/fund/funders/")


@pytest.mark.django_db
def test_a_name_taken_already_gets_a_message_and_nothing_typed_is_lost(
    treasurer: User, login: Login
) -> None:
    FunderFactory(name="Rabobank Utrecht")
    response = login(treasurer).post(
        "/fund/funders/new/",
        {"name": "rabobank utrecht", "kind": "bank", "description": "Bewaard", "website": ""},
    )
    page = response.content.decode()
    assert "Er is al een financier met deze naam." in page
    assert "Bewaard</textarea>" in page
    assert Funder.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("website", "message"),
    [
        ("javascript:alert(1)", "Typ een webadres, bijvoorbeeld https://www.voorbeeld.nl"),
        ("ftp://example.nl/", "Typ een webadres, bijvoorbeeld https://www.voorbeeld.nl"),
    ],
)
def test_only_a_web_address_is_a_website(
    treasurer: User, login: Login, website: str, message: str
) -> None:
    response = login(treasurer).post(
        "/fund/funders/new/", {"name": "Fonds", "kind": "foundation", "website": website}
    )
    assert message in response.content.decode()
    assert Funder.objects.count() == 0


@pytest.mark.django_db
def test_a_funder_keeps_its_address_when_its_name_changes(treasurer: User, login: Login) -> None:
    funder = FunderFactory(name="Fonds Oost", slug="fonds-oost")
    client = login(treasurer)
    form = html_of(client, "/fund/funders/fonds-oost/edit/")
    assert 'value="Fonds Oost"' in form
    response = client.post(
        "/fund/funders/fonds-oost/edit/",
        {"name": "Fonds Oost-Utrecht", "kind": "foundation", "description": "", "website": ""},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/fund/funders/fonds-oost/"
    funder.refresh_from_db()
    assert (funder.name, funder.slug) == ("Fonds Oost-Utrecht", "fonds-oost")


@pytest.mark.django_db
def test_names_that_make_the_same_address_or_none_get_one_of_their_own(
    treasurer: User, login: Login
) -> None:
    client = login(treasurer)
    for name in ("Fonds Oost", "Fonds-Oost!", "New", "???"):
        client.post("/fund/funders/new/", {"name": name, "kind": "other"})
    assert sorted(Funder.objects.values_list("slug", flat=True)) == [
        "financier",
        "fonds-oost",
        "fonds-oost-2",
        "new-2",
    ]
    for funder in Funder.objects.all():
        assert Client().get(funder.get_absolute_url()).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["person", "member", "coordinator", "fund_committee"])
def test_only_a_treasurer_adds_or_changes_a_funder(
    persona: str, login: Login, request: pytest.FixtureRequest
) -> None:
    client = login(request.getfixturevalue(persona))
    funder = FunderFactory(name="Fonds Oost")
    data = {"name": "Anders", "kind": "other"}
    assert client.post("/fund/funders/new/", data).status_code == 403
    assert client.post(f"/fund/funders/{funder.slug}/edit/", data).status_code == 403
    funder.refresh_from_db()
    assert funder.name == "Fonds Oost"
    assert Funder.objects.count() == 1


@pytest.mark.django_db
def test_hostile_text_of_a_funder_is_shown_as_text_everywhere(
    treasurer: User, login: Login
) -> None:
    funder = FunderFactory(name=HOSTILE, description=f"{HOSTILE}\n{LONG_WORD}")
    ContributionFactory(funder=funder, reference=HOSTILE[:100], note=HOSTILE)
    awarded_grant(cents=200_00)  # the ledger has more than contributions
    client = login(treasurer)
    for url in (
        "/fund/funders/",
        funder.get_absolute_url(),
        f"{funder.get_absolute_url()}edit/",
        "/fund/ledger/",
        "/fund/money/",
        f"/fund/contributions/new/?funder={funder.slug}",
    ):
        page = html_of(client, url)
        assert "<script>alert" not in page, url
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page, url
    assert LONG_WORD in html_of(Client(), funder.get_absolute_url())


# --- the statement: its figures are the ledger's ---


def a_funders_history() -> dict[str, object]:
    """A province whose money went (partly) all the way: earmarked and general contributions,
    one reversed, a round budget, grants in two municipalities and themes, payouts, a
    repayment, a settled grant with money released, a closed round."""
    province = FunderFactory(name="Provincie Utrecht", kind=Funder.Kind.PROVINCE)
    amersfoort = Municipality.objects.get(name="Amersfoort")
    utrecht = Municipality.objects.get(name="Utrecht")
    loneliness = Theme.objects.get(name="Eenzaamheid")
    general = ContributionFactory(funder=province, amount_cents=10_000_00)
    earmarked = ContributionFactory(
        funder=province, amount_cents=3_000_00, earmark_municipality=amersfoort
    )
    mistake = ContributionFactory(funder=province, amount_cents=999_00)
    reverse(mistake, by=None, reason="Twee keer ingevoerd")  # type: ignore[arg-type]
    other = ContributionFactory(amount_cents=5_000_00)  # another funder's money

    spring = RoundFactory(name="Voorjaar")
    add_to_budget(spring, 3_000_00, by=None, contributions=[earmarked])
    add_to_budget(spring, 4_000_00, by=None, contributions=[general])
    add_to_budget(spring, 2_000_00, by=None, contributions=[other])
    in_amersfoort = awarded_grant(
        cents=2_500_00,
        round=spring,
        amount_cents=2_500_00,
        initiative=InitiativeFactory(name="Buurtkamer De Kei", municipality=amersfoort),
        theme=loneliness,
    )
    in_utrecht = awarded_grant(
        cents=1_200_00,
        round=spring,
        amount_cents=1_200_00,
        initiative=InitiativeFactory(name="Samen aan Tafel", municipality=utrecht),
    )
    paid_out(in_amersfoort, 2_000_00)
    paid_back(in_amersfoort, 150_00)
    paid_out(in_utrecht, 1_000_00)
    settled(in_utrecht)  # 200,00 back to the fund

    autumn = RoundFactory(name="Najaar")
    add_to_budget(autumn, 500_00, by=None, contributions=[general])
    release_round(autumn, by=None)
    return {"province": province, "spring": spring, "grants": [in_amersfoort, in_utrecht]}


def ledger_split(funder: Funder) -> dict[str, int]:
    """The same figures, summed straight from the entries, and from the kept columns."""
    entries = LedgerEntry.objects.filter(contribution__funder=funder)

    def total(kind: str) -> int:
        return entries.filter(kind=kind).aggregate(t=Sum("amount_cents"))["t"] or 0

    return {
        "came_in": total(Kind.CONTRIBUTION),
        "awarded": total(Kind.AWARD),
        "paid": total(Kind.PAYOUT) - total(Kind.REPAYMENT),
    }


@pytest.mark.django_db
def test_a_statement_adds_up_to_the_ledger_and_the_kept_figures() -> None:
    history = a_funders_history()
    province: Funder = history["province"]  # type: ignore[assignment]
    assert list(derived_mismatches()) == []
    split = FunderStatement(province).split
    straight = ledger_split(province)
    assert split.came_in == straight["came_in"] == 13_000_00
    assert split.awarded == straight["awarded"]
    assert split.paid_out == straight["paid"]
    # The four places add up to what came in.
    assert split.in_fund + split.in_rounds + split.awarded_unpaid + split.paid_out == 13_000_00
    # And each is what the kept columns say.
    contributions = Contribution.objects.filter(funder=province)
    assert split.in_fund == contributions.aggregate(t=Sum("unallocated_cents"))["t"]
    fundings = RoundFunding.objects.filter(contribution__funder=province).aggregate(
        reserved=Sum("reserved_cents"), awarded=Sum("awarded_cents")
    )
    assert split.in_rounds == fundings["reserved"] - fundings["awarded"]
    grant_fundings = GrantFunding.objects.filter(contribution__funder=province).aggregate(
        amount=Sum("amount_cents"),
        paid=Sum("paid_cents"),
        repaid=Sum("repaid_cents"),
        released=Sum("released_cents"),
    )
    assert split.awarded == grant_fundings["amount"]
    assert split.awarded_unpaid == (
        grant_fundings["amount"] - grant_fundings["paid"] - grant_fundings["released"]
    )
    assert split.paid_out == grant_fundings["paid"] - grant_fundings["repaid"]
    assert split.returned == grant_fundings["released"] + grant_fundings["repaid"]


@pytest.mark.django_db
def test_the_statement_page_shows_what_came_in_where_it_went_and_what_is_left() -> None:
    history = a_funders_history()
    province: Funder = history["province"]  # type: ignore[assignment]
    statement = FunderStatement(province)
    split = statement.split
    page = text_of(Client(), province.get_absolute_url())
    for figure in (split.came_in, split.in_fund, split.in_rounds, split.awarded_unpaid):
        assert euros(figure) in page
    assert euros(split.paid_out) in page
    # Earmarks named plainly; the reversed contribution shown as such.
    assert "Geoormerkt: alleen voor initiatieven in Amersfoort" in page
    assert "Per ongeluk ingevoerd en gecorrigeerd: telt niet mee." in page
    # What it paid for, per municipality and per theme, with the amounts from this funder.
    by_municipality = {g.name: g for g in statement.by_municipality}
    assert set(by_municipality) == {"Amersfoort", "Utrecht"}
    assert sum(g.awarded for g in by_municipality.values()) == split.awarded
    assert sum(g.paid_out for g in by_municipality.values()) == split.paid_out
    by_theme = {g.name: g for g in statement.by_theme}
    assert set(by_theme) == {"Eenzaamheid", "geen thema"}
    assert sum(g.awarded for g in by_theme.values()) == split.awarded
    # The earmarked money went to the grant in Amersfoort, never to the one in Utrecht.
    amersfoort_grant = history["grants"][0]  # type: ignore[index]
    utrecht_grant = history["grants"][1]  # type: ignore[index]
    assert not GrantFunding.objects.filter(
        grant=utrecht_grant, contribution__earmark_municipality__isnull=False
    ).exists()
    assert GrantFunding.objects.filter(
        grant=amersfoort_grant, contribution__earmark_municipality__name="Amersfoort"
    ).exists()
    for name in ("Buurtkamer De Kei", "Samen aan Tafel", "Amersfoort", "Eenzaamheid"):
        assert name in page
    assert f"Voorjaar : {euros(split.in_rounds)}" in page
    assert euros(split.returned) in page


@pytest.mark.django_db
def test_the_funders_list_shows_the_ledgers_sums() -> None:
    history = a_funders_history()
    province: Funder = history["province"]  # type: ignore[assignment]
    straight = ledger_split(province)
    page = text_of(Client(), "/fund/funders/")
    assert euros(straight["came_in"]) in page
    assert euros(straight["awarded"]) in page


@pytest.mark.django_db
@pytest.mark.usefixtures("no_page_cache")
def test_the_statement_and_the_funders_list_cost_the_same_queries_for_few_and_many_rows(
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    history = a_funders_history()
    province: Funder = history["province"]  # type: ignore[assignment]
    spring = history["spring"]
    client = Client()
    urls = ("/fund/funders/", province.get_absolute_url(), f"{province.get_absolute_url()}?page=2")
    with django_assert_max_num_queries(30) as few:  # type: ignore[operator]
        for url in urls:
            assert client.get(url).status_code == 200
    for number in range(12):
        funder = FunderFactory()
        ContributionFactory(funder=funder)
        ContributionFactory(funder=province, amount_cents=1_000_00 + number)
    add_to_budget(spring, 8_000_00, by=None)  # type: ignore[arg-type]
    for number in range(60):
        awarded_grant(
            cents=100_00,
            round=spring,
            amount_cents=100_00,
            theme=Theme.objects.all()[number % 4],
            initiative=InitiativeFactory(
                municipality=Municipality.objects.all()[number % 7], name=f"Initiatief {number}"
            ),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):  # type: ignore[attr-defined]
        for url in urls:
            assert client.get(url).status_code == 200
    assert "Toekenningen betaald met dit geld, pagina 2 van 2" in text_of(client, urls[2])


@pytest.mark.django_db
def test_an_unknown_funder_is_a_404() -> None:
    assert Client().get("/fund/funders/bestaat-niet/").status_code == 404


def test_the_split_is_made_of_the_kinds_it_names() -> None:
    split = Split.of(
        {
            Kind.CONTRIBUTION: 1000,
            Kind.ROUND_BUDGET: 800,
            Kind.ROUND_RELEASE: 100,
            Kind.AWARD: 600,
            Kind.PAYOUT: 400,
            Kind.REPAYMENT: 50,
            Kind.RELEASE: 100,
        }
    )
    assert (split.in_fund, split.in_rounds, split.awarded_unpaid, split.paid_out) == (
        450,
        100,
        100,
        350,
    )
    assert split.in_fund + split.in_rounds + split.awarded_unpaid + split.paid_out == 1000


@pytest.mark.django_db
def test_the_sitemap_lists_the_funders_and_the_ledger() -> None:
    funder = FunderFactory(name="Fonds Oost")
    client = Client()
    assert "sitemap-fund-funders.xml" in client.get("/sitemap.xml").content.decode()
    assert funder.get_absolute_url() in client.get("/sitemap-fund-funders.xml").content.decode()
    pages = client.get("/sitemap-fund-money.xml").content.decode()
    assert "/fund/funders/</loc>" in pages
    assert "/fund/ledger/</loc>" in pages
