"""Finding meetings: the agenda's filters, the past meetings with their reports, the links."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from initiatives.models import Municipality, Theme
from meetings.models import Meeting, Report
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db

TITLE = re.compile(
    r'<h3 class="utrecht-heading-3 omzien-meeting-card__title">\s*<a[^>]*>([^<]+)</a>'
)


def titles_on(response: object) -> list[str]:
    assert response.status_code == 200
    return TITLE.findall(response.content.decode())


def in_days(days: int, hour: int = 19) -> dict[str, object]:
    start = (timezone.localtime() + timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )
    return {"starts_at": start, "ends_at": start + timedelta(hours=2)}


@pytest.fixture
def no_page_cache(settings: object) -> None:
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    settings.CACHES = {"default": dummy, "fragments": dummy}


@pytest.fixture
def agenda(db: None) -> dict[str, Meeting]:
    zeist = Municipality.objects.get(name="Zeist")
    amersfoort = Municipality.objects.get(name="Amersfoort")
    meetings = {
        "utrecht": MeetingFactory(title="Buurtkracht in de stad", **in_days(10)),
        "zeist": MeetingFactory(title="Eenzaamheid in Zeist", municipality=zeist, **in_days(40)),
        "amersfoort": MeetingFactory(
            title="Online over energie",
            municipality=amersfoort,
            kind=Meeting.Kind.ONLINE,
            **in_days(70),
        ),
    }
    meetings["zeist"].themes.set(Theme.objects.filter(name="Eenzaamheid"))
    # Never on the agenda: a draft, a cancelled one, one that is over.
    MeetingFactory(title="Nog een concept", status=Meeting.Status.DRAFT, **in_days(5))
    MeetingFactory(title="Afgelast", status=Meeting.Status.CANCELLED, **in_days(6))
    MeetingFactory(title="Al geweest", status=Meeting.Status.HELD, **in_days(-30))
    return meetings


def test_the_agenda_lists_upcoming_published_meetings_soonest_first(
    client: Client, agenda: dict[str, Meeting]
) -> None:
    assert titles_on(client.get("/meetings/")) == [
        "Buurtkracht in de stad",
        "Eenzaamheid in Zeist",
        "Online over energie",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("region=zuidoost-utrecht", ["Eenzaamheid in Zeist"]),
        ("region=utrecht-stad", ["Buurtkracht in de stad"]),
        ("municipality=amersfoort", ["Online over energie"]),
        ("theme=eenzaamheid", ["Eenzaamheid in Zeist"]),
        ("kind=online", ["Online over energie"]),
        ("kind=in_person&region=eemland", []),
    ],
)
def test_filters(client: Client, agenda: dict[str, Meeting], query: str, expected: list) -> None:
    assert titles_on(client.get(f"/meetings/?{query}")) == expected


def test_filter_by_month(client: Client, agenda: dict[str, Meeting]) -> None:
    month = timezone.localtime(agenda["zeist"].starts_at).strftime("%Y-%m")
    titles = titles_on(client.get(f"/meetings/?month={month}"))
    assert "Eenzaamheid in Zeist" in titles
    assert "Online over energie" not in titles


def test_bad_filter_values_are_no_error(client: Client, agenda: dict[str, Meeting]) -> None:
    for query in ("region=nergens", "month=2020-13", "month=kaas", "kind=x", "page=99"):
        assert client.get(f"/meetings/?{query}").status_code == 200


def test_nothing_found_says_so(client: Client, agenda: dict[str, Meeting]) -> None:
    html = client.get("/meetings/?municipality=lopik").content.decode()
    assert "Geen komende bijeenkomst past bij deze filters." in html


def test_htmx_gets_only_the_results(client: Client, agenda: dict[str, Meeting]) -> None:
    response = client.get("/meetings/?kind=online", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert "Online over energie" in html
    assert "1 komende bijeenkomst gevonden" in html


def test_filters_fold_on_a_phone(client: Client, agenda: dict[str, Meeting]) -> None:
    html = client.get("/meetings/").content.decode()
    assert '<details class="omzien-filters__fold">' in html
    assert 'method="get"' in html


def test_past_meetings_newest_first_with_their_report(client: Client, db: None) -> None:
    old = MeetingFactory(title="Lang geleden", status=Meeting.Status.HELD, **in_days(-300))
    MeetingFactory(title="Vorige maand", status=Meeting.Status.HELD, **in_days(-30))
    MeetingFactory(title="Straks", **in_days(3))
    Report.objects.create(meeting=old, conclusions="Samen optrekken.")
    response = client.get("/meetings/past/")
    assert titles_on(response) == ["Vorige maand", "Lang geleden"]
    html = response.content.decode()
    assert html.count("Lees het verslag") == 1
    assert html.count("Nog geen verslag") == 1


def test_the_header_has_the_section(client: Client, db: None) -> None:
    html = client.get("/meetings/").content.decode()
    assert re.search(r'href="/meetings/"[^>]*aria-current="page"', html) or re.search(
        r'aria-current="page"[^>]*href="/meetings/"', html
    )
    assert "Bijeenkomsten" in html


@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize("path", ["/meetings/", "/meetings/past/", "/meetings/map/"])
def test_query_counts_do_not_grow_with_the_meetings(
    client: Client, db: None, path: str, django_assert_max_num_queries: object
) -> None:
    themes = list(Theme.objects.all()[:2])

    def make(count: int) -> None:
        for number in range(count):
            meeting = MeetingFactory(
                **in_days(number + 1 if path != "/meetings/past/" else -number - 1)
            )
            if path == "/meetings/past/":
                Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
            meeting.themes.set(themes)

    make(2)
    with django_assert_max_num_queries(16) as few:  # type: ignore[operator]
        client.get(f"{path}?theme=welzijn")
        client.get(path)
    make(40)
    with django_assert_max_num_queries(len(few.captured_queries)):  # type: ignore[operator]
        client.get(f"{path}?theme=welzijn")
        client.get(path)
