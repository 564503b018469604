"""The transparency pages make the same number of queries for a few grants and for many: the
list, its totals and the municipality × year table are grouped queries, never one per grant.
Counted with the fragment caches off (what a page costs when nothing is cached yet), and with
them on (what a repeat visit costs)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory
from tests.fund.factories_transparency import many_grants

pytestmark = pytest.mark.django_db

# The grants page, nothing cached, every filter chosen:
#  0    the content version (the fragments are kept under it);
#  1    the years with grants (the year filter's choices);
#  2-5  the chosen municipality, funder, theme and round exist (the filter form);
#  6-9  the choices of those four filters, shown in the form;
#  10   the overall total, 11-14 the totals per municipality, funder, theme and year,
#  15   the municipality × year table and 16 the province's municipalities for it;
#  17   the count of the grants for the pages, 18 a page of grants with their initiative,
#       municipality, round, theme and report, 19 which funders paid for them.
GRANTS_PAGE_QUERIES = 20
# The same page without filters: no filter to check (2-5 above).
UNFILTERED_QUERIES = 16
# A grant's page: the content version, the grant with its application (that it is public); then,
# for its fragment, the grant with its application, decision, initiative, round and report, its
# money with funders and earmarks, its co-applicants, the recusals of its decision (and whatever
# the payouts and reports parts' panels need, constant as well).
# Six for the page, and one for each of the payouts' and the report's panels, which differ per
# person and so are made outside the cached fragment (fund/payouts.py, fund/accountability.py).
GRANT_PAGE_QUERIES = 8


@pytest.fixture
def no_page_cache(settings: object) -> None:
    """Counting the queries of making the page, not what its cached fragments save."""
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    settings.CACHES = {"default": dummy, "fragments": dummy}  # type: ignore[attr-defined]


def filtered_url(grants: list) -> str:
    grant = grants[0]
    return (
        f"/fund/grants/?year={grant.awarded_on.year}"
        f"&municipality={grant.initiative.municipality.slug}"
        f"&funder={grant.fundings.get().contribution.funder.slug}"
        f"&round={grant.round.slug}&theme=welzijn&page=1"
    )


@pytest.mark.parametrize("number", [2, 30])
def test_the_grants_page_needs_the_same_queries_for_few_and_many_grants(
    client: Client, django_assert_num_queries: object, number: int, no_page_cache: None
) -> None:
    grants = many_grants(number)
    with django_assert_num_queries(UNFILTERED_QUERIES):  # type: ignore[operator]
        response = client.get("/fund/grants/")
    assert len(response.context["rows"]) == min(number, 20)
    url = filtered_url(grants)
    with django_assert_num_queries(GRANTS_PAGE_QUERIES):  # type: ignore[operator]
        response = client.get(url)
    # The first municipality's grants (every fifth) of the 20 on the first page.
    assert len(response.context["rows"]) == min(len(grants[::5]), 20)


@pytest.mark.parametrize("number", [2, 30])
def test_a_signed_in_person_costs_the_same_queries_for_few_and_many_grants(
    client: Client, django_assert_num_queries: object, number: int, no_page_cache: None
) -> None:
    many_grants(number)
    client.force_login(UserFactory(), backend="accounts.backends.PortalAuthenticationBackend")
    client.get("/fund/grants/")  # the session is read and touched once
    # The session with the person and the content version in one query (instead of the
    # version's own), and their roles (for the header).
    with django_assert_num_queries(UNFILTERED_QUERIES):  # type: ignore[operator]
        client.get("/fund/grants/")


@pytest.mark.parametrize("number", [2, 30])
def test_a_repeat_visit_is_served_from_the_fragments(
    client: Client, django_assert_num_queries: object, number: int
) -> None:
    many_grants(number)
    client.get("/fund/grants/?page=2")
    # Only the content version: the filters, the page of grants and the totals are kept.
    with django_assert_num_queries(1):  # type: ignore[operator]
        client.get("/fund/grants/?page=2")
    # Another page of the same filters shares the totals and the form: only its list is made.
    with CaptureQueriesContext(connection) as queries:
        client.get("/fund/grants/?page=1")
    # The version, the years (to check the filters), the count, the page, its funders.
    assert len(queries) == 5


@pytest.mark.parametrize("number", [2, 30])
def test_a_grants_page_needs_the_same_queries_for_few_and_many_grants(
    client: Client, django_assert_num_queries: object, number: int, no_page_cache: None
) -> None:
    grants = many_grants(number)
    with django_assert_num_queries(GRANT_PAGE_QUERIES):  # type: ignore[operator]
        response = client.get(grants[-1].get_absolute_url())
    assert response.status_code == 200


def test_a_repeat_visit_of_a_grants_page_reads_only_the_content_version_and_its_panels(
    client: Client, django_assert_num_queries: object
) -> None:
    grant = many_grants(1)[0]
    client.get(grant.get_absolute_url())
    with django_assert_num_queries(3):  # type: ignore[operator]
        client.get(grant.get_absolute_url())


@pytest.mark.parametrize("number", [2, 30])
def test_the_downloads_need_the_same_queries_for_few_and_many_grants(
    client: Client, number: int, no_page_cache: None
) -> None:
    many_grants(number)
    counts = []
    for url in ("/fund/grants.csv", "/fund/grants.json"):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            b"".join(response.streaming_content)
        counts.append(len(queries))
    # CSV: the years (form), a chunk of grants, their money, the next (empty) chunk. JSON:
    # also the totals (seven grouped queries).
    assert counts == [4, 11]
