"""The public ledger and the treasurers' money page: every entry without any person, reversals
shown as such, paged; figures equal to the ledger's sums; a fixed number of queries."""

from collections.abc import Callable

import pytest
from django.db.models import Sum
from django.test import Client

from accounts.models import User
from fund.allocation import add_to_budget
from fund.contributions import reverse
from fund.models import Contribution, LedgerEntry, Round
from fund.money import euros
from fund.statements import fund_split
from initiatives.models import Municipality, Theme
from tests.factories import InitiativeFactory, UserFactory
from tests.fund.factories import ContributionFactory, FunderFactory, RoundFactory, awarded_grant
from tests.fund.factories_money import html_of, paid_out, text_of

Login = Callable[[User], Client]
Kind = LedgerEntry.Kind


@pytest.fixture
def no_page_cache(settings: object) -> None:
    """Counting the queries of making the page, not what its cached fragments save."""
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    settings.CACHES = {"default": dummy, "fragments": dummy}  # type: ignore[attr-defined]


def total(**filters: object) -> int:
    return LedgerEntry.objects.filter(**filters).aggregate(t=Sum("amount_cents"))["t"] or 0


@pytest.mark.django_db
def test_the_ledger_shows_every_entry_in_dutch_without_any_person() -> None:
    treasurer = UserFactory(name="Penningmeester Pietersen", email="piet@example.nl")
    funder = FunderFactory(name="Fonds Oost")
    contribution = ContributionFactory(funder=funder, amount_cents=800_00, recorded_by=treasurer)
    mistake = ContributionFactory(funder=funder, amount_cents=55_00, recorded_by=treasurer)
    reverse(mistake, by=treasurer, reason="Twee keer ingevoerd")
    round_ = RoundFactory(name="Voorjaar 2027")
    add_to_budget(round_, 600_00, by=treasurer, contributions=[contribution])
    grant = awarded_grant(
        cents=400_00,
        round=round_,
        amount_cents=400_00,
        initiative=InitiativeFactory(name="Buurtkamer De Kei"),
        by=treasurer,
    )
    paid_out(grant, 100_00)

    page = text_of(Client(), "/fund/ledger/")
    for kind in ("Bijdrage", "Budget van een ronde", "Toekenning", "Uitbetaling"):
        assert kind in page
    for name in ("Fonds Oost", "Voorjaar 2027", "Buurtkamer De Kei"):
        assert name in page
    original = mistake.ledger_entries.get(reverses=None)
    reversal = mistake.ledger_entries.get(reverses=original)
    assert f"Correctie van boeking {original.pk} (bijdrage) Reden: Twee keer ingevoerd" in page
    assert f"Gecorrigeerd met boeking {reversal.pk}." in page
    assert euros(-55_00) in page
    # Nobody is named: not who recorded, approved or applied.
    assert "Pietersen" not in page
    assert "piet@example.nl" not in page
    assert treasurer.name not in page


@pytest.mark.django_db
def test_the_ledgers_figures_are_its_sums() -> None:
    grant = awarded_grant(cents=700_00)
    paid_out(grant, 250_00)
    ContributionFactory(amount_cents=1_234_56)
    split = fund_split()
    assert split.came_in == total(kind=Kind.CONTRIBUTION)
    assert split.in_fund == Contribution.objects.aggregate(t=Sum("unallocated_cents"))["t"]
    rounds = Round.objects.aggregate(budget=Sum("budget_cents"), awarded=Sum("awarded_cents"))
    assert split.in_rounds == rounds["budget"] - rounds["awarded"]
    assert split.awarded_unpaid == 700_00 - 250_00
    assert split.paid_out == total(kind=Kind.PAYOUT) == 250_00
    page = text_of(Client(), "/fund/ledger/")
    for figure in (split.came_in, split.in_fund, split.in_rounds, split.awarded_unpaid):
        assert euros(figure) in page


@pytest.mark.django_db
@pytest.mark.usefixtures("no_page_cache")
def test_the_ledger_is_paged_in_a_fixed_number_of_queries(
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    awarded_grant(cents=100_00)
    client = Client()
    with django_assert_max_num_queries(12) as few:  # type: ignore[operator]
        assert client.get("/fund/ledger/").status_code == 200
        assert client.get("/fund/ledger/?page=2").status_code == 200
    for _ in range(25):
        contribution = ContributionFactory(amount_cents=300_00)
        reverse(contribution, by=None, reason="Fout")  # type: ignore[arg-type]
    assert LedgerEntry.objects.count() > 50
    with django_assert_max_num_queries(len(few.captured_queries)):  # type: ignore[attr-defined]
        assert client.get("/fund/ledger/").status_code == 200
        assert client.get("/fund/ledger/?page=2").status_code == 200
    second = text_of(client, "/fund/ledger/?page=2")
    assert "pagina 2 van 2" in second
    oldest = LedgerEntry.objects.order_by("created_at", "pk").first()
    assert oldest is not None
    assert f'id="entry-{oldest.pk}"' in html_of(client, "/fund/ledger/?page=2")
    assert f'id="entry-{oldest.pk}"' not in html_of(client, "/fund/ledger/")
    # Nonsense for a page number: the first page, never an error.
    assert client.get("/fund/ledger/?page=%00x").status_code == 200


@pytest.mark.django_db
def test_the_ledger_without_money_says_so() -> None:
    assert "Er is nog geen geld binnengekomen." in text_of(Client(), "/fund/ledger/")


# --- the treasurers' page ---


@pytest.mark.django_db
def test_the_money_page_shows_what_the_fund_holds_general_and_earmarked(
    treasurer: User, login: Login
) -> None:
    amersfoort = Municipality.objects.get(name="Amersfoort")
    theme = Theme.objects.get(name="Eenzaamheid")
    ContributionFactory(amount_cents=1_000_00)
    ContributionFactory(amount_cents=2_000_00, earmark_municipality=amersfoort)
    ContributionFactory(amount_cents=300_00, earmark_municipality=amersfoort)
    ContributionFactory(amount_cents=400_00, earmark_theme=theme)
    round_ = RoundFactory(name="Voorjaar 2027", budget_cents=500_00)  # with 500,00 of its own
    awarded_grant(cents=200_00, round=round_, amount_cents=200_00)
    page = text_of(login(treasurer), "/fund/money/")
    in_fund = Contribution.objects.aggregate(t=Sum("unallocated_cents"))["t"]
    ledger_in_fund = fund_split().in_fund
    assert in_fund == ledger_in_fund == 3_700_00
    assert euros(in_fund) in page
    assert f"Algemeen: voor elk initiatief {euros(1_000_00)}" in page
    assert f"Geoormerkt: alleen voor initiatieven in Amersfoort {euros(2_300_00)}" in page
    assert f"Geoormerkt: alleen voor het thema Eenzaamheid {euros(400_00)}" in page
    round_.refresh_from_db()
    assert (
        f"{euros(round_.budget_cents)} {euros(round_.awarded_cents)} {euros(round_.available_cents)}"
        in page
    )
    assert (round_.budget_cents, round_.awarded_cents) == (
        total(kind=Kind.ROUND_BUDGET, round=round_),
        total(kind=Kind.AWARD, round=round_),
    )


@pytest.mark.django_db
@pytest.mark.usefixtures("no_page_cache")
def test_the_money_page_costs_the_same_queries_for_few_and_many_rows(
    treasurer: User, login: Login, django_assert_max_num_queries: Callable[..., object]
) -> None:
    client = login(treasurer)
    ContributionFactory()
    reverse(ContributionFactory(), by=treasurer, reason="Fout")
    RoundFactory(budget_cents=100_00)
    client.get("/fund/money/")  # the session's first request reads more
    with django_assert_max_num_queries(25) as few:  # type: ignore[operator]
        assert client.get("/fund/money/").status_code == 200
        assert client.get("/fund/money/?page=2").status_code == 200
    amersfoort = Municipality.objects.get(name="Amersfoort")
    for number in range(30):
        contribution = ContributionFactory(
            amount_cents=100_00 + number, earmark_municipality=amersfoort if number % 2 else None
        )
        if number % 3 == 0:
            reverse(contribution, by=treasurer, reason="Fout")
        RoundFactory(budget_cents=10_00)
    with django_assert_max_num_queries(len(few.captured_queries)):  # type: ignore[attr-defined]
        assert client.get("/fund/money/").status_code == 200
        assert client.get("/fund/money/?page=2").status_code == 200
