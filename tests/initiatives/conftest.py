"""Fixtures shared by the tests of the initiatives."""

import pytest


@pytest.fixture
def no_page_cache(settings: object) -> None:
    """Counting the queries of the page itself, not those of the visitors' page cache."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
