"""The initiative's page links to the tools other apps keep for it, without `initiatives`
importing those apps (DESIGN.md: initiatives imports no other app)."""

import ast
from pathlib import Path

import pytest
from django.test import Client

from accounts.models import User
from initiatives import tools
from initiatives.models import Initiative, Membership
from tests.factories import InitiativeFactory, UserFactory

INITIATIVES = Path(__file__).resolve().parents[2] / "initiatives"
OTHER_APPS = ("meetings", "knowledgebase", "fund")
HOST_LINK = "Gastheer zijn voor een netwerkbijeenkomst"


def test_initiatives_imports_no_other_app() -> None:
    found = []
    for path in INITIATIVES.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            found += [
                f"{path.relative_to(INITIATIVES.parent)}: {name}"
                for name in names
                if name.split(".")[0] in OTHER_APPS
            ]
    assert found == []


def test_a_registered_tool_shows_only_to_whom_it_allows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tools, "_tools", {})
    tools.register_initiative_tool(
        "Iets bijhouden", "initiatives:edit", lambda user, initiative: user == "wel"
    )
    initiative = Initiative(slug="buurtkracht")
    (shown,) = tools.tools_for("wel", initiative)  # type: ignore[arg-type]
    assert (shown.label, shown.url) == ("Iets bijhouden", "/initiatives/buurtkracht/edit/")
    assert tools.tools_for("niet", initiative) == []  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="registered already"):
        tools.register_initiative_tool("Nog eens", "initiatives:edit", lambda u, i: True)


def test_meetings_registers_the_host_tool() -> None:
    assert "meetings:host-capability" in tools._tools


@pytest.mark.django_db
def test_the_initiatives_page_links_members_and_coordinators_to_hosting(
    client: Client, member: User, plain_member: User, coordinator: User
) -> None:
    initiative = InitiativeFactory(name="Buurtkracht", admin=member)
    Membership.objects.create(initiative=initiative, user=plain_member)
    link = f'href="/meetings/hosts/{initiative.slug}/"'
    for who in (member, plain_member, coordinator):
        client.force_login(who)
        page = client.get(initiative.get_absolute_url()).content.decode()
        assert link in page, who
        assert HOST_LINK in page
    client.force_login(UserFactory())
    assert link not in client.get(initiative.get_absolute_url()).content.decode()
    client.logout()
    assert link not in client.get(initiative.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_the_tools_panel_stays_per_person(client: Client, member: User) -> None:
    """The panel is a cached fragment per person: a member's links never reach a stranger."""
    initiative = InitiativeFactory(admin=member)
    link = f'href="/meetings/hosts/{initiative.slug}/"'
    client.force_login(member)
    assert link in client.get(initiative.get_absolute_url()).content.decode()
    client.force_login(UserFactory())
    assert link not in client.get(initiative.get_absolute_url()).content.decode()
