"""Every URL pattern of the project × every persona → the status that persona gets.

A row is keyed by the URL pattern's name (or its route, where it has no name), and its URL must
reach that pattern. A new URL pattern without a row here fails `test_every_url_pattern_has_a_row`.
"""

from collections import defaultdict
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from tests.access import (
    Row,
    admin_row,
    for_signed_in,
    for_visitors,
    only,
    same_for_all,
    split,
)
from tests.fund.access_rows import ROWS as FUND_ROWS
from tests.initiatives.access_rows import ROWS as INITIATIVE_ROWS
from tests.knowledgebase.access_rows import ROWS as KNOWLEDGE_ROWS
from tests.meetings.access_rows import ROWS as MEETING_ROWS
from tests.personas import PERSONAS
from tests.world import World, build_world

ROWS: dict[str, Row | list[Row]] = {
    # The portal's own pages.
    "home": same_for_all("/", 200),
    "healthz": same_for_all("/healthz", 200),
    "privacy": same_for_all("/privacy/", 200),
    "accessibility": same_for_all("/accessibility/", 200),
    "contact": same_for_all("/contact/", 200),
    "switch-language": same_for_all("/language/?language=en&next=/privacy/", 302),
    # The work overview ("Coördinatie" for coordinators, "Te doen" for the fund's committee and
    # treasurers, whose queues the fund registers), and one of the coordinators' queues in full.
    "coordination": only(
        "/coordination/", {"coordinator": 200, "fund_committee": 200, "treasurer": 200}
    ),
    "coordination-queue": [
        only("/coordination/without-team/", {"coordinator": 200}),
        for_signed_in("/coordination/no-such-queue/", 404),
    ],
    # My account.
    "accounts:overview": for_signed_in("/my-account/"),
    "accounts:export": for_signed_in("/my-account/export/"),
    "accounts:delete": for_signed_in("/my-account/delete/"),
    # allauth: entrance pages.
    "account_login": for_visitors("/accounts/login/"),
    "account_signup": for_visitors("/accounts/signup/"),
    "account_logout": for_signed_in("/accounts/logout/", visitor=302),
    "account_inactive": same_for_all("/accounts/inactive/", 200),
    "account_reauthenticate": for_signed_in("/accounts/reauthenticate/"),
    "account_email_verification_sent": same_for_all("/accounts/confirm-email/", 200),
    "account_confirm_email": same_for_all("/accounts/confirm-email/not-a-key/", 200),
    "account_confirm_login_code": same_for_all("/accounts/login/code/confirm/", 302),
    "account_reset_password": same_for_all("/accounts/password/reset/", 200),
    "account_reset_password_done": same_for_all("/accounts/password/reset/done/", 200),
    "account_reset_password_from_key": same_for_all(
        "/accounts/password/reset/key/1-not-a-key/", 200
    ),
    "account_reset_password_from_key_done": same_for_all("/accounts/password/reset/key/done/", 200),
    # allauth: managing the account.
    "account_email": for_signed_in("/accounts/email/"),
    "account_change_password": for_signed_in("/accounts/password/change/"),
    "account_set_password": for_signed_in("/accounts/password/set/", 302),
    "usersessions_list": for_signed_in("/accounts/sessions/"),
    # Two-factor: roles of trust have it; everyone else may set it up.
    "mfa_index": for_signed_in("/accounts/2fa/"),
    "mfa_authenticate": same_for_all("/accounts/2fa/authenticate/", 302),
    "mfa_reauthenticate": split("/accounts/2fa/reauthenticate/", mfa=200, others=302),
    "mfa_activate_totp": split("/accounts/2fa/totp/activate/", mfa=302, others=302),
    "mfa_deactivate_totp": split("/accounts/2fa/totp/deactivate/", mfa=302, others=404),
    "mfa_view_recovery_codes": split("/accounts/2fa/recovery-codes/", mfa=302, others=404),
    "mfa_generate_recovery_codes": split(
        "/accounts/2fa/recovery-codes/generate/", mfa=302, others=302
    ),
    "mfa_download_recovery_codes": split(
        "/accounts/2fa/recovery-codes/download/", mfa=302, others=404
    ),
    # The admin: staff only (coordinators), through allauth's login and two-factor step.
    "admin:index": admin_row("/admin/", staff=200),
    "admin:login": admin_row("/admin/login/", staff=302, others=403),
    "admin:logout": admin_row("/admin/logout/", staff=405),
    "admin:password_change": admin_row("/admin/password_change/", staff=200),
    "admin:password_change_done": admin_row("/admin/password_change/done/", staff=200),
    "admin:autocomplete": admin_row("/admin/autocomplete/", staff=403),
    "admin:jsi18n": admin_row("/admin/jsi18n/", staff=200),
    "admin:view_on_site": admin_row("/admin/r/999999/999999/", staff=404),
    "admin:app_list": admin_row("/admin/accounts/", staff=404),
    "admin/(?P<url>.*)$": admin_row("/admin/no-such-page/", staff=404),
    "admin:auth_user_password_change": admin_row("/admin/accounts/user/1/password/", staff=403),
}

# Models that coordinators maintain in the admin (reference data); the rest is for superusers.
COORDINATOR_MODELS = {
    "initiatives.municipality",
    "initiatives.theme",
    "initiatives.targetgroup",
    "search.wordgroup",
    "meetings.region",
}
# Models coordinators may look at but not change.
COORDINATOR_VIEW_ONLY = {"initiatives.auditentry"}


def _admin_model_rows() -> dict[str, Row]:
    rows: dict[str, Row] = {}
    for model in admin.site._registry:
        label = f"{model._meta.app_label}/{model._meta.model_name}"
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        name = f"{model._meta.app_label}.{model._meta.model_name}"
        allowed, viewing = name in COORDINATOR_MODELS, name in COORDINATOR_VIEW_ONLY
        listing, missing = (200, 302) if allowed or viewing else (403, 403)
        rows[f"{prefix}_changelist"] = admin_row(f"/admin/{label}/", staff=listing)
        rows[f"{prefix}_add"] = admin_row(f"/admin/{label}/add/", staff=200 if allowed else 403)
        rows[f"{prefix}_change"] = admin_row(f"/admin/{label}/0/change/", staff=missing)
        rows[f"{prefix}_delete"] = admin_row(
            f"/admin/{label}/0/delete/", staff=302 if allowed else 403
        )
        # The history view looks for the object before it checks the permission.
        rows[f"{prefix}_history"] = admin_row(f"/admin/{label}/0/history/", staff=302)
        rows[f"admin/{label}/<path:object_id>/"] = admin_row(f"/admin/{label}/0/", staff=302)
    return rows


# The generated admin rows first: an app's own row for an admin URL wins.
ALL_ROWS = _admin_model_rows() | ROWS | INITIATIVE_ROWS | MEETING_ROWS | KNOWLEDGE_ROWS | FUND_ROWS
CASES = [
    (key, index, row)
    for key, rows in sorted(ALL_ROWS.items())
    for index, row in enumerate(rows if isinstance(rows, list) else [rows])
]


def _pattern_keys(resolver: URLResolver, prefix: str = "", namespace: str = "") -> list[str]:
    keys = []
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace or ""]))
            keys += _pattern_keys(pattern, route, inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and ":".join(filter(None, [namespace, pattern.name]))
            keys.append(name or route)
    return keys


def test_every_url_pattern_has_a_row() -> None:
    missing = [key for key in _pattern_keys(get_resolver()) if key not in ALL_ROWS]
    assert missing == [], f"URL patterns without a row in the access matrix: {missing}"


def test_no_row_names_a_pattern_that_is_gone() -> None:
    stale = set(ALL_ROWS) - set(_pattern_keys(get_resolver()))
    assert stale == set()


@pytest.mark.parametrize(("key", "index", "row"), CASES, ids=[f"{k}-{i}" for k, i, _r in CASES])
def test_each_row_opens_the_view_it_names(key: str, index: int, row: Row) -> None:
    # Any value fills the braces: resolving reads only the shape of the path.
    path = urlsplit(row.url.format_map(defaultdict(lambda: "1"))).path
    match = resolve(path)
    assert key in (match.view_name, match.route), f"{row.url} opens {match.view_name}"


@pytest.fixture(scope="module")
def world(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    """Built once for the thousands of cases below, in a transaction that is rolled back when
    they are done; each case runs in a savepoint inside it, so what one case changes (a POST)
    is gone before the next. Its files go where each test reads them (tests/conftest.py)."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.getbasetemp() / "media")
    with django_db_blocker.unblock(), media, transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("key", "index", "row"), CASES, ids=[f"{k}-{i}" for k, i, _r in CASES])
def test_access(key: str, index: int, row: Row, persona: str, client: Client, world: World) -> None:
    if persona != "visitor":
        client.force_login(world.people[persona])
    url = row.url.format(**world.values)
    response = getattr(client, row.method)(url)
    assert response.status_code == row.status_for(persona), (
        f"{persona} {row.method.upper()} {url} ({key}) got {response.status_code}"
    )
