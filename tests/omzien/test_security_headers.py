import pytest
from django.test import Client


@pytest.mark.django_db
def test_every_page_carries_the_security_headers(client: Client) -> None:
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_the_content_security_policy_allows_no_inline_script_or_plugins(client: Client) -> None:
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


@pytest.mark.django_db
def test_https_responses_carry_hsts(client: Client, settings: object) -> None:
    settings.SECURE_HSTS_SECONDS = 63072000
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=63072000")
