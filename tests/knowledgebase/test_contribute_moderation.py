"""Coordinators publish, send back or reject; the contributor hears by e-mail; two coordinators
at once never both decide."""

import pytest
from django.core import mail
from django.test import Client

from accounts.models import User
from initiatives.models import Initiative
from knowledgebase import moderation
from knowledgebase.contribution import ContributionError
from knowledgebase.models import Item
from tests.concurrency import all_at_once
from tests.factories import InitiativeFactory
from tests.knowledgebase.factories import ItemFactory


@pytest.fixture
def x(member: User) -> Initiative:
    return InitiativeFactory(name="Buurtkracht X", admin=member)


@pytest.fixture
def submitted(x: Initiative, member: User) -> Item:
    return ItemFactory(
        initiative=x, contributor=member, status=Item.Status.SUBMITTED, title="Samen <b>eten</b>"
    )


@pytest.mark.django_db
def test_the_queue_shows_what_waits_oldest_first(login, coordinator: User, x: Initiative) -> None:
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    newer = ItemFactory(initiative=x, status="submitted", title="Nieuwer", submitted_at=now)
    older = ItemFactory(
        initiative=x, status="submitted", title="Ouder", submitted_at=now - timedelta(days=2)
    )
    ItemFactory(initiative=x, status="draft", title="Nog een concept")
    assert list(moderation.queue()) == [older, newer]
    page = login(coordinator).get("/knowledge/moderation/").content.decode()
    assert page.index("Ouder") < page.index("Nieuwer")
    assert "Nog een concept" not in page


@pytest.mark.django_db
def test_the_queue_costs_the_same_for_few_and_many(
    login, coordinator: User, x: Initiative, django_assert_max_num_queries
) -> None:
    client = login(coordinator)
    ItemFactory(initiative=x, status="submitted")
    with django_assert_max_num_queries(15) as few:
        client.get("/knowledge/moderation/")
    for _ in range(25):
        ItemFactory(initiative=InitiativeFactory(), status="submitted")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/knowledge/moderation/")


@pytest.mark.django_db
def test_only_coordinators_moderate(login, member: User, submitted: Item) -> None:
    assert login(member).get("/knowledge/moderation/").status_code == 403
    response = login(member).post(f"/knowledge/{submitted.pk}/moderate/", {"decision": "publish"})
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == Item.Status.SUBMITTED


@pytest.mark.django_db
def test_publish_tells_the_contributor(
    login, coordinator: User, member: User, submitted: Item, committed
) -> None:
    with committed():
        response = login(coordinator).post(
            f"/knowledge/{submitted.pk}/moderate/", {"decision": "publish", "note": "Mooi!"}
        )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Item.Status.PUBLISHED
    assert submitted.published_at
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert "Samen <b>eten</b>" in message.subject
    assert "Mooi!" in message.body
    assert submitted.get_absolute_url() in message.body
    from reversion.models import Version

    assert Version.objects.get_for_object(submitted).count() == 1


@pytest.mark.django_db
def test_asking_for_changes_needs_a_note_and_sends_it(
    login, coordinator: User, member: User, submitted: Item, committed
) -> None:
    client = login(coordinator)
    response = client.post(f"/knowledge/{submitted.pk}/moderate/", {"decision": "changes"})
    assert response.status_code == 200
    assert "note" in response.context["form"].errors
    with committed():
        client.post(
            f"/knowledge/{submitted.pk}/moderate/",
            {"decision": "changes", "note": "Voeg de kosten toe."},
        )
    submitted.refresh_from_db()
    assert submitted.status == Item.Status.CHANGES_REQUESTED
    assert submitted.moderation_note == "Voeg de kosten toe."
    (message,) = mail.outbox
    assert "Voeg de kosten toe." in message.body
    # The member sees the note on the item, changes it and sends it again.
    page = login(member).get(submitted.get_absolute_url()).content.decode()
    assert "Voeg de kosten toe." in page
    login(member).post(f"/knowledge/{submitted.pk}/submit/")
    submitted.refresh_from_db()
    assert submitted.status == Item.Status.SUBMITTED


@pytest.mark.django_db
def test_reject_needs_a_reason_and_hides_the_item(
    client: Client, login, coordinator: User, submitted: Item, committed
) -> None:
    coordinator_client = login(coordinator)
    response = coordinator_client.post(
        f"/knowledge/{submitted.pk}/moderate/", {"decision": "reject", "note": "  "}
    )
    assert "note" in response.context["form"].errors
    with committed():
        coordinator_client.post(
            f"/knowledge/{submitted.pk}/moderate/",
            {"decision": "reject", "note": "Dit hoort niet in de kennisbank."},
        )
    submitted.refresh_from_db()
    assert submitted.status == Item.Status.REJECTED
    assert "Dit hoort niet in de kennisbank." in mail.outbox[0].body
    client.logout()
    assert client.get(submitted.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_a_coordinator_takes_down_a_published_item(
    login, coordinator: User, x: Initiative, committed
) -> None:
    item = ItemFactory(initiative=x)
    with committed():
        login(coordinator).post(
            f"/knowledge/{item.pk}/moderate/", {"decision": "reject", "note": "Verouderd."}
        )
    item.refresh_from_db()
    assert item.status == Item.Status.REJECTED


@pytest.mark.django_db
def test_no_mail_when_the_contributor_is_gone(coordinator: User, x: Initiative, committed) -> None:
    item = ItemFactory(initiative=x, status="submitted", contributor=None)
    with committed():
        moderation.publish(item, by=coordinator)
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_decision_on_an_item_decided_meanwhile_is_refused(
    login, coordinator: User, submitted: Item
) -> None:
    Item.objects.filter(pk=submitted.pk).update(
        status=Item.Status.PUBLISHED, published_at=submitted.created_at
    )
    with pytest.raises(ContributionError, match=r"net gepubliceerd|just published"):
        moderation.request_changes(submitted, by=coordinator, note="Graag anders")
    response = login(coordinator).post(
        f"/knowledge/{submitted.pk}/moderate/",
        {"decision": "reject", "note": "Toch niet"},
        follow=True,
    )
    # A published item can be taken down: that is a decision of its own, so it goes through.
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_item_page_shows_the_banner_and_form_only_to_insiders(
    client: Client, login, coordinator: User, member: User, other_member: User, submitted: Item
) -> None:
    url = submitted.get_absolute_url()
    member_page = login(member).get(url).content.decode()
    assert f"/knowledge/{submitted.pk}/edit/" in member_page
    assert f"/knowledge/{submitted.pk}/moderate/" not in member_page
    coordinator_page = login(coordinator).get(url).content.decode()
    assert f'action="/knowledge/{submitted.pk}/moderate/"' in coordinator_page
    published = ItemFactory()
    visitor_page = Client().get(published.get_absolute_url()).content.decode()
    assert "omzien-kb-moderation" not in visitor_page


@pytest.mark.django_db
def test_the_work_queue_is_registered(login, coordinator: User, submitted: Item) -> None:
    page = login(coordinator).get("/coordination/").content.decode()
    assert submitted.title in page or "Samen &lt;b&gt;eten&lt;/b&gt;" in page


# --- two coordinators at once: real threads, each with its own connection ---


def two_coordinators() -> list[User]:
    from django.contrib.auth.models import Group

    from accounts.roles import COORDINATOR
    from tests.factories import role_user

    Group.objects.get_or_create(name=COORDINATOR)  # a transactional test emptied the table
    return [role_user(COORDINATOR, email=f"c{n}@example.nl") for n in range(2)]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_two_coordinators_at_once_one_wins_the_other_is_told() -> None:
    first, second = two_coordinators()
    item = ItemFactory(initiative=InitiativeFactory(), status=Item.Status.SUBMITTED)
    outcomes = all_at_once(
        lambda: moderation.publish(item, by=first),
        lambda: moderation.reject(item, by=second, reason="Niet passend"),
    )
    errors = [o for o in outcomes if isinstance(o, Exception)]
    wins = [o for o in outcomes if isinstance(o, Item)]
    item.refresh_from_db()
    # Either order is possible; a publish first may be followed by a take-down (both allowed).
    if errors:
        assert len(wins) == 1, outcomes
        assert isinstance(errors[0], ContributionError), outcomes
        assert "Iemand anders" in errors[0].message or "Someone else" in errors[0].message
    else:
        assert item.status == Item.Status.REJECTED


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_two_coordinators_through_the_pages_never_a_500() -> None:
    coordinators = two_coordinators()
    item = ItemFactory(initiative=InitiativeFactory(), status=Item.Status.SUBMITTED)

    def decide(user: User, decision: str) -> int:
        client = Client()
        client.force_login(user)
        response = client.post(
            f"/knowledge/{item.pk}/moderate/", {"decision": decision, "note": "Notitie"}
        )
        return response.status_code

    outcomes = all_at_once(
        lambda: decide(coordinators[0], "publish"),
        lambda: decide(coordinators[1], "changes"),
    )
    assert outcomes == [302, 302], outcomes
    item.refresh_from_db()
    assert item.status in (Item.Status.PUBLISHED, Item.Status.CHANGES_REQUESTED)
