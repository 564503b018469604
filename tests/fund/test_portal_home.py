"""The fund in the rest of the portal: the home page's key figures (money granted this year, shown
as money) and its open rounds, the header's section, and the work overview for the fund's roles
("Te doen"), tried with a queue registered here as the fund's other parts register theirs."""

import re
from datetime import timedelta
from uuid import uuid4

import pytest
from django.core.cache import caches
from django.db import transaction
from django.db.models import Sum
from django.test import Client
from django.utils import timezone

from accounts.models import User
from accounts.roles import TREASURER
from fund.allocation import award
from fund.models import Grant, LedgerEntry, Payout
from omzien.key_figures import KeyFigure
from tests.factories import InitiativeFactory, role_user
from tests.fund.factories import RoundFactory, awarded_grant, submitted_application

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_fragments() -> None:
    caches["fragments"].clear()


def text_of(response: object) -> str:
    html = response.content.decode()  # type: ignore[attr-defined]
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("\xa0", " ").split())


def test_home_shows_the_money_granted_this_year_and_the_initiatives_supported(
    client: Client,
) -> None:
    year = timezone.localdate().year
    round_ = RoundFactory(budget_cents=30_000_00)
    zuilen = InitiativeFactory(name="De Kracht van Zuilen")
    awarded_grant(10_000_00, round=round_, initiative=zuilen, amount_cents=10_000_00)
    awarded_grant(2_500_00, round=round_, amount_cents=2_500_00)
    last_year = submitted_application(round=round_, initiative=zuilen, amount_cents=3_000_00)
    with transaction.atomic():
        award(last_year, 3_000_00, by=None, on=timezone.localdate().replace(year=year - 1))

    html = client.get("/").content.decode()
    text = text_of(client.get("/"))

    # Shown as money, in a tile sized for text.
    assert 'omzien-figure__count--text">€\xa012.500,00</span>' in html
    awarded = LedgerEntry.objects.filter(kind=LedgerEntry.Kind.AWARD, grant__awarded_on__year=year)
    assert awarded.aggregate(total=Sum("amount_cents"))["total"] == 12_500_00
    assert f"toegekend in {year} € 12.500,00" in text
    assert "initiatieven gesteund door het fonds 2" in text
    # The other apps' figures are counted as before, their digits grouped.
    assert re.search(r"initiatieven \d", text)


def test_a_figure_is_shown_as_it_says_or_as_a_number() -> None:
    def count() -> int:
        return 1_250_00

    assert KeyFigure("geld", count, format=lambda cents: f"€ {cents // 100}").shown(125000) == (
        "€ 1250"
    )
    assert KeyFigure("initiatieven", count).shown(1250) == 1250


def test_home_lists_the_rounds_open_now_and_links_to_the_fund(client: Client) -> None:
    today = timezone.localdate()
    RoundFactory(name="Ontmoeten", max_per_application_cents=5_000_00)
    RoundFactory(
        name="Sterke buurten",
        opens_on=today + timedelta(days=30),
        closes_on=today + timedelta(days=60),
    )
    html = client.get("/").content.decode()
    text = text_of(client.get("/"))
    assert "Open voor aanvragen Ontmoeten Aanvragen tot en met" in text
    assert "hoogstens € 5.000,00 per aanvraag" in text
    assert "Sterke buurten" not in text
    assert re.search(r'<a class="omzien-card__link"\s+href="/fund/">Gemeenschapsfonds</a>', html)
    assert re.search(r'<a class="omzien-nav__link"\s+href="/fund/"\s*>Fonds</a>', html)
    assert "Binnenkort" not in html


def test_without_open_rounds_home_shows_no_fund_section(client: Client) -> None:
    assert "Open voor aanvragen" not in text_of(client.get("/"))
    assert Grant.objects.count() == 0
    assert "toegekend in" in text_of(client.get("/"))  # € 0,00, said plainly


@pytest.fixture
def waiting_work(db: None) -> None:
    """Work for both roles: an application to review, and a payout a treasurer proposed."""
    submitted_application(title="Wandelgroepen met koffie")
    grant = awarded_grant(title="Buurtbus voor iedereen")
    Payout.objects.create(
        grant=grant, amount_cents=100_00, idempotency_key=uuid4(), proposed_by=role_user(TREASURER)
    )


def h1_of(response: object) -> str:
    html = response.content.decode()  # type: ignore[attr-defined]
    return re.sub(r"\s+", " ", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)).strip()


@pytest.mark.parametrize(
    ("persona", "queue_key", "waiting"),
    [
        ("fund_committee", "fund-to-review", "Wandelgroepen met koffie"),
        ("treasurer", "payouts-to-approve", "Buurtbus voor iedereen"),
    ],
)
@pytest.mark.usefixtures("waiting_work")
def test_the_fund_roles_have_their_own_to_do_list(
    client: Client, request: pytest.FixtureRequest, persona: str, queue_key: str, waiting: str
) -> None:
    client.force_login(request.getfixturevalue(persona))

    home = client.get("/").content.decode()
    overview = client.get("/coordination/")
    queue = client.get(f"/coordination/{queue_key}/")

    assert re.search(r'href="/coordination/">\s*Te doen\s*</a>', home)
    assert "Coördinatie" not in home
    assert h1_of(overview) == "Te doen"
    assert "Wat er op je wacht, op één plek." in text_of(overview)
    assert waiting in text_of(overview)
    assert re.search(r"<title>\s*Te doen\s*– Omzien naar Elkaar", overview.content.decode())
    assert "Terug naar Te doen" in text_of(queue)


@pytest.mark.usefixtures("waiting_work")
def test_a_coordinator_in_the_committee_keeps_coordination(
    client: Client, coordinator: User
) -> None:
    from django.contrib.auth.models import Group

    coordinator.groups.add(Group.objects.get(name="fund committee"))
    client.force_login(coordinator)
    overview = client.get("/coordination/")
    assert h1_of(overview) == "Coördinatie"
    assert 'id="queue-fund-to-review"' in overview.content.decode()
    assert 'id="queue-pending"' in overview.content.decode()
    assert "Terug naar coördinatie" in text_of(client.get("/coordination/fund-to-review/"))


def test_my_account_leads_the_fund_roles_to_their_work(client: Client, treasurer: User) -> None:
    client.force_login(treasurer)
    html = client.get("/my-account/").content.decode()
    assert "Jouw werk voor het fonds" in html
    assert re.search(r'href="/coordination/">Wat er op je wacht</a>', html)
