"""The decision list: public, append-only in the database, each entry chained to the one before it
by its hash; the command and anyone with the JSON download can verify it, and a changed entry is
found."""

import csv
import hashlib
import io
import json
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Sum
from django.db.utils import DatabaseError
from django.test import Client

from accounts.models import User
from fund.decision_list import GENESIS, verify
from fund.decisions import decide
from fund.models import Application, Decision, LedgerEntry, Round
from initiatives.models import Membership
from tests.factories import InitiativeFactory
from tests.fund.factories import RoundFactory
from tests.fund.factories_decisions import committee_member, ready_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def deciders(fund_committee: User) -> list[User]:
    return [fund_committee, committee_member()]


def decided(
    round_: Round, deciders: list[User], n: int, *, reason: str = "Past goed bij de ronde."
) -> list[Decision]:
    made = []
    for i in range(n):
        application = ready_application(deciders, round=round_, amount_cents=100_00)
        outcome, cents = ("award", 100_00) if i % 2 == 0 else ("reject", 0)
        made.append(
            decide(
                application, outcome=outcome, cents=cents, reason=reason, by=deciders[0]
            ).decision
        )
    return made


def run_command(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_decision_lists", *args, stdout=out, stderr=err)
    except SystemExit as stop:
        return int(stop.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def tamper(sql: str, params: list[object]) -> None:
    """Change an entry as the table's owner could, with the trigger off for a moment (inside the
    test's transaction, which is rolled back)."""
    with connection.cursor() as cursor:
        # The rows' deferred foreign-key checks run first: a table with pending ones cannot be
        # altered.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("ALTER TABLE fund_decision DISABLE TRIGGER fund_decision_append_only")
        cursor.execute(sql, params)
        cursor.execute("ALTER TABLE fund_decision ENABLE TRIGGER fund_decision_append_only")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def test_the_database_refuses_to_change_or_delete_a_decision(deciders: list[User]) -> None:
    (decision,) = decided(RoundFactory(budget_cents=1_000_00), deciders, 1)
    for statement in (
        "UPDATE fund_decision SET reason = 'Anders' WHERE id = %s",
        "UPDATE fund_decision SET amount_cents = 1 WHERE id = %s",
        "DELETE FROM fund_decision WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [decision.pk])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Decision.objects.filter(pk=decision.pk).update(reason="Anders")
    decision.refresh_from_db()
    assert decision.reason == "Past goed bij de ronde."


def test_deleting_the_decider_keeps_the_decision(deciders: list[User]) -> None:
    (decision,) = decided(RoundFactory(budget_cents=1_000_00), deciders, 1)
    deciders[0].delete()
    decision.refresh_from_db()
    assert decision.decided_by is None
    assert verify() == []


def test_the_chain_holds_and_the_command_says_so(deciders: list[User]) -> None:
    round_ = RoundFactory(budget_cents=1_000_00, slug="voorjaar")
    entries = decided(round_, deciders, 3)
    assert [e.number for e in entries] == [1, 2, 3]
    assert entries[0].previous_hash == GENESIS
    assert entries[1].previous_hash == entries[0].hash
    assert entries[2].previous_hash == entries[1].hash
    assert verify() == []
    code, out, err = run_command()
    assert code == 0
    assert err == ""
    assert "3 decision(s)" in out
    assert run_command("--round", "voorjaar")[0] == 0


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ("UPDATE fund_decision SET reason = 'Iets anders' WHERE id = %s", "reason differs"),
        (
            "UPDATE fund_decision SET content = replace(content, 'Past goed', 'Past slecht') "
            "WHERE id = %s",
            "the hash does not match",
        ),
        (
            # A forger who recomputes the hash of the entry they changed breaks the next link.
            "UPDATE fund_decision SET content = replace(content, 'Past goed', 'Past slecht'), "
            "reason = 'Past slecht bij de ronde.', "
            "hash = encode(sha256(convert_to(replace(content, 'Past goed', 'Past slecht'), "
            "'UTF8')), 'hex') WHERE id = %s",
            "the previous hash does not match",
        ),
    ],
)
def test_a_changed_entry_is_found(deciders: list[User], change: str, problem: str) -> None:
    round_ = RoundFactory(budget_cents=1_000_00, slug="najaar")
    RoundFactory(budget_cents=1_000_00, slug="intact")
    entries = decided(round_, deciders, 3)
    tamper(change, [entries[1].pk])
    breaks = verify()
    assert len(breaks) == 1
    found = breaks[0]
    expected_number = 3 if "previous" in problem else 2
    assert (found.round_slug, found.number) == ("najaar", expected_number)
    assert problem in found.problem
    code, _out, err = run_command()
    assert code == 1
    assert f"najaar #{expected_number}" in err
    assert run_command("--round", "intact")[0] == 0


def test_a_gap_in_the_numbers_is_found(deciders: list[User]) -> None:
    round_ = RoundFactory(budget_cents=1_000_00, slug="gat")
    entries = decided(round_, deciders, 3)
    tamper("DELETE FROM fund_decision WHERE id = %s", [entries[1].pk])
    (found,) = verify()
    assert (found.number, found.problem) == (3, "number 2 expected")


def test_the_command_names_an_unknown_round() -> None:
    with pytest.raises(Exception, match="no round"):
        call_command("verify_decision_lists", "--round", "bestaat-niet")


def test_the_public_list_shows_every_decision_and_how_to_check_it(
    deciders: list[User], django_assert_max_num_queries: Callable
) -> None:
    round_ = RoundFactory(budget_cents=5_000_00, name="Voorjaar 2027", slug="voorjaar-2027")
    recused = committee_member(name="Ria Recuse")
    initiative = InitiativeFactory(name="Buurtkracht Zuid")
    Membership.objects.create(initiative=initiative, user=recused)
    application = ready_application(
        deciders, round=round_, initiative=initiative, title="Zomerfeest", amount_cents=300_00
    )
    first = decide(
        application, outcome="part", cents=250_00, reason="Een mooi feest.", by=deciders[0]
    ).decision
    second = decided(round_, deciders, 1, reason="Te weinig buren bereikt.")[0]
    client = Client()

    with django_assert_max_num_queries(12) as queries:
        content = client.get("/fund/rounds/voorjaar-2027/decisions/").content.decode()
    few = len(queries)
    assert "Besluitenlijst van Voorjaar 2027" in content
    assert "1. Zomerfeest" in content
    assert "Buurtkracht Zuid (Utrecht)" in content
    assert "Gedeeltelijk toegekend" in content
    assert "€\xa0250,00" in content
    assert "Een mooi feest." in content
    assert "Te weinig buren bereikt." in content
    assert (
        "Ria Recuse doet niet mee aan dit besluit (lid van het aanvragende initiatief)." in content
    )
    assert first.hash in content
    assert second.hash in content
    assert GENESIS in content
    assert "Hoe kan iedereen controleren" in content
    assert recused.email not in content

    decided(round_, deciders, 8)
    with django_assert_max_num_queries(few):
        content = client.get("/fund/rounds/voorjaar-2027/decisions/").content.decode()
    assert "10. " in content
    assert client.get("/fund/rounds/bestaat-niet/decisions/").status_code == 404


def test_the_json_download_lets_anyone_verify_the_chain(deciders: list[User]) -> None:
    round_ = RoundFactory(budget_cents=1_000_00, slug="controle")
    decided(round_, deciders, 3)
    response = Client().get("/fund/rounds/controle/decisions.json")
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    previous = data["first_previous_hash"]
    assert previous == "0" * 64
    for number, entry in enumerate(data["entries"], start=1):
        assert entry["number"] == number
        assert hashlib.sha256(entry["content"].encode("utf-8")).hexdigest() == entry["hash"]
        facts = json.loads(entry["content"])
        assert facts["previous_hash"] == previous == entry["previous_hash"]
        assert isinstance(facts["amount_cents"], int)
        assert entry["amount_euros"] == ("100.00" if number % 2 else "0.00")
        previous = entry["hash"]


def test_the_csv_download_is_safe_in_a_spreadsheet(fund_committee: User) -> None:
    deciders = [fund_committee, committee_member()]
    round_ = RoundFactory(budget_cents=1_000_00, slug="csv")
    initiative = InitiativeFactory(name='=HYPERLINK("http://x")')
    application = ready_application(deciders, round=round_, initiative=initiative, title="+1+1")
    decide(application, outcome="reject", cents=0, reason="@SUM(A1)", by=deciders[0])
    response = Client().get("/fund/rounds/csv/decisions.csv")
    assert response["Content-Disposition"] == 'attachment; filename="besluitenlijst-csv.csv"'
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text)))
    assert header[:3] == ["Nummer", "Datum", "Initiatief"]
    assert row[2] == '\'=HYPERLINK("http://x")'
    assert row[4] == "'+1+1"
    assert row[7] == "'@SUM(A1)"
    assert row[6] == "0.00"
    assert row[10] == Decision.objects.get().hash
    assert not any(cell.startswith(("=", "+", "@", "-")) for cell in row)


def test_the_rounds_page_partial_counts_the_decisions(deciders: list[User]) -> None:
    from django.template.loader import render_to_string

    round_ = RoundFactory(budget_cents=1_000_00, slug="teller")
    decided(round_, deciders, 3)
    round_.refresh_from_db()
    html = render_to_string("fund/partials/_round_decisions.html", {"round": round_})
    assert "De commissie nam 3 besluiten: 2 toegekend, 1 afgewezen" in html
    assert "€\xa0200,00" in html
    awarded = LedgerEntry.objects.filter(round=round_, kind="award").aggregate(
        s=Sum("amount_cents")
    )
    assert awarded["s"] == round_.awarded_cents == 200_00
    assert "/fund/rounds/teller/decisions/" in html
    assert Application.objects.filter(status="awarded").count() == 2
