"""Every published version is kept: the history, a diff between two, and a restore as a new one."""

import pytest
from django.test import Client
from reversion.models import Version

from accounts.models import User
from initiatives.models import Initiative, Theme
from knowledgebase import revisions
from knowledgebase.models import Item
from tests.factories import InitiativeFactory
from tests.knowledgebase.factories import ItemFactory
from tests.knowledgebase.factories_contribute import change_published

pytestmark = pytest.mark.django_db


@pytest.fixture
def x(member: User) -> Initiative:
    return InitiativeFactory(name="Buurtkracht X", admin=member)


@pytest.fixture
def item(x: Initiative, member: User) -> Item:
    item = ItemFactory(initiative=x, title="Samen eten", body="De oude tekst over koken.")
    change_published(item, by=member, body="De nieuwe tekst over <script>alert(1)</script> koken.")
    return item


def test_the_history_is_public_and_names_the_initiative_never_the_person(
    client: Client, item: Item, member: User
) -> None:
    page = client.get(f"/knowledge/{item.pk}/history/").content.decode()
    assert "Buurtkracht X" in page
    assert member.email not in page
    assert page.count("omzien-kb-versions__item") == 2


def test_coordinators_see_the_persons_name(
    login, coordinator: User, item: Item, member: User
) -> None:
    member.name = "Fatima de Vries"
    member.save()
    page = login(coordinator).get(f"/knowledge/{item.pk}/history/").content.decode()
    assert "Fatima de Vries" in page
    assert member.email not in page


def test_a_draft_has_no_public_history(client: Client, x: Initiative) -> None:
    draft = ItemFactory(initiative=x, status=Item.Status.DRAFT)
    assert client.get(f"/knowledge/{draft.pk}/history/").status_code == 404


def test_the_diff_escapes_hostile_text_and_marks_changes(client: Client, item: Item) -> None:
    old, new = Version.objects.get_for_object(item).order_by("pk")
    response = client.get(f"/knowledge/{item.pk}/history/compare/?from={old.pk}&to={new.pk}")
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert "<del>" in page
    assert "<ins>" in page
    assert "oude" in page.split("<del>")[1].split("</del>")[0]


def test_the_diff_without_a_choice_compares_the_last_two(client: Client, item: Item) -> None:
    page = client.get(f"/knowledge/{item.pk}/history/compare/").content.decode()
    assert "<ins>" in page


def test_a_version_of_another_item_is_404(login, coordinator: User, item: Item, x) -> None:
    other = ItemFactory(initiative=x)
    change_published(other, title="Iets anders")
    foreign = Version.objects.get_for_object(other).first()
    own = Version.objects.get_for_object(item).first()
    client = login(coordinator)
    url = f"/knowledge/{item.pk}/history/compare/?from={foreign.pk}&to={own.pk}"
    assert client.get(url).status_code == 404
    assert client.get(f"/knowledge/{item.pk}/history/compare/?from=x&to=1").status_code == 404
    assert client.post(f"/knowledge/{item.pk}/history/{foreign.pk}/restore/").status_code == 404


def test_restore_brings_the_old_text_back_as_a_new_version(
    login, coordinator: User, member: User, item: Item
) -> None:
    theme = Theme.objects.first()
    oldest = Version.objects.get_for_object(item).order_by("pk").first()
    item.themes.add(theme)
    Item.objects.filter(pk=item.pk).update(status=Item.Status.PUBLISHED)
    response = login(coordinator).post(f"/knowledge/{item.pk}/history/{oldest.pk}/restore/")
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.body == "De oude tekst over koken."
    assert "oude tekst" in item.html("body")  # rendered again through save()
    assert "oude tekst" in item.plain_text
    assert list(item.themes.all()) == []
    assert item.status == Item.Status.PUBLISHED
    assert item.kind == Item.Kind.PRACTICE
    versions = Version.objects.get_for_object(item)
    assert versions.count() == 3
    assert revisions.source_of(versions.first()) in ("coördinator", "coordinator")


def test_only_coordinators_restore(login, member: User, item: Item) -> None:
    oldest = Version.objects.get_for_object(item).order_by("pk").first()
    assert (
        login(member).post(f"/knowledge/{item.pk}/history/{oldest.pk}/restore/").status_code == 403
    )
    assert (
        login(member).get(f"/knowledge/{item.pk}/history/{oldest.pk}/restore/").status_code == 405
    )


def test_the_history_costs_the_same_for_few_and_many_versions(
    client: Client, item: Item, django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(12) as few:
        client.get(f"/knowledge/{item.pk}/history/")
    for n in range(15):
        change_published(item, title=f"Titel {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(f"/knowledge/{item.pk}/history/")
    assert response.content.decode().count("omzien-kb-versions__item") == 17


def test_text_diff_marks_words_in_words_for_screen_readers() -> None:
    html = str(revisions.text_diff("een rode fiets", "een blauwe fiets"))
    assert "<del>" in html
    assert "rode" in html
    assert "blauwe" in html
    assert "omzien-visually-hidden" in html
