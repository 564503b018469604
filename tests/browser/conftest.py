"""End-to-end fixtures: Debian's Chromium, driven by Playwright, against pytest-django's live server.

Every page a test looks at goes through `check`, which runs axe-core on it at a phone and a
desktop width and saves a full-page screenshot of each to test-artifacts/screenshots/.
Without Chromium the browser tests skip locally; with REQUIRE_BROWSER=1 (CI) they fail instead.
"""

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from playwright.sync_api import Browser, Page, Playwright, ViewportSize, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from pytest_django import DjangoDbBlocker
from pytest_django.live_server_helper import LiveServer

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
WIDTHS: dict[str, ViewportSize] = {
    "phone": {"width": 375, "height": 812},
    "desktop": {"width": 1280, "height": 900},
}

AXE_VIOLATIONS = pytest.StashKey[list[str]]()


def _no_browser(reason: str) -> None:
    """Skip on a developer's machine; fail where the browser is required (CI sets REQUIRE_BROWSER)."""
    message = f"Browser tests need Chromium: {reason}. Install it with `apt install chromium`."
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="package")
def migrated_rows(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[str]:
    """The database as the migrations left it (the role groups, ...), put back by `portal`.

    pytest-django serialized it when it created the test database, because `portal` asks for
    django_db_serialized_rollback. Django's own restore cannot do the job here: under Playwright
    the test's code sees other connection objects than the ones prepared (Django keeps them in
    context variables, and Playwright switches the context), and a transactional test elsewhere
    may have made the content types anew under other keys. So the serialized rows are set aside
    while the browser tests run, and given back, with the database restored, when they are done.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    rows = connection._test_serialized_contents
    del connection._test_serialized_contents
    yield rows
    with django_db_blocker.unblock():
        _reset_database(rows)
    connection._test_serialized_contents = rows


def _reset_database(rows: str) -> None:
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    connections[DEFAULT_DB_ALIAS].creation.deserialize_db_from_string(rows)


@pytest.fixture(scope="package")
def playwright(migrated_rows: str) -> Iterator[Playwright]:
    # migrated_rows first: it must find the connection prepared before Playwright's context.
    # Playwright's sync API keeps an event loop in the main thread, which makes Django refuse the
    # ORM calls that the tests make. The flag is lifted afterwards, so the rest of the suite keeps
    # Django's guard.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as driver:
        yield driver
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        _no_browser(f"{CHROMIUM} does not exist (set CHROMIUM_PATH to use another)")
    try:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
    except PlaywrightError as error:
        _no_browser(f"{CHROMIUM} does not start ({error.message.splitlines()[0]})")
    yield chromium
    chromium.close()


@pytest.fixture
def portal(
    live_server: LiveServer,
    transactional_db: None,
    django_db_serialized_rollback: None,
    migrated_rows: str,
) -> str:
    """The live server's address, with the database as the migrations left it.

    The server's thread sees only committed data, hence transactional_db, which empties every
    table after each test.
    """
    _reset_database(migrated_rows)
    cache.clear()  # the rate-limit counters live in a table the flush may leave behind
    return live_server.url


def _page(browser: Browser, width: str) -> Iterator[Page]:
    context = browser.new_context(viewport=WIDTHS[width], locale="nl-NL")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser (no cookies) at the phone width: the portal is used on phones most."""
    yield from _page(browser, "phone")


@pytest.fixture
def desktop_page(browser: Browser) -> Iterator[Page]:
    yield from _page(browser, "desktop")


@pytest.fixture(scope="package")
def axe() -> Axe:
    return Axe()


@pytest.fixture
def check(request: pytest.FixtureRequest, axe: Axe) -> Callable[[Page, str], None]:
    """Audit the page in view with axe-core and photograph it, at both widths.

    A violation does not stop the journey, so that one run reports every page; the test fails
    when it ends (see pytest_runtest_makereport), listing rule, impact and offending elements.
    """
    test = re.sub(r"[^\w-]+", "-", request.node.name).strip("-")
    found = request.node.stash.setdefault(AXE_VIOLATIONS, [])

    def _check(page: Page, name: str) -> None:
        original = page.viewport_size
        for width, size in WIDTHS.items():
            page.set_viewport_size(size)
            page.screenshot(path=SCREENSHOTS / f"{test}-{name}-{size['width']}.png", full_page=True)
            found.extend(
                f"{name} [{width}] {page.url}: {line}"
                for line in _violations(axe.run(page).response["violations"])
            )
        if original is not None:
            page.set_viewport_size(original)

    return _check


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> pytest.TestReport:
    report: pytest.TestReport = yield
    found = item.stash.get(AXE_VIOLATIONS, [])
    if report.when == "call" and found:
        summary = "axe-core found violations:\n" + "\n".join(found)
        if report.passed:
            report.outcome = "failed"
            report.longrepr = summary
        else:
            report.sections.append(("axe-core", summary))
    return report


def _violations(violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} -> "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"])
        for violation in violations
    ]
