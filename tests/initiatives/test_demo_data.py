"""The demo directory that `make run` loads: named initiatives, ~150 in all, real white spots."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from accounts.demo import MEMBER_EMAIL, load_people
from initiatives.demo import load_initiatives
from initiatives.insights import network_growth, theme_matrix
from initiatives.models import Initiative, Listing, Membership

pytestmark = pytest.mark.django_db

NAMED = {
    "Vereniging Dorpsbelangen Hoogland": "Amersfoort",
    "Samen maken we Nieuwland": "Amersfoort",
    "Door Achterveld Voor Achterveld": "Leusden",
    "De Kracht van Zuilen": "Utrecht",
    "Austerlitz Zorgt": "Zeist",
    "Gelukkig en Vitaal Werkhoven Odijk Bunnik": "Bunnik",
    "Zegveld Zorgt": "Woerden",
    "Krachtstation Kanaleneiland": "Utrecht",
}


@pytest.fixture
def loaded() -> list[str]:
    # In the order load_demo_data runs them: the people first, then the directory.
    return load_people() + load_initiatives()


def test_the_initiatives_of_the_source_texts_are_in_their_own_municipalities(
    loaded: list[str],
) -> None:
    for name, municipality in NAMED.items():
        initiative = Initiative.objects.get(name=name)
        assert initiative.municipality.name == municipality
        assert initiative.is_public


def test_about_150_approved_initiatives_spread_unevenly_with_white_spots(loaded: list[str]) -> None:
    matrix = theme_matrix()

    assert 145 <= matrix.total <= 160
    assert 15 <= matrix.municipalities_with_initiatives < 26
    assert matrix.municipalities_without
    per_municipality = sorted(row.total for row in matrix.rows)
    assert per_municipality[-1] >= 5 * per_municipality[len(per_municipality) // 2]
    sparse = [column for column in matrix.theme_totals if column.white_spots >= 18]
    assert len(sparse) >= 3


def test_the_network_grows_from_fewer_than_five_in_2013_to_more_than_150(
    loaded: list[str],
) -> None:
    growth = network_growth()

    assert growth.first is not None
    assert growth.first.year == 2013
    assert growth.first.total < 5
    assert growth.last is not None
    assert growth.last.total > 150


def test_initiatives_have_needs_and_offers_and_some_wait_for_approval(loaded: list[str]) -> None:
    assert Listing.objects.filter(kind=Listing.Kind.NEED).count() > 50
    assert Listing.objects.filter(kind=Listing.Kind.OFFER).count() > 30
    assert Initiative.objects.pending().count() >= 3


def test_the_demo_member_looks_after_de_kracht_van_zuilen(loaded: list[str]) -> None:
    membership = Membership.objects.get(user__email=MEMBER_EMAIL)

    assert membership.initiative.name == "De Kracht van Zuilen"
    assert membership.is_admin
    assert any(MEMBER_EMAIL in line for line in loaded)
    assert any("hoogland@demo.omziennaarelkaar.nl" in line for line in loaded)


def test_loading_twice_keeps_what_the_first_run_made(loaded: list[str]) -> None:
    before = set(Initiative.objects.values_list("slug", flat=True))
    counts = [Listing.objects.count(), Membership.objects.count()]

    again = load_people() + load_initiatives()

    assert set(Initiative.objects.values_list("slug", flat=True)) == before
    assert [Listing.objects.count(), Membership.objects.count()] == counts
    assert again == loaded
    duplicates = Initiative.objects.values("name", "municipality").annotate(n=Count("id"))
    assert not duplicates.filter(n__gt=1).exists()


def bench(count: int) -> str:
    out = StringIO()
    call_command("load_bench_data", initiatives=count, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_bench_data_tops_up_and_trims_to_the_number_asked(loaded: list[str]) -> None:
    named = Initiative.objects.approved().count()

    bench(named + 300)
    assert Initiative.objects.approved().count() == named + 300
    first = set(Initiative.objects.values_list("slug", "name", "municipality"))

    bench(named + 300)
    assert set(Initiative.objects.values_list("slug", "name", "municipality")) == first

    bench(named + 100)
    assert Initiative.objects.approved().count() == named + 100
    assert Initiative.objects.filter(name="De Kracht van Zuilen").exists()

    matrix = theme_matrix()
    per_municipality = sorted(row.total for row in matrix.rows)
    assert per_municipality[-1] > 3 * per_municipality[len(per_municipality) // 2]
