"""Finding initiatives: the directory's search, filters, counts, sorting, pages and CSV export."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from initiatives.models import Initiative, JoinRequest, Listing, Municipality, TargetGroup
from tests.factories import InitiativeFactory, ListingFactory

pytestmark = pytest.mark.django_db

URL = "/initiatives/"
CSV_URL = "/initiatives/export.csv"
CARD_LINK = re.compile(r'class="omzien-card__link" href="[^"]+">([^<]+)</a>')


def names_on(response: object) -> list[str]:
    """The initiatives a visitor sees on the page, in the order shown."""
    assert response.status_code == 200
    return CARD_LINK.findall(response.content.decode())


def municipality(name: str) -> Municipality:
    return Municipality.objects.get(name=name)


@pytest.fixture
def network(db: None) -> dict[str, Initiative]:
    """A small network: two in Zeist, one in Utrecht, and some that must never be listed."""
    zeist = municipality("Zeist")
    initiatives = {
        "moestuin": InitiativeFactory(
            name="Moestuin Zeist-West",
            pitch="Samen groente kweken in de wijk.",
            municipality=zeist,
            themes=["Natuur en groen"],
        ),
        "koffie": InitiativeFactory(
            name="Koffiehuis De Kom",
            pitch="Elke dinsdag koffie en een praatje voor ouderen.",
            municipality=zeist,
            themes=["Eenzaamheid", "Welzijn"],
            place="Den Dolder",
        ),
        "zuilen": InitiativeFactory(
            name="Buurtkamer Zuilen",
            pitch="Een huiskamer voor de hele buurt.",
            themes=["Welzijn"],
            place="Zuilen",
        ),
    }
    initiatives["koffie"].target_groups.set(TargetGroup.objects.filter(name="Ouderen"))
    ListingFactory(initiative=initiatives["koffie"], kind=Listing.Kind.OFFER)
    ListingFactory(initiative=initiatives["zuilen"], kind=Listing.Kind.NEED)
    for status in ("pending", "rejected", "archived"):
        InitiativeFactory(name=f"Verborgen {status}", municipality=zeist, status=status)
    return initiatives


def test_the_directory_lists_approved_initiatives_by_name(visitor: Client, network: dict) -> None:
    response = visitor.get(URL)
    assert names_on(response) == ["Buurtkamer Zuilen", "Koffiehuis De Kom", "Moestuin Zeist-West"]
    assert "3 initiatieven gevonden" in response.content.decode()


def test_pending_rejected_and_archived_initiatives_never_appear(
    visitor: Client, network: dict
) -> None:
    for url in (URL, f"{URL}?q=Verborgen", f"{URL}?municipality=zeist", "/initiatives/map/"):
        assert ">Verborgen" not in visitor.get(url).content.decode()
    assert "Verborgen" not in str(read_csv(visitor.get(CSV_URL)))
    assert "Verborgen" not in visitor.get("/initiatives/map.json").content.decode()


def test_filtering_by_municipality_narrows_the_list(visitor: Client, network: dict) -> None:
    response = visitor.get(URL, {"municipality": "zeist"})
    assert names_on(response) == ["Koffiehuis De Kom", "Moestuin Zeist-West"]


def test_filtering_by_theme_narrows_the_list(visitor: Client, network: dict) -> None:
    response = visitor.get(URL, {"theme": "welzijn"})
    assert names_on(response) == ["Buurtkamer Zuilen", "Koffiehuis De Kom"]


def test_filtering_by_target_group_narrows_the_list(visitor: Client, network: dict) -> None:
    assert names_on(visitor.get(URL, {"target_group": "ouderen"})) == ["Koffiehuis De Kom"]


def test_only_initiatives_that_offer_something_when_asked(visitor: Client, network: dict) -> None:
    assert names_on(visitor.get(URL, {"has_offers": "on"})) == ["Koffiehuis De Kom"]


def test_filters_combine(visitor: Client, network: dict) -> None:
    response = visitor.get(URL, {"municipality": "zeist", "theme": "welzijn"})
    assert names_on(response) == ["Koffiehuis De Kom"]


def test_each_option_shows_how_many_initiatives_match_the_other_filters(
    visitor: Client, network: dict
) -> None:
    page = visitor.get(URL, {"theme": "welzijn"}).content.decode()
    # Municipalities are counted within the chosen theme...
    assert ">Zeist (1)</option>" in page
    assert ">Utrecht (1)</option>" in page
    assert ">Amersfoort (0)</option>" in page
    # ...and themes ignore the chosen theme itself, so the other choices stay meaningful.
    assert ">Natuur en groen (1)</option>" in page
    assert "Welzijn (2)</option>" in page
    assert "Alleen initiatieven die iets aanbieden (1)" in page


def test_search_finds_an_initiative_by_a_word_of_its_pitch(visitor: Client, network: dict) -> None:
    assert names_on(visitor.get(URL, {"q": "groente"})) == ["Moestuin Zeist-West"]


def test_search_finds_an_initiative_by_its_name(visitor: Client, network: dict) -> None:
    assert names_on(visitor.get(URL, {"q": "Koffiehuis"})) == ["Koffiehuis De Kom"]


def test_search_finds_a_word_by_its_beginning(visitor: Client, network: dict) -> None:
    assert names_on(visitor.get(URL, {"q": "Zuil"})) == ["Buurtkamer Zuilen"]


def test_search_understands_a_minus_for_without(visitor: Client, network: dict) -> None:
    names = names_on(visitor.get(URL, {"q": "buurt -Zuilen"}))
    assert "Buurtkamer Zuilen" not in names


def test_search_puts_the_best_match_first(visitor: Client, network: dict) -> None:
    InitiativeFactory(name="Buurtkamer Oost", pitch="Koffie, thee en Zuilen-verhalen.")
    # The name weighs more than the pitch.
    assert names_on(visitor.get(URL, {"q": "Zuilen"}))[0] == "Buurtkamer Zuilen"


@pytest.mark.parametrize(
    "query",
    ["Zuil:* & !", "'); drop table x; --", "a:*|b", '"unfinished', "-", "(((", "ü" * 300],
)
def test_search_survives_whatever_is_typed(visitor: Client, network: dict, query: str) -> None:
    assert visitor.get(URL, {"q": query}).status_code == 200


def test_sorting_by_newest_and_by_recently_updated(visitor: Client, network: dict) -> None:
    now = timezone.now()
    for days, key in enumerate(("moestuin", "zuilen", "koffie")):
        Initiative.objects.filter(pk=network[key].pk).update(
            created_at=now - timedelta(days=days), updated_at=now - timedelta(days=10 - days)
        )
    newest = names_on(visitor.get(URL, {"sort": "newest"}))
    assert newest == ["Moestuin Zeist-West", "Buurtkamer Zuilen", "Koffiehuis De Kom"]
    updated = names_on(visitor.get(URL, {"sort": "updated"}))
    assert updated == ["Koffiehuis De Kom", "Buurtkamer Zuilen", "Moestuin Zeist-West"]


def test_pages_of_twenty_with_links_that_keep_the_filters(visitor: Client) -> None:
    InitiativeFactory.create_batch(45, municipality=municipality("Zeist"), themes=["Zorg"])
    InitiativeFactory(name="Elders", municipality=municipality("Baarn"))
    response = visitor.get(URL, {"municipality": "zeist", "theme": "zorg"})
    page = response.content.decode()
    assert len(names_on(response)) == 20
    assert "45 initiatieven gevonden" in page
    assert 'href="?municipality=zeist&amp;theme=zorg&amp;page=2"' in page
    last = visitor.get(URL, {"municipality": "zeist", "theme": "zorg", "page": 3})
    assert len(names_on(last)) == 5


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "9999"},
        {"page": "-1"},
        {"sort": "evil"},
        {"municipality": "atlantis"},
        {"theme": "../../etc"},
        {"target_group": "x" * 500},
        {"has_offers": "maybe"},
        {"q": "nul\x00byte"},
    ],
)
def test_bad_query_parameters_never_give_a_server_error(
    visitor: Client, network: dict, params: dict
) -> None:
    for url in (URL, "/initiatives/map/", "/initiatives/map.json", CSV_URL):
        assert visitor.get(url, params).status_code == 200


def test_an_unknown_municipality_is_reported_on_the_form_and_ignored(
    visitor: Client, network: dict
) -> None:
    response = visitor.get(URL, {"municipality": "atlantis", "theme": "welzijn"})
    assert 'aria-invalid="true"' in response.content.decode()
    assert names_on(response) == ["Buurtkamer Zuilen", "Koffiehuis De Kom"]


def test_a_page_past_the_end_shows_the_last_page(visitor: Client) -> None:
    InitiativeFactory.create_batch(25)
    assert len(names_on(visitor.get(URL, {"page": 9999}))) == 5


def test_an_htmx_request_gets_only_the_results(visitor: Client, network: dict) -> None:
    response = visitor.get(URL, {"municipality": "zeist"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "<html" not in page
    assert 'hx-swap-oob="innerHTML"' in page  # the announced count
    assert "2 initiatieven gevonden" in page
    # The choices come along out of band, with counts within the new filters.
    assert '<div id="filter-fields" hx-swap-oob="true">' in page
    assert ">Welzijn (1)</option>" in page
    assert names_on(response) == ["Koffiehuis De Kom", "Moestuin Zeist-West"]
    assert "HX-Request" in response["Vary"]


def test_htmx_restoring_history_gets_the_whole_page(visitor: Client, network: dict) -> None:
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    assert "<html" in visitor.get(URL, headers=headers).content.decode()


def test_the_page_works_without_javascript(visitor: Client, network: dict) -> None:
    page = visitor.get(URL).content.decode()
    assert 'method="get"' in page
    assert 'type="submit"' in page
    assert 'id="id_q"' in page
    assert "<script>" not in page  # no inline script: the CSP forbids it
    assert " style=" not in page


def read_csv(response: object) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:])))


def test_the_csv_export_holds_the_public_columns_of_the_filtered_initiatives(
    visitor: Client, network: dict
) -> None:
    koffie = network["koffie"]
    koffie.website = "https://dekom.example.nl"
    koffie.pitch = 'Koffie, "thee" en een praatje.'
    koffie.save()
    response = visitor.get(CSV_URL, {"municipality": "zeist", "has_offers": "on"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    header, *rows = read_csv(response)
    assert len(header) == 10
    assert rows == [
        [
            "Koffiehuis De Kom",
            "Zeist",
            "Den Dolder",
            'Koffie, "thee" en een praatje.',
            "Eenzaamheid, Welzijn",
            "Ouderen",
            "2016",
            str(Initiative.LegalForm.INFORMAL.label),
            "https://dekom.example.nl",
            "http://testserver/initiatives/koffiehuis-de-kom/",
        ]
    ]


def test_the_csv_export_never_holds_email_addresses_or_formulas(
    visitor: Client, member: User, person: User
) -> None:
    """The people around an initiative have addresses (its admin, someone asking to join); no
    cell of the export holds one."""
    initiative = InitiativeFactory(name="=HYPERLINK(1)", admin=member)
    JoinRequest.objects.create(initiative=initiative, user=person)
    header, *rows = read_csv(visitor.get(CSV_URL))
    assert rows[0][0] == "'=HYPERLINK(1)"
    assert [cell for row in [header, *rows] for cell in row if "@" in cell] == []


# The queries of a directory page with every filter chosen, whatever the number of initiatives:
#  1-3  the filter form checks that the chosen municipality, theme and target group exist;
#  4    the values of the three facets (municipalities, themes, target groups), in one union;
#  5-7  one grouped count per facet: per municipality, theme and target group, each within the
#       other filters;
#  8    the count with "only initiatives that offer something" ticked;
#  9    the total for the paginator;
#  10   the page of initiatives with their municipality;
#  11   the themes of those initiatives.
DIRECTORY_QUERIES = 11


@pytest.mark.parametrize("number", [5, 200])
def test_the_directory_needs_the_same_queries_for_5_and_for_200_initiatives(
    visitor: Client, django_assert_num_queries: object, number: int, no_page_cache: None
) -> None:
    ouderen = TargetGroup.objects.get(name="Ouderen")
    for initiative in InitiativeFactory.create_batch(number, themes=["Zorg", "Welzijn"]):
        initiative.target_groups.add(ouderen)
        ListingFactory(initiative=initiative)
    params = {"municipality": "utrecht", "theme": "zorg", "target_group": "ouderen", "page": 2}
    with django_assert_num_queries(DIRECTORY_QUERIES):
        response = visitor.get(URL, params)
    assert len(names_on(response)) == min(number, 20)
