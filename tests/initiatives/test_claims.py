"""Claiming an initiative without a team ("dit is ons initiatief"), and the coordinators' answer."""

import json
import threading
import time
from collections.abc import Callable

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection, transaction
from django.test import Client

from accounts.models import User
from accounts.roles import COORDINATOR
from initiatives.claims import confirm_claim
from initiatives.errors import InitiativeRuleError
from initiatives.models import AuditEntry, Claim, Initiative, Membership
from tests.factories import InitiativeFactory, UserFactory

ALREADY = "al laten weten"  # "Dat heb je al laten weten; een coördinator antwoordt je ..."
MESSAGE = "Ik ben voorzitter van de bewonersvereniging en organiseer de koffieochtend."


@pytest.fixture
def without_team(db: None) -> Initiative:
    """Imported from the network's spreadsheet: listed, but nobody belongs to it."""
    return InitiativeFactory(name="Krachtstation Kanaleneiland")


def claim_url(initiative: Initiative) -> str:
    return f"/initiatives/{initiative.slug}/claim/"


def make_claim(initiative: Initiative, user: User, message: str = MESSAGE) -> Claim:
    return Claim.objects.create(initiative=initiative, user=user, message=message)


def shown_messages(response: object) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.mark.django_db
def test_a_person_claims_an_initiative_without_a_team_and_the_coordinators_hear_it(
    client: Client, person: User, coordinator: User, without_team: Initiative, committed: Callable
) -> None:
    client.force_login(person)
    page = client.get(without_team.get_absolute_url())
    assert claim_url(without_team).encode() in page.content
    assert f"/initiatives/{without_team.slug}/join/".encode() not in page.content

    with committed():
        response = client.post(claim_url(without_team), {"message": MESSAGE}, follow=True)

    claim = Claim.objects.get()
    assert (claim.initiative, claim.user, claim.status) == (without_team, person, "open")
    assert "een coördinator" in shown_messages(response)[0].lower()
    [sent] = mail.outbox
    assert sent.to == [coordinator.email]
    assert MESSAGE in sent.body
    assert "/coordination/#queue-claims" in sent.body
    # Back on the claim page, the person reads that it waits instead of a second form.
    again = client.get(claim_url(without_team))
    assert b"<form" not in again.content.split(b'id="main"')[1]


@pytest.mark.django_db
def test_after_claiming_the_page_and_my_account_say_the_claim_waits(
    client: Client, person: User, without_team: Initiative, committed: Callable
) -> None:
    client.force_login(person)
    client.get(without_team.get_absolute_url())  # the panel is kept per person: it must follow
    with committed():
        client.post(claim_url(without_team), {"message": MESSAGE})
    page = client.get(without_team.get_absolute_url()).content.decode()
    assert "Dit is ons initiatief" not in page
    assert "Je claim wacht op een coördinator" in page
    account = client.get("/my-account/").content.decode()
    assert without_team.name in account
    assert "Je claim wacht op een coördinator" in account


@pytest.mark.django_db
def test_an_initiative_with_a_team_offers_joining_not_claiming(
    client: Client, person: User, member: User
) -> None:
    with_team = InitiativeFactory(name="De Kracht van Zuilen", admin=member)
    client.force_login(person)

    page = client.get(with_team.get_absolute_url())

    assert f"/initiatives/{with_team.slug}/join/".encode() in page.content
    assert claim_url(with_team).encode() not in page.content
    assert client.post(claim_url(with_team), {"message": MESSAGE}).status_code == 403
    assert not Claim.objects.exists()


@pytest.mark.django_db
def test_a_visitor_is_asked_to_log_in_to_claim_an_initiative_without_a_team(
    client: Client, without_team: Initiative
) -> None:
    page = client.get(without_team.get_absolute_url())

    assert f"/accounts/login/?next={claim_url(without_team)}".encode() in page.content


@pytest.mark.django_db
def test_a_claim_says_how_the_person_is_connected(
    client: Client, person: User, without_team: Initiative
) -> None:
    client.force_login(person)

    response = client.post(claim_url(without_team), {"message": "   "})

    assert response.status_code == 200
    assert response.context["form"].errors["message"]
    assert not Claim.objects.exists()


@pytest.mark.django_db
def test_claiming_again_while_the_first_claim_waits_gives_a_clear_message(
    client: Client, person: User, without_team: Initiative
) -> None:
    client.force_login(person)
    client.post(claim_url(without_team), {"message": MESSAGE})

    response = client.post(claim_url(without_team), {"message": "Nog een keer"}, follow=True)

    assert response.status_code == 200
    assert ALREADY in shown_messages(response)[-1]
    assert Claim.objects.count() == 1


@pytest.mark.usefixtures("reference_data")
def test_a_double_click_saves_one_claim_and_answers_the_second_click_with_a_message() -> None:
    """The second request checks before the first one has committed, so only the database's
    rule (one open claim per person per initiative) can stop it: that must give a message."""
    Group.objects.get_or_create(name=COORDINATOR)
    person, initiative = UserFactory(), InitiativeFactory()
    responses: list[int] = []
    shown: list[str] = []

    def second_click() -> None:
        client = Client()
        client.force_login(person)
        try:
            response = client.post(claim_url(initiative), {"message": MESSAGE}, follow=True)
            responses.append(response.redirect_chain[0][1])
            shown.extend(str(message) for message in response.context["messages"])
        finally:
            connection.close()

    thread = threading.Thread(target=second_click)
    with transaction.atomic():
        make_claim(initiative, person)  # the first click, not yet committed
        thread.start()
        _wait_until_another_connection_waits_for_a_lock()
    thread.join(timeout=10)

    assert responses == [302]
    assert any(ALREADY in text for text in shown)
    assert Claim.objects.filter(initiative=initiative, user=person).count() == 1


def _wait_until_another_connection_waits_for_a_lock() -> None:
    """Until the second request's INSERT waits for the first one's row (the unique index)."""
    with connection.cursor() as cursor:
        for _attempt in range(200):
            # Inside a transaction the statistics views keep their first snapshot: renew it.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)
    raise AssertionError("the second request never reached the insert")


@pytest.mark.django_db
def test_a_coordinator_confirms_a_claim_and_the_claimant_becomes_the_first_admin(
    client: Client,
    person: User,
    other_member: User,
    coordinator: User,
    without_team: Initiative,
    committed: Callable,
) -> None:
    claim = make_claim(without_team, person)
    other = make_claim(without_team, other_member, "Ik help soms mee.")
    client.force_login(coordinator)

    with committed():
        response = client.post(
            f"/initiatives/{without_team.slug}/claims/{claim.pk}/confirm/", follow=True
        )

    assert response.redirect_chain[0][0] == "/coordination/"
    membership = Membership.objects.get(initiative=without_team)
    assert (membership.user, membership.role) == (person, Membership.Role.ADMIN)
    claim.refresh_from_db()
    other.refresh_from_db()
    assert (claim.status, claim.decided_by) == (Claim.Status.CONFIRMED, coordinator)
    assert other.status == Claim.Status.DECLINED
    actions = list(without_team.audit_entries.values_list("action", flat=True))
    assert sorted(actions) == ["claim_confirmed", "claim_declined"]
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {person.email, other_member.email}
    assert "beheerder" in by_address[person.email].subject
    assert f"/initiatives/{without_team.slug}/join/" in by_address[other_member.email].body
    # The page now asks people to join its new admin, and nobody can claim it any more.
    client.force_login(UserFactory())
    assert (
        claim_url(without_team).encode() not in client.get(without_team.get_absolute_url()).content
    )


@pytest.mark.django_db
def test_a_claim_is_declined_only_with_a_reason_which_the_person_receives(
    client: Client, person: User, coordinator: User, without_team: Initiative, committed: Callable
) -> None:
    claim = make_claim(without_team, person)
    url = f"/initiatives/{without_team.slug}/claims/{claim.pk}/decline/"
    client.force_login(coordinator)

    empty = client.post(url, {"reason": ""})
    assert empty.context["form"].errors["reason"]
    with committed():
        client.post(url, {"reason": "We kennen je nog niet; bel ons even op."})

    claim.refresh_from_db()
    assert (claim.status, claim.decline_reason) == (
        Claim.Status.DECLINED,
        "We kennen je nog niet; bel ons even op.",
    )
    assert not Membership.objects.filter(initiative=without_team).exists()
    [sent] = mail.outbox
    assert sent.to == [person.email]
    assert "We kennen je nog niet" in sent.body
    assert sent.reply_to  # the answer reaches the network, not a no-reply address
    entry = AuditEntry.objects.get(initiative=without_team)
    assert (entry.action, entry.user, entry.changes["reason"]) == (
        "claim_declined",
        coordinator,
        "We kennen je nog niet; bel ons even op.",
    )
    # Answered once: a second answer is refused with a message.
    again = client.post(url, {"reason": "Toch niet"}, follow=True)
    assert "al beantwoord" in [str(m) for m in again.context["messages"]][-1]


@pytest.mark.django_db
def test_a_claim_on_an_initiative_that_got_a_team_meanwhile_is_not_confirmed(
    person: User, member: User, coordinator: User, without_team: Initiative
) -> None:
    claim = make_claim(without_team, person)
    Membership.objects.create(initiative=without_team, user=member, role=Membership.Role.ADMIN)

    with pytest.raises(InitiativeRuleError):
        confirm_claim(claim, by=coordinator)

    claim.refresh_from_db()
    assert claim.status == Claim.Status.OPEN
    assert list(without_team.memberships.values_list("user", flat=True)) == [member.pk]


@pytest.mark.usefixtures("reference_data")
def test_two_coordinators_confirming_two_claims_at_once_make_one_admin() -> None:
    initiative = InitiativeFactory()
    coordinators = [UserFactory(), UserFactory()]
    claims = [make_claim(initiative, UserFactory()) for _ in range(2)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def confirm(claim: Claim, by: User) -> None:
        try:
            barrier.wait()
            confirm_claim(claim, by=by)
            outcomes.append("confirmed")
        except InitiativeRuleError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=confirm, args=pair)
        for pair in zip(claims, coordinators, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)

    assert sorted(outcomes) == ["confirmed", "refused"]
    assert initiative.memberships.count() == 1
    statuses = sorted(Claim.objects.values_list("status", flat=True))
    assert statuses == [Claim.Status.CONFIRMED, Claim.Status.DECLINED]


@pytest.mark.django_db
def test_a_persons_claims_are_in_their_data_download(
    client: Client, person: User, without_team: Initiative
) -> None:
    make_claim(without_team, person)
    client.force_login(person)

    data = json.loads(client.get("/my-account/export/").content)

    assert data["initiatives"]["claims"] == [
        {
            "initiative": without_team.name,
            "status": "open",
            "message": MESSAGE,
            "decline_reason": "",
        }
    ]
