"""The frame of every page (omzien/frame.py): built once per language and audience, filled with
each request's own address and CSRF token."""

import re

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_the_language_form_returns_to_the_page_with_hostile_text_escaped(visitor: Client) -> None:
    # Raw, as a hostile link could send it; the test client would percent-encode it otherwise.
    raw = 'q="><script>alert(1)</script>'
    page = visitor.get("/initiatives/", QUERY_STRING=raw).content.decode()
    assert "<script>alert(1)" not in page
    assert 'name="next" type="hidden" value="/initiatives/?q=%22%3E%3Cscript%3E' in page


def test_each_page_marks_its_own_section(visitor: Client) -> None:
    directory = visitor.get("/initiatives/").content.decode()
    listings = visitor.get("/initiatives/needs-and-offers/").content.decode()
    assert re.search(r'href="/initiatives/"\s+aria-current="page"', directory)
    assert not re.search(r'href="/initiatives/"\s+aria-current="page"', listings)
    assert 'aria-current="page"' not in visitor.get("/").content.decode()


def test_the_log_out_form_carries_a_token_that_works(member: User) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)
    page = browser.get("/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    assert "Uitloggen" in page
    browser.post("/accounts/logout/", {"csrfmiddlewaretoken": token.group(1)})
    assert "Uitloggen" not in browser.get("/").content.decode()


def test_every_request_gets_its_own_token(member: User) -> None:
    """The token is masked anew per request, never copied from the first page built."""
    tokens = set()
    for _ in range(2):
        browser = Client()
        browser.force_login(member)
        page = browser.get("/").content.decode()
        tokens.add(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1))
    assert len(tokens) == 2


def test_visitors_get_no_token_and_no_cookie(visitor: Client) -> None:
    response = visitor.get("/initiatives/")
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert settings.CSRF_COOKIE_NAME not in response.cookies


def test_the_frame_speaks_the_chosen_language(visitor: Client) -> None:
    dutch = visitor.get("/").content.decode()
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = visitor.get("/").content.decode()
    assert "Inloggen" in dutch
    assert "Log in" not in dutch
    assert "Log in" in english
    assert "Inloggen" not in english
    assert "Privacyverklaring" in dutch
    assert "Privacy statement" in english


def test_the_error_page_header_has_no_forms() -> None:
    page = render_to_string("500.html")
    assert "<form" not in page
    assert 'class="omzien-nav"' in page


def test_a_page_inside_the_knowledge_base_marks_its_section(visitor: Client) -> None:
    from tests.knowledgebase.factories import ItemFactory

    index = visitor.get("/knowledge/").content.decode()
    inside = visitor.get(ItemFactory().get_absolute_url()).content.decode()
    assert re.search(r'href="/knowledge/"\s+aria-current="page"', index)
    assert re.search(r'href="/knowledge/"\s+aria-current="true"', inside)
    assert not re.search(r'href="/initiatives/"\s+aria-current', inside)
