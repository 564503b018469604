"""Cached fragments of pages: fast for everyone, never older than the data, never personal."""

from collections.abc import Callable
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, RequestFactory

from accounts.models import User
from initiatives.models import (
    Initiative,
    Listing,
    Membership,
    Municipality,
    TargetGroup,
    Theme,
)
from omzien import content_version
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

DIRECTORY = "/initiatives/"


def shows(client: Client, name: str, url: str = DIRECTORY, **headers: str) -> bool:
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return f">{name}<" in response.content.decode()


def test_a_new_initiative_shows_at_once_to_visitors(visitor: Client) -> None:
    InitiativeFactory(name="Eerste")
    assert shows(visitor, "Eerste")
    InitiativeFactory(name="Tweede")
    assert shows(visitor, "Tweede")


def test_a_change_made_without_the_orm_shows_at_once(visitor: Client) -> None:
    """The trigger on the table counts writes that send no signal: a bulk update, an import."""
    initiative = InitiativeFactory(name="Eerste")
    assert shows(visitor, "Eerste", initiative.get_absolute_url())
    Initiative.objects.filter(pk=initiative.pk).update(name="Hernoemd")
    assert shows(visitor, "Hernoemd", initiative.get_absolute_url())
    Initiative.objects.filter(pk=initiative.pk).update(status=Initiative.Status.ARCHIVED)
    assert not shows(visitor, "Hernoemd")


def test_a_second_view_is_made_from_the_fragments(
    visitor: Client, django_assert_max_num_queries: Callable
) -> None:
    InitiativeFactory.create_batch(3)
    visitor.get(DIRECTORY)
    with django_assert_max_num_queries(1):  # the content version only
        assert visitor.get(DIRECTORY).status_code == 200


def test_every_watched_table_advances_the_version() -> None:
    tables = [
        model._meta.db_table
        for model in (
            Initiative,
            Initiative.themes.through,
            Initiative.target_groups.through,
            Municipality,
            Theme,
            TargetGroup,
            Listing,
            Membership,
            User.groups.through,
        )
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT event_object_table FROM information_schema.triggers WHERE trigger_name = %s",
            [content_version.TRIGGER],
        )
        triggered = {row[0] for row in cursor.fetchall()}
    assert set(tables) <= triggered


def test_a_person_never_gets_another_persons_header(visitor: Client, member: User) -> None:
    visitor.get(DIRECTORY)
    signed_in = Client()
    signed_in.force_login(member)
    assert "Uitloggen" in signed_in.get(DIRECTORY).content.decode()
    assert "Uitloggen" not in visitor.get(DIRECTORY).content.decode()


def test_languages_do_not_mix(visitor: Client) -> None:
    dutch = visitor.get(DIRECTORY)
    english = Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert english.get(DIRECTORY)["Content-Language"] == "en"
    assert "Find an initiative" in english.get(DIRECTORY).content.decode()
    assert "Find an initiative" not in visitor.get(DIRECTORY).content.decode()
    assert dutch["Content-Language"] == "nl"


def test_an_htmx_request_gets_the_fragment_not_the_page(visitor: Client) -> None:
    visitor.get(DIRECTORY)
    fragment = visitor.get(DIRECTORY, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment
    assert "<html" in visitor.get(DIRECTORY).content.decode()


def test_the_map_data_is_one_shared_copy_for_members_too(
    client: Client, member: User, django_assert_max_num_queries: Callable
) -> None:
    client.force_login(member)
    client.get("/initiatives/map.json")
    # the session, the user and the content version (the two-factor decision is kept)
    with django_assert_max_num_queries(3):
        assert client.get("/initiatives/map.json").status_code == 200


def test_the_home_page_figures_follow_the_data(client: Client, member: User) -> None:
    InitiativeFactory()
    client.force_login(member)
    first = client.get("/").context["figures"]
    InitiativeFactory()
    assert client.get("/").context["figures"] != first


def test_a_new_member_sees_the_tools_at_once(client: Client, member: User) -> None:
    """The tools on an initiative's page are cached per person; a membership moves the version."""
    initiative = InitiativeFactory(name="Buurtkamer")
    client.force_login(member)
    assert "Pagina bewerken" not in client.get(initiative.get_absolute_url()).content.decode()
    Membership.objects.create(initiative=initiative, user=member, role=Membership.Role.ADMIN)
    assert "Pagina bewerken" in client.get(initiative.get_absolute_url()).content.decode()


def test_only_a_reading_request_takes_the_version_its_session_read(rf: RequestFactory) -> None:
    """A signed-in person's session reads the version with the person (omzien/sessions.py); a
    request that may write renders after its write, so it reads the version again."""
    now = content_version.current()
    reading, writing = rf.get("/"), rf.post("/")
    for request in (reading, writing):
        request.session = SimpleNamespace(content_version=now - 1)  # type: ignore[assignment]
    assert content_version.current(reading) == now - 1
    assert content_version.current(writing) == now
