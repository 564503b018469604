"""The shared page cache: visitors get a recent copy, everybody else a fresh page."""

from collections.abc import Callable

import pytest
from django.conf import settings
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory

from accounts.models import User
from omzien.page_cache import cache_for_visitors
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

DIRECTORY = "/initiatives/"


def shows(client: Client, name: str, url: str = DIRECTORY, **headers: str) -> bool:
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return f">{name}<" in response.content.decode()


def test_a_visitor_gets_the_stored_copy_until_it_expires(
    visitor: Client, django_assert_max_num_queries: Callable
) -> None:
    InitiativeFactory(name="Eerste")
    assert shows(visitor, "Eerste")
    InitiativeFactory(name="Tweede")
    with django_assert_max_num_queries(1):  # the copy, from the shared cache
        assert not shows(visitor, "Tweede")
    cache.clear()  # as when the copy expires
    assert shows(visitor, "Tweede")


def test_the_stored_copy_keeps_the_headers_that_matter(visitor: Client) -> None:
    fresh = visitor.get(DIRECTORY)
    stored = visitor.get(DIRECTORY)
    for header in ("Content-Type", "Content-Language", "Vary"):
        assert stored[header] == fresh[header]
    assert "HX-Request" in stored["Vary"]
    assert "Cookie" in stored["Vary"]


def test_the_map_data_and_the_home_page_are_cached_for_visitors(
    visitor: Client, django_assert_max_num_queries: Callable
) -> None:
    for url in ("/", "/initiatives/map.json", "/initiatives/white-spots/"):
        visitor.get(url)
        with django_assert_max_num_queries(1):
            assert visitor.get(url).status_code == 200


def test_a_logged_in_person_always_gets_a_fresh_page(
    login: Callable[[User], Client], person: User
) -> None:
    client = login(person)
    InitiativeFactory(name="Eerste")
    assert shows(client, "Eerste")
    InitiativeFactory(name="Tweede")
    assert shows(client, "Tweede")


def test_a_logged_in_person_never_gets_the_copy_made_for_visitors(
    visitor: Client, person: User
) -> None:
    visitor.get(DIRECTORY)
    member = Client()
    member.force_login(person)
    page = member.get(DIRECTORY).content.decode()
    assert "csrfmiddlewaretoken" in page  # the log-out form: a page made for this person


def with_message(client: Client, text: str) -> Client:
    """The message cookie a redirect after an action leaves behind."""
    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies[CookieStorage.cookie_name] = storage._encode([Message(constants.INFO, text)])
    return client


def test_a_page_with_a_message_is_neither_served_from_nor_put_in_the_cache(
    visitor: Client,
) -> None:
    visitor.get(DIRECTORY)
    assert (
        "Bedankt voor je bericht"
        in with_message(Client(), "Bedankt voor je bericht").get(DIRECTORY).content.decode()
    )
    cache.clear()
    with_message(Client(), "Alleen voor jou").get(DIRECTORY)
    assert "Alleen voor jou" not in visitor.get(DIRECTORY).content.decode()


def test_languages_do_not_mix(visitor: Client) -> None:
    dutch = visitor.get(DIRECTORY)
    english = Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert english.get(DIRECTORY)["Content-Language"] == "en"
    assert "Find an initiative" in english.get(DIRECTORY).content.decode()
    assert visitor.get(DIRECTORY)["Content-Language"] == dutch["Content-Language"] == "nl"


def test_an_htmx_request_gets_the_fragment_not_the_stored_page(visitor: Client) -> None:
    visitor.get(DIRECTORY)
    fragment = visitor.get(DIRECTORY, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment


def counting(make: Callable[[HttpRequest], HttpResponse]) -> tuple[Callable, list[int]]:
    calls: list[int] = []

    @cache_for_visitors(60)
    def view(request: HttpRequest) -> HttpResponse:
        calls.append(1)
        return make(request)

    return view, calls


def visitor_request(path: str) -> HttpRequest:
    request = RequestFactory().get(path)
    request.LANGUAGE_CODE = "nl"
    return request


def test_a_response_that_sets_a_cookie_is_not_stored() -> None:
    def make(request: HttpRequest) -> HttpResponse:
        response = HttpResponse("hallo")
        response.set_cookie("gezien", "ja")
        return response

    view, calls = counting(make)
    view(visitor_request("/met-koekje/"))
    view(visitor_request("/met-koekje/"))
    assert len(calls) == 2


def test_a_response_that_handed_out_a_csrf_token_is_not_stored() -> None:
    view, calls = counting(lambda request: HttpResponse(get_token(request)))
    view(visitor_request("/met-formulier/"))
    view(visitor_request("/met-formulier/"))
    assert len(calls) == 2


def test_only_a_200_is_stored_and_a_post_is_never_answered_from_the_cache() -> None:
    view, calls = counting(lambda request: HttpResponse("weg", status=404))
    view(visitor_request("/weg/"))
    view(visitor_request("/weg/"))
    assert len(calls) == 2
    view, calls = counting(lambda request: HttpResponse("ok"))
    view(visitor_request("/ok/"))
    post = RequestFactory().post("/ok/")
    post.LANGUAGE_CODE = "nl"
    view(post)
    assert len(calls) == 2


def test_the_map_data_is_one_shared_copy_for_members_too(
    client: Client, member: User, django_assert_max_num_queries: Callable
) -> None:
    client.force_login(member)
    client.get("/initiatives/map.json")
    # the session, the user, their groups (two-factor rule) and the copy
    with django_assert_max_num_queries(4):
        assert client.get("/initiatives/map.json").status_code == 200


def test_the_directory_counts_are_shared_between_people(client: Client, member: User) -> None:
    InitiativeFactory(name="Eerste")
    Client().get(f"{DIRECTORY}?q=eerste")  # a visitor's request counts them
    InitiativeFactory(name="Eerste erbij")
    client.force_login(member)
    page = client.get(f"{DIRECTORY}?q=eerste&sort=name")
    # The list is fresh for a member; the counts next to the filters are the shared copy.
    assert "Eerste erbij" in page.content.decode()
    choices = dict(page.context["filter"].form.fields["municipality"].widget.choices)
    assert choices["utrecht"] == "Utrecht (1)"


def test_the_home_page_figures_are_shared_for_a_minute(
    client: Client, member: User, django_assert_max_num_queries: Callable
) -> None:
    InitiativeFactory()
    client.force_login(member)
    first = client.get("/").context["figures"]
    InitiativeFactory()
    assert client.get("/").context["figures"] == first
    cache.clear()
    assert client.get("/").context["figures"] != first
