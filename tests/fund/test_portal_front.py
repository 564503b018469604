"""The fund's front page (/fund/): what the fund is, its rounds with dates and budgets, its figures
(equal to the ledger's sums), where the money came from, and for each person the way to apply or
to their work."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection, transaction
from django.db.models import Sum
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from accounts.models import User
from fund.allocation import award, release_round
from fund.ledger import reverse_contribution
from fund.models import Application, Grant, LedgerEntry, Round
from initiatives.models import Initiative, Municipality
from omzien import frame
from tests.factories import InitiativeFactory, UserFactory
from tests.fund.factories import (
    ContributionFactory,
    FunderFactory,
    RoundFactory,
    submitted_application,
)
from tests.fund.factories_portal import decided

pytestmark = pytest.mark.django_db

URL = "/fund/"


def text_of(response: object) -> str:
    html = response.content.decode()  # type: ignore[attr-defined]
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).replace("\xa0", " ").split())


def grant_on(day: date, cents: int, round_: Round, initiative: Initiative) -> Grant:
    application = submitted_application(
        round=round_, initiative=initiative, amount_cents=cents, lines=[("Alles", cents)]
    )
    with transaction.atomic():
        grant = award(application, cents, by=None, on=day)
        Application.objects.filter(pk=application.pk).update(status=Application.Status.AWARDED)
    return grant


def test_visitors_read_what_the_fund_is_and_its_open_and_coming_rounds(visitor: Client) -> None:
    today = timezone.localdate()
    RoundFactory(
        name="Ontmoeten",
        opens_on=today - timedelta(days=3),
        closes_on=date(today.year + 1, 3, 27),
        decisions_by=date(today.year + 1, 4, 30),
        max_per_application_cents=5_000_00,
        first_timers_first=True,
        budget_cents=18_000_00,
    )
    RoundFactory(
        name="Sterke buurten",
        opens_on=today + timedelta(days=40),
        closes_on=today + timedelta(days=90),
        budget_cents=10_000_00,
    )
    closed = RoundFactory(name="Startronde", budget_cents=1_000_00)
    release_round(closed, by=None)
    RoundFactory(
        name="Verlopen ronde",
        opens_on=today - timedelta(days=60),
        closes_on=today - timedelta(days=1),
    )

    text = text_of(visitor.get(URL))

    assert "Gemeenschapsfonds" in text
    assert "Open over geld" in text
    assert "doet niet mee aan dit besluit" in text
    assert "Gelijkwaardig" in text
    assert f"Ontmoeten Open Aanvragen tot en met 27 maart {today.year + 1}" in text
    assert "Budget € 18.000,00 Hoogstens per aanvraag € 5.000,00" in text
    assert f"Besluiten uiterlijk op 30 april {today.year + 1}" in text
    assert "Initiatieven die nog nooit geld van het fonds kregen, gaan voor." in text
    assert "Sterke buurten Binnenkort open Open van" in text
    assert "Budget € 10.000,00" in text
    assert "Startronde" not in text
    assert "Verlopen ronde" not in text
    # Visitors are shown how to apply, and asked to log in first.
    assert "Zo vraag je aan" in text
    assert "vanaf € 1.500,00 ook wat je per begrotingsregel uitgaf" in text
    assert "Om aan te vragen log je eerst in." in text


def test_the_figures_are_the_ledgers_sums(visitor: Client) -> None:
    today = timezone.localdate()
    province = FunderFactory(name="Provincie Utrecht")
    ContributionFactory(funder=province, amount_cents=30_000_00)
    ContributionFactory(
        funder=FunderFactory(name="Gemeente Amersfoort"),
        amount_cents=12_000_00,
        earmark_municipality=Municipality.objects.get(name="Amersfoort"),
    )
    mistake = ContributionFactory(funder=province, amount_cents=999_00)
    reverse_contribution(mistake, by=None, note="Dubbel ingevoerd")
    round_ = RoundFactory(budget_cents=20_000_00, budget_cents__contributions=None)
    zuilen, hoogland = InitiativeFactory(name="De Kracht van Zuilen"), InitiativeFactory()
    grant_on(today, 4_800_00, round_, zuilen)
    grant_on(today.replace(day=1, month=1), 1_250_50, round_, hoogland)
    grant_on(date(today.year - 1, 11, 3), 2_000_00, round_, zuilen)

    text = text_of(visitor.get(URL))

    entries = LedgerEntry.objects.filter(kind=LedgerEntry.Kind.CONTRIBUTION)
    money_in = entries.aggregate(total=Sum("amount_cents"))["total"]
    awards = LedgerEntry.objects.filter(kind=LedgerEntry.Kind.AWARD)
    this_year = awards.filter(grant__awarded_on__year=today.year).aggregate(t=Sum("amount_cents"))
    ever = awards.aggregate(t=Sum("amount_cents"))
    # The contribution the round's factory added, the two above, the reversed one netted out.
    assert money_in == 62_000_00
    assert this_year["t"] == 6_050_50
    assert ever["t"] == 8_050_50
    assert "€ 62.000,00 ingelegd door 3 financiers" not in text  # the label comes first
    assert "ingelegd door 3 financiers € 62.000,00" in text
    assert f"toegekend in {today.year} € 6.050,50" in text
    assert "toegekend sinds de start, in 3 toekenningen € 8.050,50" in text
    assert "initiatieven gesteund 2" in text
    # Where the money came from: each funder with what came in and was not reversed.
    assert "Provincie Utrecht € 30.000,00" in text
    assert "Gemeente Amersfoort € 12.000,00" in text


def test_the_decision_lists_are_listed_with_what_they_hold(
    visitor: Client, fund_committee: User
) -> None:
    round_ = RoundFactory(name="Startronde", budget_cents=10_000_00)
    decided(submitted_application(round=round_), "award", by=fund_committee)
    decided(submitted_application(round=round_), "reject", by=fund_committee)
    RoundFactory(name="Zonder besluiten")

    text = text_of(visitor.get(URL))

    assert "Besluitenlijst van Startronde 2 besluiten, 1 met geld" in text
    assert "Besluitenlijst van Zonder besluiten" not in text


def _fill(number: int) -> None:
    today = timezone.localdate()
    committee = UserFactory()
    for index in range(number):
        funder = FunderFactory()
        contribution = ContributionFactory(funder=funder, amount_cents=5_000_00)
        round_ = RoundFactory(
            closes_on=today + timedelta(days=10 + index),
            budget_cents=4_000_00,
            budget_cents__contributions=[contribution],
        )
        decided(submitted_application(round=round_), "award", by=committee)


@pytest.mark.parametrize("persona", ["visitor", "member", "fund_committee"])
def test_the_page_needs_the_same_queries_for_few_and_many_rows(
    client: Client, request: pytest.FixtureRequest, persona: str
) -> None:
    from django.core.cache import caches

    if persona != "visitor":
        user = request.getfixturevalue(persona)
        InitiativeFactory(admin=user)
        client.force_login(user)
    _fill(2)
    client.get(URL)  # the first page after logging in writes the session
    caches["fragments"].clear()
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    _fill(25)
    caches["fragments"].clear()
    with CaptureQueriesContext(connection) as many:
        assert client.get(URL).status_code == 200
    assert len(many) == len(few), "\n".join(q["sql"][:150] for q in many)
    # And served from the fragments, the public part costs nothing.
    with CaptureQueriesContext(connection) as cached:
        client.get(URL)
    assert len(cached) < len(few)


def test_hostile_text_is_shown_as_text(visitor: Client) -> None:
    hostile = '<script>alert("fonds")</script>=HYPERLINK("http://x")'
    long_word = "Buurtkrachtcentrum" * 3
    ContributionFactory(funder=FunderFactory(name=hostile, slug="vijandig"), amount_cents=100_00)
    RoundFactory(name=long_word + hostile, slug="lang", budget_cents=50_00)
    html = visitor.get(URL).content.decode()
    assert "<script>alert" not in html
    assert escape(hostile) in html
    assert escape(long_word + hostile) in html


def test_members_are_shown_the_open_rounds_for_their_initiatives(
    client: Client, member: User, other_member: User, person: User
) -> None:
    InitiativeFactory(name="Buurtkracht X", admin=member)
    InitiativeFactory(name="Nog niet goedgekeurd", admin=member, status=Initiative.Status.PENDING)
    InitiativeFactory(name="Samen Y", admin=other_member)
    RoundFactory(name="Ontmoeten", budget_cents=1_000_00)

    client.force_login(member)
    text = text_of(client.get(URL))
    assert "Je kunt aanvragen voor Buurtkracht X." in text
    assert "Nog niet goedgekeurd." not in text
    assert "Aanvragen in Ontmoeten" in text

    # The person's own part is never shared: the next person sees their own.
    client.force_login(other_member)
    text = text_of(client.get(URL))
    assert "Je kunt aanvragen voor Samen Y." in text
    assert "Buurtkracht X" not in text

    client.force_login(person)
    text = text_of(client.get(URL))
    assert "Je kunt aanvragen als je lid bent van een initiatief" in text
    assert "Aanvragen in Ontmoeten" not in text


def test_without_an_open_round_members_hear_so(client: Client, member: User) -> None:
    InitiativeFactory(admin=member)
    today = timezone.localdate()
    RoundFactory(opens_on=today + timedelta(days=5), closes_on=today + timedelta(days=30))
    client.force_login(member)
    text = text_of(client.get(URL))
    assert "Er is nu geen ronde open." in text


def test_the_fund_roles_are_shown_the_way_to_their_work(
    client: Client, fund_committee: User, treasurer: User, member: User
) -> None:
    client.force_login(fund_committee)
    assert "Jouw werk voor het fonds" in text_of(client.get(URL))
    client.force_login(treasurer)
    assert "Jouw werk voor het fonds" in text_of(client.get(URL))
    client.force_login(member)
    assert "Jouw werk voor het fonds" not in text_of(client.get(URL))


def test_the_page_is_in_the_fund_section_of_the_header(visitor: Client) -> None:
    html = visitor.get(URL).content.decode()
    assert re.search(r'href="/fund/"\s+aria-current="page">Fonds</a>', html)
    # Every page of the fund lies under /fund/, and marks the section as the one it is in.
    fund = [name for name, _label in frame.NAVIGATION].index("fund:index")
    assert frame._current("/fund/rounds/voorjaar/") == (fund, True)


def test_the_page_is_in_the_sitemap(visitor: Client) -> None:
    assert "/fund/</loc>" in visitor.get("/sitemap-fund.xml").content.decode()
