"""Money in: a treasurer records a contribution (once, however often the form is sent) and
reverses one recorded by mistake; nobody else may, and nobody can change or delete one."""

import uuid
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.test import Client
from django.utils import timezone

from accounts.models import User
from accounts.roles import TREASURER
from fund.allocation import release_round
from fund.contributions import NewContribution, record, reverse
from fund.errors import FundRuleError
from fund.ledger import derived_mismatches
from fund.models import Contribution, LedgerEntry, Round
from fund.money import euros
from initiatives.models import Municipality, Theme
from tests.concurrency import all_at_once
from tests.factories import role_user
from tests.fund.factories import (
    ContributionFactory,
    FunderFactory,
    RoundFactory,
    awarded_grant,
)
from tests.fund.factories_money import HOSTILE, LONG_WORD, html_of, settled, text_of

NEW = "/fund/contributions/new/"
Login = Callable[[User], Client]


def form_data(funder_pk: int, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "key": str(uuid.uuid4()),
        "funder": funder_pk,
        "amount": "1.250,50",
        "received_on": (timezone.localdate() - timedelta(days=3)).isoformat(),
        "reference": "Afschrift 12",
        "earmark_municipality": "",
        "earmark_theme": "",
        "note": "",
    }
    return data | overrides


@pytest.mark.django_db
def test_a_treasurer_records_a_contribution_with_its_ledger_entry(
    treasurer: User, login: Login
) -> None:
    funder = FunderFactory(name="Rabobank Utrecht")
    client = login(treasurer)
    form = client.get(NEW).content.decode()
    assert 'name="key"' in form
    response = client.post(NEW, form_data(funder.pk), follow=True)
    assert response.redirect_chain[-1][0] == "/fund/money/"
    page = response.content.decode()
    assert f"De bijdrage van {euros(1_250_50)} van Rabobank Utrecht is ingevoerd." in page
    contribution = Contribution.objects.get()
    assert (contribution.amount_cents, contribution.unallocated_cents) == (1_250_50, 1_250_50)
    assert contribution.recorded_by == treasurer
    entry = contribution.ledger_entries.get()
    assert (entry.kind, entry.amount_cents, entry.recorded_by) == (
        LedgerEntry.Kind.CONTRIBUTION,
        1_250_50,
        treasurer,
    )
    assert list(derived_mismatches()) == []


@pytest.mark.django_db
def test_the_form_starts_with_the_funder_it_came_from(treasurer: User, login: Login) -> None:
    funder = FunderFactory(name="Fonds Oost")
    page = html_of(login(treasurer), f"{NEW}?funder={funder.slug}")
    assert f'<option value="{funder.pk}" selected>' in page
    # Nonsense in the address is ignored, never an error.
    assert login(treasurer).get(f"{NEW}?funder=%00%3Cx").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-50", "Een bedrag kan niet negatief zijn."),
        ("0", f"Het bedrag moet minstens {euros(1)} zijn."),
        ("0,00", f"Het bedrag moet minstens {euros(1)} zijn."),
        ("20.000.000", f"Het bedrag mag hoogstens {euros(10_000_000_00)} zijn."),
        ("12,5.3", "Typ een bedrag in euro's, bijvoorbeeld 1.250 of 1.250,50."),
        ("1e6", "Typ een bedrag in euro's, bijvoorbeeld 1.250 of 1.250,50."),
        ("", "Vul het bedrag in dat binnenkwam."),
    ],
)
def test_a_wrong_amount_gets_a_message_and_keeps_what_was_typed(
    treasurer: User, login: Login, amount: str, message: str
) -> None:
    funder = FunderFactory()
    response = login(treasurer).post(NEW, form_data(funder.pk, amount=amount, note="Bewaard"))
    assert response.status_code == 200
    page = response.content.decode()
    assert message.replace("'", "&#x27;") in page
    assert "Bewaard</textarea>" in page
    assert Contribution.objects.count() == 0


@pytest.mark.django_db
def test_a_date_still_to_come_or_long_ago_is_refused(treasurer: User, login: Login) -> None:
    funder = FunderFactory()
    client = login(treasurer)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    page = client.post(NEW, form_data(funder.pk, received_on=tomorrow)).content.decode()
    assert "Deze dag moet nog komen." in page
    page = client.post(NEW, form_data(funder.pk, received_on="1999-12-31")).content.decode()
    assert "Kijk het jaar na" in page
    page = client.post(NEW, form_data(funder.pk, received_on="31-02-2027")).content.decode()
    assert "Typ een datum, bijvoorbeeld 15-03-2027." in page
    assert Contribution.objects.count() == 0


@pytest.mark.django_db
def test_a_double_click_records_one_contribution(treasurer: User, login: Login) -> None:
    funder = FunderFactory(name="Fonds Oost")
    client = login(treasurer)
    data = form_data(funder.pk)
    client.post(NEW, data)
    response = client.post(NEW, data, follow=True)
    assert "was al ingevoerd (het formulier is twee keer verstuurd)" in response.content.decode()
    assert Contribution.objects.count() == 1
    assert LedgerEntry.objects.count() == 1


@pytest.mark.django_db
def test_a_form_used_again_for_other_figures_is_not_taken_for_a_double_click(
    treasurer: User, login: Login
) -> None:
    funder = FunderFactory(name="Fonds Oost")
    client = login(treasurer)
    data = form_data(funder.pk)
    client.post(NEW, data)
    # Back in the browser, another amount, the same form (and key).
    response = client.post(NEW, data | {"amount": "300"})
    page = response.content.decode()
    assert "Dit formulier is al eens verstuurd, voor een bijdrage van" in page
    assert 'value="300"' in page
    assert f'value="{data["key"]}"' not in page  # a fresh key: sent again, it is recorded
    fresh = response.context["form"]["key"].value()
    client.post(NEW, data | {"amount": "300", "key": fresh})
    assert sorted(Contribution.objects.values_list("amount_cents", flat=True)) == [300_00, 1_250_50]


@pytest.mark.django_db
def test_the_same_money_recorded_by_another_treasurer_is_asked_about_first(
    treasurer: User, login: Login
) -> None:
    funder = FunderFactory(name="Fonds Oost")
    ContributionFactory(
        funder=funder, amount_cents=1_250_50, received_on=timezone.localdate() - timedelta(days=3)
    )
    client = login(treasurer)
    data = form_data(funder.pk)
    page = client.post(NEW, data).content.decode()
    assert "op die dag is al ingevoerd. Is dit hetzelfde geld?" in page
    assert 'type="checkbox" name="record_anyway"' in page
    assert Contribution.objects.count() == 1
    client.post(NEW, data | {"record_anyway": "on"})
    assert Contribution.objects.count() == 2
    assert list(derived_mismatches()) == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_one_form_sent_twice_at_the_same_moment_records_one_contribution() -> None:
    funder = FunderFactory(name="Fonds Oost")
    treasurer = role_user(TREASURER)
    data = form_data(funder.pk)
    clients = []
    for _ in range(3):
        client = Client()
        client.force_login(treasurer)
        clients.append(client)

    outcomes = all_at_once(*[lambda c=c: c.post(NEW, data) for c in clients])
    assert [o.status_code for o in outcomes] == [302, 302, 302], outcomes
    assert Contribution.objects.count() == 1
    assert LedgerEntry.objects.count() == 1
    assert list(derived_mismatches()) == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_the_key_guard_holds_in_the_database_too() -> None:
    funder = FunderFactory()
    key = uuid.uuid4()
    facts = NewContribution(funder=funder, amount_cents=500_00, received_on=timezone.localdate())
    outcomes = all_at_once(*[lambda: record(facts, key=key, by=None) for _ in range(4)])
    assert sorted(o.created for o in outcomes) == [False, False, False, True], outcomes
    assert len({o.contribution.pk for o in outcomes}) == 1
    assert Contribution.objects.get().unallocated_cents == 500_00


@pytest.mark.django_db
def test_an_earmark_is_recorded_and_named_plainly(treasurer: User, login: Login) -> None:
    funder = FunderFactory(name="Gemeente Amersfoort")
    amersfoort = Municipality.objects.get(name="Amersfoort")
    theme = Theme.objects.get(name="Eenzaamheid")
    client = login(treasurer)
    client.post(NEW, form_data(funder.pk, earmark_municipality=amersfoort.pk))
    client.post(NEW, form_data(funder.pk, amount="80", earmark_theme=theme.pk))
    assert {
        (c.earmark_municipality_id, c.earmark_theme_id) for c in Contribution.objects.all()
    } == {(amersfoort.pk, None), (None, theme.pk)}
    money = text_of(client, "/fund/money/")
    assert "alleen voor initiatieven in Amersfoort" in money
    assert "alleen voor het thema Eenzaamheid" in money
    statement = text_of(Client(), f"/fund/funders/{funder.slug}/")
    assert "Geoormerkt: alleen voor initiatieven in Amersfoort" in statement


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["person", "member", "coordinator", "fund_committee"])
def test_only_a_treasurer_records_money(persona: str, login: Login, request: object) -> None:
    user = request.getfixturevalue(persona)  # type: ignore[attr-defined]
    funder = FunderFactory()
    assert login(user).post(NEW, form_data(funder.pk)).status_code == 403
    assert Contribution.objects.count() == 0


@pytest.mark.django_db
def test_hostile_text_in_the_reference_and_note_is_shown_as_text(
    treasurer: User, login: Login
) -> None:
    funder = FunderFactory(name=HOSTILE)
    client = login(treasurer)
    client.post(NEW, form_data(funder.pk, reference=HOSTILE[:100], note=f"{HOSTILE} {LONG_WORD}"))
    contribution = Contribution.objects.get()
    for url in ("/fund/money/", f"/fund/contributions/{contribution.pk}/reverse/"):
        page = html_of(client, url)
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert LONG_WORD in html_of(client, "/fund/money/")


# --- reversing ---


def reverse_url(contribution: Contribution) -> str:
    return f"/fund/contributions/{contribution.pk}/reverse/"


@pytest.mark.django_db
def test_a_treasurer_reverses_a_contribution_with_a_reason(treasurer: User, login: Login) -> None:
    contribution = ContributionFactory(amount_cents=700_00, funder__name="Fonds Oost")
    client = login(treasurer)
    page = client.post(reverse_url(contribution), {"reason": "  "}).content.decode()
    assert "Schrijf op waarom deze bijdrage wordt teruggedraaid." in page
    response = client.post(
        reverse_url(contribution), {"reason": "Twee keer ingevoerd"}, follow=True
    )
    assert "is teruggedraaid" in response.content.decode()
    contribution.refresh_from_db()
    assert contribution.reversed_at is not None
    assert contribution.unallocated_cents == 0
    reversal = contribution.ledger_entries.get(reverses__isnull=False)
    assert (reversal.amount_cents, reversal.note, reversal.recorded_by) == (
        -700_00,
        "Twee keer ingevoerd",
        treasurer,
    )
    # Shown as reversed, with its reason, and no second reversal on offer.
    assert "Twee keer ingevoerd" in text_of(client, "/fund/money/")
    again = text_of(client, reverse_url(contribution))
    assert "Deze bijdrage is teruggedraaid op" in again
    assert 'name="reason"' not in html_of(client, reverse_url(contribution))
    # A second click of the button: a message, nothing more.
    response = client.post(reverse_url(contribution), {"reason": "Nog eens"}, follow=True)
    assert "Deze bijdrage is al teruggedraaid." in response.content.decode()
    assert contribution.ledger_entries.count() == 2
    assert list(derived_mismatches()) == []


@pytest.mark.django_db
def test_money_in_a_round_is_not_reversed_and_the_page_says_where_it_is(
    treasurer: User, login: Login
) -> None:
    contribution = ContributionFactory(amount_cents=1_000_00)
    RoundFactory(
        name="Voorjaar 2027", budget_cents=400_00, budget_cents__contributions=[contribution]
    )
    client = login(treasurer)
    page = text_of(client, reverse_url(contribution))
    assert "zit in een ronde" in page
    assert f"Voorjaar 2027 : {euros(400_00)}" in page
    response = client.post(reverse_url(contribution), {"reason": "Verkeerd"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse_url(contribution)
    assert "Haal het eerst uit de ronde." in response.content.decode()
    contribution.refresh_from_db()
    assert contribution.reversed_at is None


@pytest.mark.django_db
def test_money_that_paid_for_a_grant_is_never_reversed_even_when_it_came_back(
    treasurer: User, login: Login
) -> None:
    grant = awarded_grant(cents=300_00)
    settled(grant)
    round_ = Round.objects.get(pk=grant.round_id)
    release_round(round_, by=None)
    contribution = grant.fundings.get().contribution
    contribution.refresh_from_db()
    assert contribution.unallocated_cents == contribution.amount_cents  # all of it back
    client = login(treasurer)
    assert "betaalde mee aan een toekenning" in text_of(client, reverse_url(contribution))
    response = client.post(reverse_url(contribution), {"reason": "Verkeerd"}, follow=True)
    assert "betaalde mee aan een toekenning" in response.content.decode()
    contribution.refresh_from_db()
    assert contribution.reversed_at is None
    assert list(derived_mismatches()) == []


@pytest.mark.django_db
def test_reversing_is_for_treasurers_only(fund_committee: User, login: Login) -> None:
    contribution = ContributionFactory()
    response = login(fund_committee).post(reverse_url(contribution), {"reason": "Weg ermee"})
    assert response.status_code == 403
    contribution.refresh_from_db()
    assert contribution.reversed_at is None


# --- the database keeps a contribution as it was recorded ---


@pytest.mark.django_db
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE fund_contribution SET amount_cents = 1 WHERE id = %s",
        "UPDATE fund_contribution SET earmark_theme_id = NULL, reference = 'x' WHERE id = %s",
        "UPDATE fund_contribution SET received_on = received_on - 1 WHERE id = %s",
        "UPDATE fund_contribution SET note = 'verbeterd' WHERE id = %s",
        "UPDATE fund_contribution SET recorded_by_id = recorded_by_id + 1 WHERE id = %s",
        "DELETE FROM fund_contribution WHERE id = %s",
    ],
)
def test_the_database_refuses_to_change_or_delete_a_contribution(
    statement: str, treasurer: User
) -> None:
    contribution = ContributionFactory(
        amount_cents=500_00,
        recorded_by=treasurer,
        earmark_theme=Theme.objects.first(),
    )
    with (
        pytest.raises(DatabaseError, match="keeps its facts"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement, [contribution.pk])
    assert Contribution.objects.get(pk=contribution.pk).amount_cents == 500_00


@pytest.mark.django_db
def test_the_orm_cannot_change_or_delete_a_contribution_either() -> None:
    contribution = ContributionFactory(amount_cents=500_00)
    with pytest.raises(DatabaseError, match="keeps its facts"), transaction.atomic():
        Contribution.objects.filter(pk=contribution.pk).update(amount_cents=600_00)
    contribution.amount_cents = 600_00
    with pytest.raises(DatabaseError, match="keeps its facts"), transaction.atomic():
        Contribution.objects.bulk_update([contribution], ["amount_cents"])
    with pytest.raises((ProtectedError, IntegrityError, DatabaseError)), transaction.atomic():
        Contribution.objects.filter(pk=contribution.pk).delete()
    # A contribution without entries (never in the ledger) is refused by the trigger itself.
    bare = Contribution.objects.create(
        funder=contribution.funder, amount_cents=100, received_on=timezone.localdate()
    )
    with pytest.raises(DatabaseError, match="keeps its facts"), transaction.atomic():
        bare.delete()
    # A reversal, once made, is never undone.
    contribution.refresh_from_db()
    Contribution.objects.filter(pk=contribution.pk).update(reversed_at=timezone.now())
    with pytest.raises(DatabaseError, match="keeps its facts"), transaction.atomic():
        Contribution.objects.filter(pk=contribution.pk).update(reversed_at=None)


@pytest.mark.django_db
def test_deleting_the_treasurer_keeps_the_contribution_without_them(treasurer: User) -> None:
    contribution = ContributionFactory(recorded_by=treasurer)
    treasurer.delete()
    contribution.refresh_from_db()
    assert contribution.recorded_by is None
    assert contribution.amount_cents == 10_000_00


@pytest.mark.django_db
def test_the_rule_on_reversing_speaks_of_the_field() -> None:
    with pytest.raises(FundRuleError) as caught:
        reverse(ContributionFactory(), by=None, reason="")  # type: ignore[arg-type]
    assert caught.value.field == "reason"


@pytest.mark.django_db
def test_an_earmark_not_in_the_list_is_refused(treasurer: User, login: Login) -> None:
    funder = FunderFactory()
    page = login(treasurer).post(NEW, form_data(funder.pk, earmark_municipality="999999"))
    assert "Kies een gemeente uit de lijst." in page.content.decode()
    assert Contribution.objects.count() == 0
