"""Two things at once: real threads, each with its own database connection, in committed
transactions. Nothing a person does twice, or at the same moment as someone else, may undo
another's change or end in a server error."""

import threading
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.utils import timezone

from accounts.models import User
from accounts.roles import COORDINATOR
from initiatives import approval, csv_import, profile, staleness
from initiatives.forms import InitiativeForm
from initiatives.models import Initiative, JoinRequest, Municipality, Theme
from initiatives.profile import update_profile
from tests.factories import InitiativeFactory, UserFactory
from tests.initiatives.test_profile_upkeep import edit_data

pytestmark = pytest.mark.usefixtures("reference_data", "coordinators")


@pytest.fixture
def coordinators() -> None:
    """The group that registrations are reported to (its data migration is emptied in between)."""
    Group.objects.get_or_create(name=COORDINATOR)


def in_parallel(*work: Callable[[], Any]) -> list[Any]:
    """Run each callable in a thread of its own; their outcomes (or exceptions) in order."""
    outcomes: list[Any] = [None] * len(work)

    def run(index: int, job: Callable[[], Any]) -> None:
        try:
            outcomes[index] = job()
        except Exception as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(work)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


REVIEWS = {
    "approve": (Initiative.Status.PENDING, Initiative.Status.APPROVED),
    "reject": (Initiative.Status.PENDING, Initiative.Status.REJECTED),
    "archive": (Initiative.Status.APPROVED, Initiative.Status.ARCHIVED),
}


def review(action: str, initiative: Initiative, coordinator: User) -> None:
    if action == "approve":
        approval.approve_initiative(initiative, by=coordinator)
    elif action == "reject":
        approval.reject_initiative(initiative, by=coordinator, reason="Dit is een bedrijf.")
    else:
        approval.archive_initiative(initiative, by=coordinator)


@pytest.mark.parametrize("action", REVIEWS)
def test_a_profile_edit_saved_during_a_review_keeps_the_review(action: str) -> None:
    admin, coordinator = UserFactory(), UserFactory()
    status_before, status_after = REVIEWS[action]
    initiative = InitiativeFactory(status=status_before, admin=admin, place="Zuilen")
    # The admin's edit request reads the initiative and validates the form...
    loaded = Initiative.objects.get(pk=initiative.pk)
    form = InitiativeForm(edit_data(loaded, place="Ondiep"), instance=loaded)
    assert form.is_valid()
    # ...while a coordinator's request, on its own connection, reviews it and commits...
    [outcome] = in_parallel(lambda: review(action, initiative, coordinator))
    assert outcome is None
    # ...and then the admin's request saves.
    update_profile(loaded, by=admin, form=form)

    initiative.refresh_from_db()
    assert initiative.status == status_after
    assert initiative.place == "Ondiep"


def test_a_review_waits_for_a_profile_edit_in_progress_and_both_count(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    admin, coordinator = UserFactory(), UserFactory()
    initiative = InitiativeFactory(status=Initiative.Status.PENDING, admin=admin)
    form = InitiativeForm(edit_data(initiative, place="Ondiep"), instance=initiative)
    assert form.is_valid()
    saved, reviewing = threading.Event(), threading.Event()
    save_columns = profile._save_columns

    def save_then_hold_the_lock(*args: Any) -> None:
        save_columns(*args)
        saved.set()
        reviewing.wait(timeout=5)

    monkeypatch.setattr(profile, "_save_columns", save_then_hold_the_lock)

    def approve_while_the_edit_holds_the_lock() -> None:
        saved.wait(timeout=5)
        threading.Timer(0.5, reviewing.set).start()
        approval.approve_initiative(initiative, by=coordinator)

    outcomes = in_parallel(
        lambda: update_profile(initiative, by=admin, form=form),
        approve_while_the_edit_holds_the_lock,
    )
    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.APPROVED
    assert initiative.place == "Ondiep"


REGISTRATION = {
    "name": "Groene Buren Lunetten",
    "pitch": "Buren vergroenen samen hun straat en delen gereedschap.",
    "legal_form": "informal",
}


def test_a_double_click_on_register_makes_one_initiative_and_no_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    person = UserFactory()
    data = {
        **REGISTRATION,
        "municipality": Municipality.objects.get(name="Utrecht").pk,
        "themes": [Theme.objects.first().pk],
    }
    # Both requests pass the form and the "is this yours?" check before either saves.
    from initiatives.views import review as review_views

    barrier = threading.Barrier(2)
    check = review_views.similar_initiatives

    def similar_then_wait(*args: Any, **kwargs: Any) -> Any:
        found = check(*args, **kwargs)
        barrier.wait(timeout=15)
        return found

    monkeypatch.setattr(review_views, "similar_initiatives", similar_then_wait)

    def click() -> Any:
        client = Client(raise_request_exception=False)
        client.force_login(person)
        response = client.post("/initiatives/register/", data)
        return response.status_code, response.get("Location")

    first, second = in_parallel(click, click)
    initiative = Initiative.objects.get(name=REGISTRATION["name"])
    assert first == second == (302, initiative.get_absolute_url())
    assert initiative.memberships.get().user == person


def test_a_double_click_on_ask_to_join_makes_one_request_and_no_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    person, admin = UserFactory(), UserFactory()
    initiative = InitiativeFactory(admin=admin)
    # Both requests pass the checks ("not a member, not asked yet") before either saves.
    barrier = threading.Barrier(2)
    create = JoinRequest.objects.create

    def wait_then_create(**kwargs: Any) -> JoinRequest:
        barrier.wait(timeout=15)
        return create(**kwargs)

    monkeypatch.setattr(JoinRequest.objects, "create", wait_then_create)

    def click() -> Any:
        client = Client(raise_request_exception=False)
        client.force_login(person)
        response = client.post(f"/initiatives/{initiative.slug}/join/", {"message": "Hoi!"})
        return response.status_code

    assert in_parallel(click, click) == [302, 302]
    assert JoinRequest.objects.filter(initiative=initiative, user=person).count() == 1


def test_two_coordinators_approving_namesakes_at_once_get_a_message_not_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    coordinator = UserFactory()
    first, second = (
        InitiativeFactory(status=Initiative.Status.PENDING, name=name, slug=slug)
        for name, slug in (
            ("Samen Koken", "samen-koken-1a2b3c"),
            ("samen koken", "samen-koken-4d5e6f"),
        )
    )
    # Both pass the check for a public namesake before either saves.
    barrier = threading.Barrier(2)
    guard = approval._guard_public_name

    def guard_then_wait(initiative: Initiative) -> None:
        guard(initiative)
        barrier.wait(timeout=15)

    monkeypatch.setattr(approval, "_guard_public_name", guard_then_wait)
    outcomes = in_parallel(
        lambda: approval.approve_initiative(first, by=coordinator),
        lambda: approval.approve_initiative(second, by=coordinator),
    )
    errors = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert len(errors) == 1
    assert errors[0].message.endswith(
        " kan niet worden goedgekeurd: een goedgekeurd initiatief in Utrecht heeft deze naam "
        "al. Vraag de aanmelder om een andere naam te kiezen."
    )
    assert Initiative.objects.approved().count() == 1


def test_two_initiatives_renamed_to_one_name_at_once_get_a_message_next_to_the_name() -> None:
    admin = UserFactory()
    first, second = InitiativeFactory(admin=admin), InitiativeFactory(admin=admin)
    # Both edit forms are checked before either is saved: neither name is taken yet.
    forms = [
        InitiativeForm(edit_data(initiative, name="Samen Koken"), instance=initiative)
        for initiative in (first, second)
    ]
    assert all(form.is_valid() for form in forms)
    outcomes = in_parallel(
        *(partial(update_profile, form.instance, by=admin, form=form) for form in forms)
    )
    errors = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert [(error.field, error.message) for error in errors] == [
        ("name", "Er is al een initiatief met deze naam in deze gemeente.")
    ]
    assert Initiative.objects.filter(name="Samen Koken").count() == 1


def test_an_initiative_archived_after_the_reminder_list_was_made_gets_no_reminder(
    monkeypatch: pytest.MonkeyPatch, mailoutbox: list
) -> None:
    admin, coordinator = UserFactory(), UserFactory()
    initiative = InitiativeFactory(admin=admin)
    Initiative.objects.filter(pk=initiative.pk).update(
        updated_at=timezone.now() - timedelta(days=400)
    )
    make_list = staleness.initiatives_to_remind

    def list_then_archive(now: Any) -> list[Initiative]:
        found = make_list(now)
        in_parallel(lambda: approval.archive_initiative(initiative, by=coordinator))
        return found

    monkeypatch.setattr(staleness, "initiatives_to_remind", list_then_archive)
    assert staleness.remind_stale_initiatives() == 0
    assert mailoutbox == []
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.ARCHIVED
    assert initiative.reminded_at is None


def test_an_initiative_archived_during_a_csv_import_stays_archived(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    coordinator = UserFactory()
    initiative = InitiativeFactory(name="Samen Koken", pitch="Wij koken.")
    saving, archiving = threading.Event(), threading.Event()
    save = csv_import._save

    def save_slowly(found: Initiative | None, data: dict) -> str:
        saving.set()
        archiving.wait(timeout=1)  # long enough for an archive that does not wait for the lock
        return save(found, data)

    monkeypatch.setattr(csv_import, "_save", save_slowly)

    def archive_during_the_import() -> None:
        saving.wait(timeout=5)
        threading.Timer(0.5, archiving.set).start()
        approval.archive_initiative(initiative, by=coordinator)

    header = "name,municipality,pitch\n"
    outcomes = in_parallel(
        lambda: csv_import.import_initiatives(header + "Samen Koken,Utrecht,Wij koken samen.\n"),
        archive_during_the_import,
    )
    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    initiative.refresh_from_db()
    assert initiative.pitch == "Wij koken samen."
    assert initiative.status == Initiative.Status.ARCHIVED


def test_two_approvals_that_want_one_address_at_once_get_a_message_then_a_number(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    coordinator = UserFactory()
    first, second = (
        InitiativeFactory(
            status=Initiative.Status.PENDING,
            name="Samen Koken",
            slug=slug,
            municipality=Municipality.objects.get(name=municipality),
        )
        for municipality, slug in (
            ("Utrecht", "samen-koken-1a2b3c"),
            ("Zeist", "samen-koken-4d5e6f"),
        )
    )
    barrier = threading.Barrier(2)
    guard = approval._guard_public_name

    def guard_then_wait(initiative: Initiative) -> None:
        guard(initiative)
        barrier.wait(timeout=15)

    monkeypatch.setattr(approval, "_guard_public_name", guard_then_wait)
    outcomes = in_parallel(
        lambda: approval.approve_initiative(first, by=coordinator),
        lambda: approval.approve_initiative(second, by=coordinator),
    )
    [error] = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert error.message == (
        "Een ander initiatief kreeg op hetzelfde moment dit adres. Keur het opnieuw goed."
    )
    monkeypatch.setattr(approval, "_guard_public_name", guard)
    for initiative in (first, second):
        initiative.refresh_from_db()
        if initiative.status == Initiative.Status.PENDING:
            approval.approve_initiative(initiative, by=coordinator)
    assert sorted(Initiative.objects.values_list("slug", flat=True)) == [
        "samen-koken",
        "samen-koken-2",
    ]
