"""Members contribute on behalf of their initiative; drafts stay among insiders; a draft is sent
for review once, however often the button is pressed."""

import pytest
from django.test import Client

from accounts.models import User
from initiatives.models import Initiative
from knowledgebase.models import Item
from tests.factories import InitiativeFactory, UserFactory
from tests.knowledgebase.factories import ItemFactory, ResearchQuestionFactory
from tests.knowledgebase.factories_contribute import document_data, practice_data, question_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def x(member: User) -> Initiative:
    return InitiativeFactory(name="Buurtkracht X", admin=member)


@pytest.fixture
def y(other_member: User) -> Initiative:
    return InitiativeFactory(name="Samen Y", admin=other_member)


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        ("practice", practice_data),
        ("document", document_data),
        ("research_question", question_data),
    ],
)
def test_a_member_contributes_each_kind_as_a_draft_of_their_initiative(
    login, member: User, x: Initiative, kind: str, data
) -> None:
    client = login(member)
    response = client.post(f"/knowledge/new/{kind}/", data(x.pk))
    item = Item.objects.get()
    assert response.status_code == 302
    assert response["Location"] == item.get_absolute_url()
    assert (item.kind, item.status) == (kind, Item.Status.DRAFT)
    assert item.initiative == x
    assert item.contributor == member
    assert list(item.initiatives.all()) == [x]  # its own initiative always among them
    page = client.get(item.get_absolute_url())
    assert "Concept" in page.content.decode() or "Draft" in page.content.decode()


def test_not_on_behalf_of_another_initiative(
    login, member: User, x: Initiative, y: Initiative
) -> None:
    response = login(member).post("/knowledge/new/practice/", practice_data(y.pk))
    assert response.status_code == 200
    assert "on_behalf_of" in response.context["form"].errors
    assert not Item.objects.exists()
    # What was typed stays in the form.
    assert "Samen koken in de wijk" in response.content.decode()


def test_someone_without_an_initiative_may_not_contribute(login, person: User) -> None:
    assert login(person).get("/knowledge/new/practice/").status_code == 403


def test_an_unknown_kind_does_not_exist(login, member: User, x: Initiative) -> None:
    assert login(member).get("/knowledge/new/meeting_report/").status_code == 404


def test_the_summary_is_required_and_at_most_800_characters(
    login, member: User, x: Initiative
) -> None:
    client = login(member)
    response = client.post("/knowledge/new/practice/", practice_data(x.pk, summary=""))
    assert "summary" in response.context["form"].errors
    response = client.post("/knowledge/new/practice/", practice_data(x.pk, summary="a" * 801))
    assert "summary" in response.context["form"].errors
    assert not Item.objects.exists()


def test_initiatives_it_concerns_are_typed_by_name(
    login, member: User, x: Initiative, y: Initiative
) -> None:
    client = login(member)
    response = client.post(
        "/knowledge/new/practice/",
        practice_data(x.pk, concerns="samen y, Bestaat Niet\nOok Niet"),
    )
    errors = response.context["form"].errors["concerns"]
    assert "“Bestaat Niet”" in errors[0]
    assert "“Ook Niet”" in errors[0]
    assert "Bestaat Niet" in response.content.decode()  # kept in the field
    response = client.post("/knowledge/new/practice/", practice_data(x.pk, concerns="Samen Y"))
    item = Item.objects.get()
    assert set(item.initiatives.all()) == {x, y}
    assert "Samen Y" in item.search_labels


def test_a_pending_initiative_is_not_found_by_name(login, member: User, x: Initiative) -> None:
    InitiativeFactory(name="Nog Niet Goedgekeurd", status=Initiative.Status.PENDING)
    response = login(member).post(
        "/knowledge/new/practice/", practice_data(x.pk, concerns="Nog Niet Goedgekeurd")
    )
    assert "concerns" in response.context["form"].errors


def test_research_questions_are_offered_only_when_published(
    login, member: User, x: Initiative
) -> None:
    published = ResearchQuestionFactory(title="Gepubliceerde vraag?")
    ResearchQuestionFactory(title="Geheime conceptvraag?", status=Item.Status.DRAFT)
    page = login(member).get("/knowledge/new/practice/").content.decode()
    assert "Gepubliceerde vraag?" in page
    assert "Geheime conceptvraag?" not in page
    login(member).post(
        "/knowledge/new/practice/",
        practice_data(x.pk, research_questions=[published.pk]),
    )
    assert list(Item.objects.get(kind="practice").research_questions.all()) == [published]


def test_drafts_are_404_for_outsiders(
    client: Client, login, member: User, plain_member: User, other_member: User, x: Initiative, y
) -> None:
    from initiatives.models import Membership
    from knowledgebase.models import Item as _Item

    Membership.objects.create(initiative=x, user=plain_member)
    draft = ItemFactory(initiative=x, status=_Item.Status.DRAFT)
    url = draft.get_absolute_url()
    assert client.get(url).status_code == 404
    assert login(other_member).get(url).status_code == 404
    assert login(other_member).get(f"/knowledge/{draft.pk}/edit/").status_code == 404
    assert login(plain_member).get(url).status_code == 200
    assert login(plain_member).get(f"/knowledge/{draft.pk}/edit/").status_code == 200


def test_submit_once_even_when_clicked_twice(login, member: User, x: Initiative) -> None:
    draft = ItemFactory(initiative=x, status=Item.Status.DRAFT)
    client = login(member)
    first = client.post(f"/knowledge/{draft.pk}/submit/")
    draft.refresh_from_db()
    sent_at = draft.submitted_at
    second = client.post(f"/knowledge/{draft.pk}/submit/", follow=True)
    draft.refresh_from_db()
    assert first.status_code == second.redirect_chain[0][1] == 302
    assert draft.status == Item.Status.SUBMITTED
    assert draft.submitted_at == sent_at
    assert "al" in second.content.decode()  # "Dit stuk was al verstuurd"


def test_an_outsider_cannot_submit(login, other_member: User, x: Initiative, y) -> None:
    draft = ItemFactory(initiative=x, status=Item.Status.DRAFT)
    assert login(other_member).post(f"/knowledge/{draft.pk}/submit/").status_code == 404


def test_a_coordinator_publishes_directly(login, coordinator: User) -> None:
    data = practice_data("", publish_directly="on")
    response = login(coordinator).post("/knowledge/new/practice/", data)
    item = Item.objects.get()
    assert response.status_code == 302
    assert item.status == Item.Status.PUBLISHED
    assert item.initiative is None
    assert item.published_at is not None
    from reversion.models import Version

    assert Version.objects.get_for_object(item).count() == 1


def test_a_member_cannot_publish_directly(login, member: User, x: Initiative) -> None:
    login(member).post("/knowledge/new/practice/", practice_data(x.pk, publish_directly="on"))
    assert Item.objects.get().status == Item.Status.DRAFT


def test_an_edit_of_a_published_item_stays_published_as_a_new_version(
    login, member: User, x: Initiative
) -> None:
    from reversion.models import Version

    item = ItemFactory(initiative=x, title="Oude titel")
    response = login(member).post(
        f"/knowledge/{item.pk}/edit/", practice_data(x.pk, title="Nieuwe titel")
    )
    item.refresh_from_db()
    assert response.status_code == 302
    assert item.status == Item.Status.PUBLISHED
    assert item.title == "Nieuwe titel"
    versions = Version.objects.get_for_object(item)
    assert [v.field_dict["title"] for v in versions] == ["Nieuwe titel", "Oude titel"]


def test_an_edit_does_not_undo_a_decision_taken_meanwhile(
    login, member: User, x: Initiative
) -> None:
    item = ItemFactory(initiative=x, status=Item.Status.SUBMITTED)
    client = login(member)
    form_page = client.get(f"/knowledge/{item.pk}/edit/")
    assert form_page.status_code == 200
    Item.objects.filter(pk=item.pk).update(status=Item.Status.CHANGES_REQUESTED)
    client.post(f"/knowledge/{item.pk}/edit/", practice_data(x.pk, title="Aangepast"))
    item.refresh_from_db()
    assert (item.status, item.title) == (Item.Status.CHANGES_REQUESTED, "Aangepast")


def test_mine_lists_the_items_of_my_initiatives_with_their_status(
    login, member: User, x: Initiative, y: Initiative
) -> None:
    ItemFactory(initiative=x, status=Item.Status.DRAFT, title="Ons concept")
    ItemFactory(initiative=y, status=Item.Status.DRAFT, title="Hun concept")
    page = login(member).get("/knowledge/mine/").content.decode()
    assert "Ons concept" in page
    assert "Hun concept" not in page


def test_mine_costs_the_same_for_few_and_many(
    login, member: User, x: Initiative, django_assert_max_num_queries
) -> None:
    client = login(member)
    ItemFactory(initiative=x)
    with django_assert_max_num_queries(12) as few:
        client.get("/knowledge/mine/")
    for _ in range(20):
        ItemFactory(initiative=x)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/knowledge/mine/")


def test_an_account_that_lost_its_membership_cannot_edit(login, x: Initiative) -> None:
    former = UserFactory()
    item = ItemFactory(initiative=x, status=Item.Status.DRAFT, contributor=former)
    assert login(former).get(f"/knowledge/{item.pk}/edit/").status_code == 404
