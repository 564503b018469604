"""The committee opens, changes, funds and closes rounds: the money moves through the ledger in
the same transaction, bad input is told next to its field with nothing typed lost, and the same
form sent twice does its work once."""

import pytest
from django.http import HttpResponse
from django.test import Client

from accounts.models import User
from fund.allocation import add_to_budget
from fund.ledger import derived_mismatches
from fund.models import Contribution, Criterion, LedgerEntry, Round
from initiatives.models import Municipality
from tests.fund.factories import (
    ApplicationFactory,
    ContributionFactory,
    FunderFactory,
    RoundFactory,
    awarded_grant,
    submitted_application,
)
from tests.fund.factories_rounds import criteria_rows, day, edit_round_data, new_round_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

HOSTILE = '<script>alert("x")</script> =HYPERLINK("http://x") ' + "Lang" * 40


@pytest.fixture
def committee(client: Client, fund_committee: User) -> Client:
    client.force_login(fund_committee)
    return client


def text(response: HttpResponse) -> str:
    """The page as a person reads it: amounts have a no-break space after the euro sign."""
    return response.content.decode().replace("\u00a0", " ")


def errors(response: HttpResponse, field: str) -> list[str]:
    return [e.replace("\u00a0", " ") for e in response.context["form"].errors[field]]


def ledger_budget(round_: Round) -> int:
    entries = LedgerEntry.objects.filter(round=round_)
    return sum(e.amount_cents for e in entries.filter(kind=LedgerEntry.Kind.ROUND_BUDGET)) - sum(
        e.amount_cents for e in entries.filter(kind=LedgerEntry.Kind.ROUND_RELEASE)
    )


# --- opening ---


def test_the_committee_opens_a_round_with_its_budget_criteria_and_rules(
    committee: Client, fund_committee: User
) -> None:
    ContributionFactory(amount_cents=50_000_00)
    data = new_round_data(
        **criteria_rows(
            [
                ("Past bij de buurt", "Komt het uit de buurt zelf?", "3"),
                ("Haalbaar plan", "", "1"),
            ]
        ),
        max_cents_per_year="3.000,50",
    )
    response = committee.post("/fund/rounds/new/", data)
    round_ = Round.objects.get()
    assert response.status_code == 302
    assert response["Location"] == "/fund/rounds/voorjaar-2027/"
    assert round_.slug == "voorjaar-2027"
    assert round_.budget_cents == 20_000_00 == ledger_budget(round_)
    assert round_.max_per_application_cents == 2_500_00
    assert round_.max_cents_per_year == 3_000_50
    assert round_.max_grants_per_year == 1
    assert round_.first_timers_first is True
    assert round_.min_reviews == 2
    assert round_.created_by == fund_committee
    assert [(c.name, c.description, c.weight, c.position) for c in round_.criteria.all()] == [
        ("Past bij de buurt", "Komt het uit de buurt zelf?", 3, 0),
        ("Haalbaar plan", "", 1, 1),
    ]
    page = text(committee.get(response["Location"]))
    assert "De ronde is open. € 20.000,00 is voor de ronde gereserveerd." in page
    assert list(derived_mismatches()) == []


def test_the_form_shows_five_empty_criteria_rows_and_the_general_money(
    committee: Client,
) -> None:
    ContributionFactory(amount_cents=12_345_67)
    page = text(committee.get("/fund/rounds/new/"))
    assert 'name="criteria-TOTAL_FORMS" value="5"' in page
    assert "Criterium 5" in page
    assert "€ 12.345,67 aan algemeen geld" in page


def test_two_rounds_with_the_same_name_get_their_own_address(committee: Client) -> None:
    ContributionFactory(amount_cents=50_000_00)
    for name in ("Voorjaar 2027", "Voorjaar 2027", "New", "!!!"):
        response = committee.post(
            "/fund/rounds/new/",
            new_round_data(name=name, budget="1.000", max_per_application_cents="500"),
        )
        assert response.status_code == 302
    assert sorted(Round.objects.values_list("slug", flat=True)) == [
        "ronde",
        "ronde-new",
        "voorjaar-2027",
        "voorjaar-2027-2",
    ]
    assert committee.get("/fund/rounds/ronde-new/").status_code == 200


def test_the_same_form_sent_twice_opens_one_round(committee: Client) -> None:
    ContributionFactory(amount_cents=50_000_00)
    data = new_round_data()
    first = committee.post("/fund/rounds/new/", data)
    second = committee.post("/fund/rounds/new/", data, follow=True)
    assert Round.objects.count() == 1
    assert first["Location"] == second.redirect_chain[-1][0] == "/fund/rounds/voorjaar-2027/"
    assert "Deze ronde was al geopend." in text(second)
    assert Round.objects.get().budget_cents == 20_000_00


def test_money_the_fund_lacks_is_told_next_to_the_budget_and_nothing_is_lost(
    committee: Client,
) -> None:
    ContributionFactory(amount_cents=1_000_00)
    data = new_round_data(description="Mijn zorgvuldig getypte uitleg.")
    response = committee.post("/fund/rounds/new/", data)
    assert response.status_code == 200
    assert not Round.objects.exists()
    assert Contribution.objects.get().unallocated_cents == 1_000_00
    assert errors(response, "budget") == [
        "Het fonds heeft € 1.000,00 aan algemeen geld beschikbaar; het budget vraagt € 20.000,00."
    ]
    page = text(response)
    assert "Mijn zorgvuldig getypte uitleg." in page
    assert 'value="Past bij de buurt"' in page
    assert 'value="20.000"' in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"budget": "-5"}, "budget", "Een bedrag kan niet negatief zijn."),
        ({"budget": "0"}, "budget", "Het bedrag moet minstens € 0,01 zijn."),
        ({"budget": "12,3,4"}, "budget", "Typ een bedrag in euro's"),
        ({"budget": "1" * 25}, "budget", "Typ een bedrag in euro's"),
        ({"budget": "99.999.999"}, "budget", "Het bedrag mag hoogstens € 10.000.000,00 zijn."),
        (
            {"max_per_application_cents": "25.000"},
            "max_per_application_cents",
            "Dit is meer dan het hele budget (€ 20.000,00).",
        ),
        (
            {"closes_on": day(-1).isoformat(), "opens_on": day(-5).isoformat()},
            "closes_on",
            "Deze dag is voorbij",
        ),
        (
            {"closes_on": day(3).isoformat(), "opens_on": day(5).isoformat()},
            "closes_on",
            "De ronde kan niet sluiten voordat ze opengaat.",
        ),
        (
            {"decisions_by": day(10).isoformat()},
            "decisions_by",
            "Besluiten komen na het sluiten van de ronde",
        ),
        ({"min_reviews": "6"}, "min_reviews", "Geef een getal tot en met 5."),
        ({"min_reviews": "0"}, "min_reviews", "Geef een getal vanaf 1."),
        ({"max_grants_per_year": "0"}, "max_grants_per_year", "Geef een getal vanaf 1."),
        ({"name": ""}, "name", "Dit veld is verplicht."),
        ({"opens_on": "31-02-2027"}, "opens_on", "Voer een geldige datum in."),
    ],
)
def test_bad_input_is_told_next_to_its_field(
    committee: Client, changes: dict[str, str], field: str, message: str
) -> None:
    ContributionFactory(amount_cents=50_000_00)
    response = committee.post("/fund/rounds/new/", new_round_data(**changes))
    assert response.status_code == 200
    assert not Round.objects.exists()
    assert any(message in error for error in errors(response, field))
    assert "Geld voor wat buren samen doen tegen eenzaamheid." in text(response)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([], "Geef de ronde minstens één criterium"),
        (
            [("Haalbaar", "", "1"), ("haalbaar ", "", "2")],
            "Een ander criterium heeft deze naam al.",
        ),
        ([("Haalbaar", "", "11")], "Een gewicht is een heel getal van 1 tot en met 10."),
        ([("Haalbaar", "", "0")], "Een gewicht is een heel getal van 1 tot en met 10."),
        ([("", "Alleen uitleg", "1")], "Geef het criterium een naam, of maak de hele rij leeg."),
    ],
)
def test_bad_criteria_are_told_in_their_row(
    committee: Client, rows: list[tuple[str, str, str]], message: str
) -> None:
    ContributionFactory(amount_cents=50_000_00)
    response = committee.post("/fund/rounds/new/", new_round_data(**criteria_rows(rows)))
    assert response.status_code == 200
    assert not Round.objects.exists()
    assert message in text(response)
    assert "Voorjaar 2027" in text(response)


def test_ticked_earmarked_money_is_used_first_and_the_page_says_for_whom(
    committee: Client,
) -> None:
    amersfoort = Municipality.objects.get(name="Amersfoort")
    general = ContributionFactory(amount_cents=30_000_00)
    earmarked = ContributionFactory(
        amount_cents=5_000_00,
        earmark_municipality=amersfoort,
        funder=FunderFactory(name="Gemeente Amersfoort", slug="gemeente-amersfoort"),
    )
    form_page = text(committee.get("/fund/rounds/new/"))
    assert "Gemeente Amersfoort" in form_page
    assert "€ 5.000,00 beschikbaar, alleen voor initiatieven in Amersfoort" in form_page
    assert "Geoormerkt geld mag alleen betalen" in form_page

    response = committee.post("/fund/rounds/new/", new_round_data(earmarked=[str(earmarked.pk)]))
    round_ = Round.objects.get()
    assert response.status_code == 302
    assert {f.contribution_id: f.reserved_cents for f in round_.fundings.all()} == {
        earmarked.pk: 5_000_00,
        general.pk: 15_000_00,
    }
    page = text(committee.get(round_.get_absolute_url()))
    assert "€ 5.000,00 hiervan is alleen voor initiatieven in Amersfoort" in page
    assert list(derived_mismatches()) == []


def test_not_ticked_earmarked_money_stays_out_of_the_round(committee: Client) -> None:
    ContributionFactory(
        amount_cents=50_000_00, earmark_municipality=Municipality.objects.get(name="Amersfoort")
    )
    ContributionFactory(amount_cents=5_000_00)
    response = committee.post("/fund/rounds/new/", new_round_data())
    assert "€ 5.000,00 aan algemeen geld" in errors(response, "budget")[0]
    assert not Round.objects.exists()


# --- changing ---


def test_texts_and_dates_change_and_only_their_columns_are_written(committee: Client) -> None:
    round_ = RoundFactory(budget_cents=10_000_00)
    data = edit_round_data(
        round_, name="Najaar 2027", closes_on=day(40).isoformat(), description=HOSTILE
    )
    # Someone else added money meanwhile: the edit does not write the budget back.
    ContributionFactory(amount_cents=1_000_00)
    add_to_budget(round_, 1_000_00, by=None)
    response = committee.post(f"/fund/rounds/{round_.slug}/edit/", data)
    assert response.status_code == 302
    round_.refresh_from_db()
    assert (round_.name, round_.closes_on) == ("Najaar 2027", day(40))
    assert round_.budget_cents == 11_000_00
    page = text(committee.get(round_.get_absolute_url()))
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


def test_criteria_change_while_nothing_was_submitted(committee: Client) -> None:
    round_ = RoundFactory(budget_cents=10_000_00, criteria=[("Oud", 2), ("Blijft", 1)])
    data = edit_round_data(round_)
    data |= {
        "criteria-0-name": "",
        "criteria-0-description": "",
        "criteria-2-name": "Nieuw",
        "criteria-2-weight": "7",
        "max_per_application_cents": "3.000",
    }
    response = committee.post(f"/fund/rounds/{round_.slug}/edit/", data)
    assert response.status_code == 302
    assert list(round_.criteria.values_list("name", "weight")) == [("Blijft", 1), ("Nieuw", 7)]
    round_.refresh_from_db()
    assert round_.max_per_application_cents == 3_000_00


def test_after_a_submission_the_rules_and_criteria_stay_and_the_page_says_why(
    committee: Client,
) -> None:
    round_ = RoundFactory(budget_cents=10_000_00, criteria=[("Oud", 2)])
    submitted_application(round=round_)
    page = text(committee.get(f"/fund/rounds/{round_.slug}/edit/"))
    assert "Er zijn al aanvragen ingediend" in page
    assert "criteria-TOTAL_FORMS" not in page
    data = edit_round_data(round_, name="Andere naam", max_per_application_cents="9.999")
    del data["rules_open"]
    response = committee.post(f"/fund/rounds/{round_.slug}/edit/", data)
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.name == "Andere naam"
    assert round_.max_per_application_cents == 5_000_00
    assert list(round_.criteria.values_list("name", flat=True)) == ["Oud"]


def test_a_submission_while_the_form_was_open_saves_nothing_and_says_why(
    committee: Client,
) -> None:
    round_ = RoundFactory(budget_cents=10_000_00, criteria=[("Oud", 2)])
    data = edit_round_data(round_, name="Andere naam", **{"criteria-0-name": "Nieuw"})
    submitted_application(round=round_)
    response = committee.post(f"/fund/rounds/{round_.slug}/edit/", data)
    assert response.status_code == 200
    assert "Er is een aanvraag ingediend terwijl je de ronde aan het wijzigen was" in (
        text(response)
    )
    assert 'value="Andere naam"' in text(response)
    round_.refresh_from_db()
    assert round_.name != "Andere naam"
    # Sent again from the page it got back: the texts are saved.
    data = edit_round_data(round_, name="Andere naam")
    del data["rules_open"]
    assert committee.post(f"/fund/rounds/{round_.slug}/edit/", data).status_code == 302
    round_.refresh_from_db()
    assert round_.name == "Andere naam"
    assert list(round_.criteria.values_list("name", flat=True)) == ["Oud"]


def test_a_closing_date_in_the_past_stays_when_it_is_not_changed(committee: Client) -> None:
    round_ = RoundFactory(opens_on=day(-30), closes_on=day(-2), budget_cents=1_000_00)
    response = committee.post(
        f"/fund/rounds/{round_.slug}/edit/", edit_round_data(round_, description="Bijgewerkt")
    )
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.description == "Bijgewerkt"


# --- money ---


def test_adding_money_to_the_budget_and_a_double_click_adds_it_once(committee: Client) -> None:
    round_ = RoundFactory(budget_cents=10_000_00)
    ContributionFactory(amount_cents=5_000_00)
    data = {"budget": "2.500", "budget_was": str(round_.budget_cents)}
    first = committee.post(f"/fund/rounds/{round_.slug}/budget/", data, follow=True)
    second = committee.post(f"/fund/rounds/{round_.slug}/budget/", data, follow=True)
    round_.refresh_from_db()
    assert round_.budget_cents == 12_500_00 == ledger_budget(round_)
    assert "€ 2.500,00 is aan het budget toegevoegd" in text(first)
    assert "€ 2.500,00 was al aan het budget toegevoegd" in text(second)
    assert list(derived_mismatches()) == []


def test_a_budget_changed_by_someone_else_is_told_and_the_form_can_be_sent_again(
    committee: Client,
) -> None:
    round_ = RoundFactory(budget_cents=10_000_00)
    ContributionFactory(amount_cents=5_000_00)
    response = committee.post(
        f"/fund/rounds/{round_.slug}/budget/", {"budget": "1.000", "budget_was": "500000"}
    )
    assert response.status_code == 200
    assert (
        "Het budget is veranderd terwijl je het formulier invulde"
        in (errors(response, "budget")[0])
    )
    assert 'name="budget_was" value="1000000"' in text(response)
    assert 'value="1.000"' in text(response)


def test_adding_more_than_the_fund_has_is_told_next_to_the_amount(committee: Client) -> None:
    round_ = RoundFactory(budget_cents=10_000_00)
    response = committee.post(
        f"/fund/rounds/{round_.slug}/budget/",
        {"budget": "1", "budget_was": str(round_.budget_cents)},
    )
    assert "Het fonds heeft € 0,00 aan algemeen geld beschikbaar" in (errors(response, "budget")[0])


# --- closing ---


def test_a_round_closes_only_after_its_closing_date(committee: Client) -> None:
    round_ = RoundFactory(budget_cents=10_000_00)
    page = text(committee.get(f"/fund/rounds/{round_.slug}/close/"))
    assert "Je kunt de ronde na die dag sluiten." in page
    response = committee.post(f"/fund/rounds/{round_.slug}/close/")
    assert response.status_code == 200
    assert "sluit de ronde na die dag" in text(response)
    round_.refresh_from_db()
    assert round_.closed_at is None


def test_a_round_with_applications_waiting_does_not_close(committee: Client) -> None:
    round_ = RoundFactory(budget_cents=10_000_00, opens_on=day(-30), closes_on=day(-1))
    submitted_application(round=round_)
    page = text(committee.get(f"/fund/rounds/{round_.slug}/close/"))
    assert "1 aanvraag wacht nog op een besluit" in page
    response = committee.post(f"/fund/rounds/{round_.slug}/close/")
    assert response.status_code == 200
    round_.refresh_from_db()
    assert round_.closed_at is None


def test_closing_gives_what_was_not_awarded_back_and_twice_is_harmless(
    committee: Client,
) -> None:
    round_ = RoundFactory(budget_cents=10_000_00, opens_on=day(-30), closes_on=day(-1))
    awarded_grant(cents=3_000_00, round=round_)
    ApplicationFactory(round=round_)  # a draft does not hold the round open
    first = committee.post(f"/fund/rounds/{round_.slug}/close/", follow=True)
    second = committee.post(f"/fund/rounds/{round_.slug}/close/", follow=True)
    round_.refresh_from_db()
    assert round_.closed_at is not None
    assert round_.budget_cents == round_.awarded_cents == 3_000_00
    assert "De ronde is gesloten. € 7.000,00 is teruggegaan naar het fonds." in (text(first))
    assert "€ 7.000,00 van het budget is teruggegaan naar het fonds" in text(second)
    assert (
        LedgerEntry.objects.filter(round=round_, kind=LedgerEntry.Kind.ROUND_RELEASE).count() == 1
    )
    # A closed round no longer changes.
    edit = committee.get(f"/fund/rounds/{round_.slug}/edit/", follow=True)
    assert "Deze ronde is gesloten" in text(edit)
    assert list(derived_mismatches()) == []


def test_only_the_committee_opens_and_changes_rounds(
    client: Client, treasurer: User, coordinator: User
) -> None:
    round_ = RoundFactory(budget_cents=1_000_00)
    for person in (treasurer, coordinator):
        client.force_login(person)
        for url in ("/fund/rounds/new/", f"/fund/rounds/{round_.slug}/edit/"):
            response = client.get(url)
            assert response.status_code == 403
            assert "Dit mag alleen de fondscommissie." in text(response)
        assert client.post(f"/fund/rounds/{round_.slug}/close/").status_code == 403
    assert Criterion.objects.filter(round=round_).count() == 2


def test_opening_is_one_transaction_with_the_money(committee: Client) -> None:
    """A round refused for its money leaves no row, criterion or entry behind."""
    ContributionFactory(amount_cents=100_00)
    committee.post("/fund/rounds/new/", new_round_data())
    assert not Round.objects.exists()
    assert not Criterion.objects.exists()
    assert LedgerEntry.objects.exclude(kind=LedgerEntry.Kind.CONTRIBUTION).count() == 0
