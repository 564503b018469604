"""The coordinators' work overview (/coordination/) and the directory's queues on it."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from accounts.models import User
from initiatives import audit
from initiatives.approval import archive_initiative, reject_initiative
from initiatives.models import AuditEntry, Claim, Initiative
from omzien import work_queues
from omzien.work_queues import WorkQueue, register_work_queue, work_queues_for
from tests.factories import InitiativeFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/coordination/"
# The directory's own queues (initiatives/work_queues.py); other apps add theirs.
DIRECTORY_QUEUES = {
    "pending",
    "claims",
    "without-team",
    "stale",
    "changes",
    "rejected-or-archived",
}


def section(response: object, key: str) -> str:
    """The HTML of one queue's section on the overview."""
    html = response.content.decode()
    start = html.index(f'id="queue-{key}"')
    end = html.find("<section", start)
    return html[start : end if end != -1 else len(html)]


def names_in(html: str) -> list[str]:
    return re.findall(r'class="omzien-queue__name">\s*<a[^>]*>([^<]+)</a>', html)


def pending(name: str, *, days_ago: int, admin: User) -> Initiative:
    initiative = InitiativeFactory(name=name, status=Initiative.Status.PENDING, admin=admin)
    Initiative.objects.filter(pk=initiative.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    return initiative


def stale(name: str, *, days_ago: int, admin: User | None = None) -> Initiative:
    initiative = InitiativeFactory(name=name, admin=admin)
    Initiative.objects.filter(pk=initiative.pk).update(
        updated_at=timezone.now() - timedelta(days=days_ago)
    )
    return initiative


@pytest.fixture
def as_coordinator(client: Client, coordinator: User) -> Client:
    client.force_login(coordinator)
    return client


def test_the_header_links_to_the_overview_for_coordinators_only(
    client: Client, coordinator: User, member: User
) -> None:
    client.force_login(member)
    assert f'href="{URL}"'.encode() not in client.get("/").content
    assert client.get(URL).status_code == 403

    client.force_login(coordinator)
    assert f'href="{URL}"'.encode() in client.get("/").content
    assert client.get(URL).status_code == 200


def test_pending_initiatives_wait_oldest_first_and_say_how_long(
    as_coordinator: Client, member: User
) -> None:
    pending("Eettafel Oudewater", days_ago=2, admin=member)
    pending("Taalcafé Renswoude", days_ago=9, admin=member)

    html = section(as_coordinator.get(URL), "pending")

    assert names_in(html) == ["Taalcafé Renswoude", "Eettafel Oudewater"]
    assert "wacht al 1 week, 2 dagen" in html.replace("\xa0", " ")
    assert 'href="/initiatives/review/"' in html  # the review queue, with its buttons


def test_open_claims_can_be_confirmed_or_declined_from_the_overview(
    as_coordinator: Client, person: User
) -> None:
    initiative = InitiativeFactory(name="Krachtstation Kanaleneiland")
    claim = Claim.objects.create(initiative=initiative, user=person, message="Ik ben voorzitter.")

    html = section(as_coordinator.get(URL), "claims")

    assert names_in(html) == ["Krachtstation Kanaleneiland"]
    assert "Ik ben voorzitter." in html
    assert person.email in html  # so that a coordinator can check with the person
    assert f'action="/initiatives/{initiative.slug}/claims/{claim.pk}/confirm/"' in html
    assert f'href="/initiatives/{initiative.slug}/claims/{claim.pk}/decline/"' in html


def test_two_claims_on_one_initiative_say_so_and_an_address_shows_once(
    as_coordinator: Client,
) -> None:
    initiative = InitiativeFactory(name="Krachtstation Kanaleneiland")
    nameless = UserFactory(name="", email="x@example.nl")
    Claim.objects.create(initiative=initiative, user=nameless, message="Ik ben voorzitter.")
    Claim.objects.create(initiative=initiative, user=UserFactory(), message="Ik ook.")
    Claim.objects.create(initiative=InitiativeFactory(), user=nameless, message="En deze.")

    html = section(as_coordinator.get(URL), "claims")

    assert html.count("2 claims op dit initiatief") == 2
    assert "1 claim op dit initiatief" not in html
    assert "x@example.nl (x@example.nl)" not in html
    assert "x@example.nl, " in html


def test_initiatives_without_a_team_are_listed_with_a_way_to_invite(
    as_coordinator: Client, member: User, person: User
) -> None:
    InitiativeFactory(name="Samen Y", admin=member)
    InitiativeFactory(name="Buurtkamer Achterveld")
    claimed = InitiativeFactory(name="Zuilen Zorgt")
    Claim.objects.create(initiative=claimed, user=person, message="Ik hoor erbij.")
    InitiativeFactory(name="Nog niet goedgekeurd", status=Initiative.Status.PENDING)

    html = section(as_coordinator.get(URL), "without-team")

    # The claimed one first: the answer to it settles the team.
    assert names_in(html) == ["Zuilen Zorgt", "Buurtkamer Achterveld"]
    assert f'href="/initiatives/{claimed.slug}/members/"' in html


def test_profiles_not_confirmed_for_a_year_follow_the_reminders_rule(
    as_coordinator: Client,
) -> None:
    stale("Dorpsraad Zegveld", days_ago=500)
    stale("Moestuin Wijk C", days_ago=400)
    stale("Nog vers", days_ago=300)
    confirmed = stale("Bevestigd Bunnik", days_ago=500)
    Initiative.objects.filter(pk=confirmed.pk).update(confirmed_at=timezone.now())

    html = section(as_coordinator.get(URL), "stale")

    assert names_in(html) == ["Dorpsraad Zegveld", "Moestuin Wijk C"]
    assert "/edit/" in html


def test_recent_profile_changes_come_from_the_audit_trail(
    as_coordinator: Client, member: User
) -> None:
    initiative = InitiativeFactory(name="De Kracht van Zuilen", admin=member)
    audit.record(initiative, by=member, action="edited", pitch=["oud", "nieuw"])
    old = InitiativeFactory(name="Lang geleden")
    audit.record(old, by=member, action="edited", pitch=["a", "b"])
    AuditEntry.objects.filter(initiative=old).update(created_at=timezone.now() - timedelta(60))

    html = section(as_coordinator.get(URL), "changes")

    assert names_in(html) == ["De Kracht van Zuilen"]
    assert "in één zin" in html  # the field that changed, by its label
    assert f'href="/initiatives/{initiative.slug}/history/"' in html
    assert f"{escape(member.name)}:" in html  # no space before the colon


def test_recently_rejected_and_archived_initiatives_show_why_and_by_whom(
    as_coordinator: Client, coordinator: User, member: User
) -> None:
    rejected = pending("Dubbel Initiatief", days_ago=3, admin=member)
    reject_initiative(rejected, by=coordinator, reason="Bestaat al als Zuilen Zorgt.")
    archive_initiative(InitiativeFactory(name="Gestopt Houten"), by=coordinator)

    html = section(as_coordinator.get(URL), "rejected-or-archived")

    assert names_in(html) == ["Gestopt Houten", "Dubbel Initiatief"]
    assert "Bestaat al als Zuilen Zorgt." in html
    assert escape(coordinator.name) in html


def test_a_queue_shows_its_first_items_and_links_to_all_of_them(
    as_coordinator: Client,
) -> None:
    for number in range(7):
        InitiativeFactory(name=f"Zonder team {number}")

    overview = section(as_coordinator.get(URL), "without-team")
    full = as_coordinator.get("/coordination/without-team/")

    assert len(names_in(overview)) == work_queues.OVERVIEW_ITEMS
    assert 'href="/coordination/without-team/"' in overview
    assert ">7<" in overview
    assert len(names_in(full.content.decode())) == 7


def test_an_empty_queue_says_so(as_coordinator: Client) -> None:
    html = section(as_coordinator.get(URL), "claims")

    assert names_in(html) == []
    assert "omzien-queue__empty" in html


def _fill_every_queue(number: int, coordinator: User) -> None:
    """`number` items in each of the directory's queues."""
    for index in range(number):
        admin = UserFactory()
        pending(f"Nieuw {index}", days_ago=index, admin=admin)
        claimed = InitiativeFactory(name=f"Geclaimd {index}")
        Claim.objects.create(initiative=claimed, user=admin, message="Ik hoor erbij.")
        stale(f"Oud {index}", days_ago=400 + index, admin=admin)
        edited = InitiativeFactory(name=f"Bewerkt {index}", admin=admin)
        audit.record(edited, by=admin, action="edited", pitch=["a", "b"])
        archive_initiative(edited, by=coordinator)


# The queries of the overview, whatever the number of rows in its queues:
#  1-2  the session and the user; 3 the two-factor rule (has an authenticator);
#  4    the user's groups (is this a coordinator?);
#  5-10 the first items of each of the six queues (with what their items show, in the same query);
#  11-16 each queue's count, because more are waiting than the overview shows (with few rows the
#       first items are all there is, and the count is not asked);
#  and 3 for the first page after logging in: the two-factor check is kept in the session (a
#  savepoint, the session's update, its release);
#  plus one for each (empty) queue that other apps register (meetings: offers to host, ...).
@pytest.mark.parametrize(("number", "expected"), [(2, 13), (30, 19)])
def test_the_overview_needs_a_fixed_number_of_queries_however_long_the_queues(
    client: Client, coordinator: User, number: int, expected: int
) -> None:
    _fill_every_queue(number, coordinator)
    client.force_login(coordinator)
    other_apps_queues = [q for q in work_queues_for(coordinator) if q.key not in DIRECTORY_QUEUES]

    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)

    assert response.status_code == 200
    expected += len(other_apps_queues)
    assert len(queries) == expected, "\n".join(q["sql"][:120] for q in queries)


@pytest.mark.parametrize("number", [3, 60])
def test_a_queue_page_needs_the_same_queries_for_few_and_many_rows(
    client: Client, coordinator: User, number: int
) -> None:
    for index in range(number):
        InitiativeFactory(name=f"Zonder team {index}")
    client.force_login(coordinator)

    # The session, the user, the two-factor rule, the groups; the count for the paginator; the
    # page of initiatives; and the two-factor check kept in the session on the first page after
    # logging in (a savepoint, the session's update, its release).
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/coordination/without-team/?page=2").status_code == 200

    assert len(queries) == 9


@pytest.fixture
def extra_queue(monkeypatch: pytest.MonkeyPatch) -> WorkQueue:
    """A queue as another app (the fund, say) would register it, for one test."""
    monkeypatch.setattr(work_queues, "_queues", dict(work_queues._queues))
    queue = WorkQueue(
        key="reviews-to-write",
        title="Beoordelingen om te schrijven",
        items=lambda: Initiative.objects.filter(name__startswith="Aanvraag").order_by("name"),
        item_template="initiatives/partials/_queue_without_team.html",
        visible_to=lambda user: user.groups.filter(name="fund committee").exists(),
        empty="Niets te beoordelen.",
    )
    register_work_queue(queue)
    return queue


def test_another_app_adds_a_queue_for_the_people_it_names(
    client: Client, fund_committee: User, coordinator: User, extra_queue: WorkQueue
) -> None:
    InitiativeFactory(name="Aanvraag Speeltuin")
    client.force_login(fund_committee)

    home = client.get("/")
    overview = client.get(URL)

    assert f'href="{URL}"'.encode() in home.content
    assert names_in(section(overview, "reviews-to-write")) == ["Aanvraag Speeltuin"]
    assert b'id="queue-pending"' not in overview.content  # the coordinators' queues are theirs
    client.force_login(coordinator)
    assert b'id="queue-reviews-to-write"' not in client.get(URL).content
    assert client.get("/coordination/reviews-to-write/").status_code == 403


def test_a_queue_name_is_registered_once(extra_queue: WorkQueue) -> None:
    with pytest.raises(ValueError, match="reviews-to-write"):
        register_work_queue(extra_queue)


def test_the_review_queue_leads_back_to_the_overview(as_coordinator: Client) -> None:
    assert f'href="{URL}"'.encode() in as_coordinator.get("/initiatives/review/").content
