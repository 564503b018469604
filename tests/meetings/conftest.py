"""Fixtures shared by the tests of the meetings."""

import pytest


@pytest.fixture
def no_page_cache(settings: object) -> None:
    """Counting the queries of making the page, not what its cached fragments save."""
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    settings.CACHES = {"default": dummy, "fragments": dummy}
