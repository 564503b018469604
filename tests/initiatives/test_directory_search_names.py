"""The directory's search reads the names of an initiative's municipality, themes and target groups
(Dutch and English), kept current by every way they change; and a searched page costs the same
number of queries for 5 and for 200 initiatives."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from accounts.models import User
from initiatives.models import Initiative, Municipality, TargetGroup, Theme
from tests.factories import InitiativeFactory, ListingFactory

pytestmark = pytest.mark.django_db

URL = "/initiatives/"


def found(client: Client, query: str) -> list[str]:
    page = client.get(URL, {"q": query})
    assert page.status_code == 200
    return [initiative.name for initiative in page.context["page"].object_list]


@pytest.fixture
def quiet(member: User) -> Initiative:
    """An initiative whose own text says nothing about its themes, target groups or place."""
    initiative = InitiativeFactory(
        name="De Stille Kracht",
        pitch="Wij doen wat nodig is.",
        municipality=Municipality.objects.get(name="Zeist"),
        themes=["Armoede"],
        admin=member,
    )
    initiative.target_groups.set(TargetGroup.objects.filter(name="Nieuwkomers"))
    return initiative


def test_the_search_finds_the_municipality_themes_and_target_groups(
    client: Client, quiet: Initiative
) -> None:
    for query in ("Zeist", "armoede", "Poverty", "nieuwkomers", "Newcomers"):
        assert found(client, query) == ["De Stille Kracht"], query


def test_a_profile_edit_is_found_by_its_new_names(
    client: Client, member: User, quiet: Initiative
) -> None:
    client.force_login(member)
    data = {
        "name": quiet.name,
        "municipality": Municipality.objects.get(name="Baarn").pk,
        "pitch": quiet.pitch,
        "legal_form": quiet.legal_form,
        "themes": [Theme.objects.get(name="Energie").pk],
        "target_groups": [TargetGroup.objects.get(name="Jongeren").pk],
    }
    assert client.post(f"/initiatives/{quiet.slug}/edit/", data).status_code == 302
    client.logout()
    for query in ("Baarn", "energie", "jongeren"):
        assert found(client, query) == ["De Stille Kracht"], query
    for query in ("Zeist", "armoede", "nieuwkomers"):
        assert found(client, query) == [], query


def test_a_registration_is_found_by_its_names_once_approved(
    client: Client, person: User, coordinator: User
) -> None:
    client.force_login(person)
    data = {
        "name": "Groene Buren Lunetten",
        "pitch": "Buren helpen elkaar.",
        "municipality": Municipality.objects.get(name="Houten").pk,
        "legal_form": "informal",
        "themes": [Theme.objects.get(name="Energie").pk],
        "target_groups": [TargetGroup.objects.get(name="Ouderen").pk],
    }
    assert client.post("/initiatives/register/", data).status_code == 302
    Initiative.objects.filter(name="Groene Buren Lunetten").update(status="approved")
    client.logout()
    for query in ("Houten", "Energy", "senioren"):
        assert found(client, query) == ["Groene Buren Lunetten"], query


def test_an_imported_initiative_is_found_by_its_names(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "import.csv"
    path.write_text(
        "name,municipality,pitch,themes,target_groups\n"
        "Buurtkracht Lunetten,Utrecht,Buren helpen elkaar.,Energie,Mantelzorgers\n",
        encoding="utf-8",
    )
    with translation.override("en"):
        call_command("import_initiatives", str(path), stdout=StringIO())
    for query in ("Utrecht", "energie", "mantelzorg", "Informal carers"):
        assert found(client, query) == ["Buurtkracht Lunetten"], query


def test_a_coordinator_renaming_a_theme_in_the_admin_is_found(
    client: Client, coordinator: User, quiet: Initiative
) -> None:
    theme = Theme.objects.get(name="Armoede")
    client.force_login(coordinator)
    response = client.post(
        f"/admin/initiatives/theme/{theme.pk}/change/",
        {"name": "Bestaanszekerheid", "name_en": "Income security", "slug": theme.slug},
    )
    assert response.status_code == 302
    client.logout()
    assert found(client, "bestaanszekerheid") == ["De Stille Kracht"]
    assert found(client, "income") == ["De Stille Kracht"]


@pytest.mark.parametrize(
    ("model", "old", "new"),
    [
        (Theme, "Armoede", "Bestaanszekerheid"),
        (TargetGroup, "Nieuwkomers", "Inburgeraars"),
        (Municipality, "Zeist", "Zeyst"),
    ],
)
def test_renaming_a_municipality_theme_or_target_group_is_found(
    client: Client, quiet: Initiative, model: type, old: str, new: str
) -> None:
    item = model.objects.get(name=old)
    item.name = new
    item.save()
    assert found(client, new) == ["De Stille Kracht"]
    assert found(client, old) == []


def test_an_english_name_given_later_is_found(client: Client, quiet: Initiative) -> None:
    Theme.objects.filter(name="Armoede").update(name_en="Hardship")
    assert found(client, "hardship") == ["De Stille Kracht"]


def test_a_theme_removed_is_no_longer_found(client: Client, quiet: Initiative) -> None:
    Theme.objects.get(name="Armoede").delete()
    assert found(client, "armoede") == []


def test_a_stale_copy_saved_later_cannot_undo_the_names(client: Client, quiet: Initiative) -> None:
    stale = Initiative.objects.get(pk=quiet.pk)  # loaded before the change below
    quiet.themes.set(Theme.objects.filter(name="Zorg"))
    stale.pitch = "Wij doen wat nodig is, elke dag."
    stale.save()
    assert found(client, "zorg") == ["De Stille Kracht"]


def test_the_english_interface_shows_english_names(client: Client, quiet: Initiative) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(URL).content.decode()
    assert ">Poverty</li>" in page  # on the card
    assert ">Poverty (1)</option>" in page  # in the filter
    detail = client.get(quiet.get_absolute_url()).content.decode()
    assert "Poverty" in detail
    assert "Newcomers" in detail
    assert "Armoede" not in page + detail


def test_the_word_as_typed_ranks_above_the_other_words_of_its_group(client: Client) -> None:
    InitiativeFactory(name="Wijkcentrum De Linde", pitch="Koffie en een praatje.")
    InitiativeFactory(name="De Open Deur", pitch="Het buurthuis van de wijk.")
    assert found(client, "buurthuis") == ["De Open Deur", "Wijkcentrum De Linde"]


# The queries of a searched directory page with every filter chosen, nothing kept yet:
#  0    the content version, under which the looked-up words are kept;
#  1    the search words looked up: their stems, stop words and word groups (omzien.search);
#  2-4  the filter form checks that the chosen municipality, theme and target group exist;
#  5    the values of the three facets, in one union;
#  6-8  one grouped count per facet, each within the other filters and the search;
#  9    the count with "only initiatives that offer something" ticked;
#  10   the total for the paginator;
#  11   the page of initiatives with their municipality, ranked;
#  12   the themes of those initiatives.
SEARCHED_DIRECTORY_QUERIES = 13


@pytest.mark.parametrize("number", [5, 200])
def test_a_searched_directory_needs_the_same_queries_for_5_and_for_200_initiatives(
    client: Client, django_assert_num_queries: object, number: int, no_page_cache: None
) -> None:
    ouderen = TargetGroup.objects.get(name="Ouderen")
    for initiative in InitiativeFactory.create_batch(
        number, themes=["Zorg", "Welzijn"], pitch="Een moestuin voor de buurt."
    ):
        initiative.target_groups.add(ouderen)
        ListingFactory(initiative=initiative)
    params = {
        "q": "moestuin -xylofoon huizen or tuin",
        "municipality": "utrecht",
        "theme": "zorg",
        "target_group": "ouderen",
        "page": 2,
    }
    with django_assert_num_queries(SEARCHED_DIRECTORY_QUERIES):  # type: ignore[operator]
        response = client.get(URL, params)
    assert len(response.context["page"].object_list) == min(number, 20)
