"""Withdrawing: a confirmation step first; a submitted application is marked withdrawn and kept,
a draft is deleted with its budget and files; refused once decided, also when the decision
came a moment before, read again under the row lock (with real parallel connections)."""

import time

import pytest
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import Client

from accounts.models import User
from fund.allocation import award
from fund.applications import withdraw
from fund.errors import FundRuleError
from fund.models import Application, ApplicationAttachment, BudgetLine
from initiatives.models import Initiative
from tests.concurrency import all_at_once
from tests.factories import InitiativeFactory, UserFactory
from tests.fund.factories import ApplicationFactory, RoundFactory, submitted_application
from tests.fund.factories_applications import attach, freeze_first

pytestmark = pytest.mark.django_db


@pytest.fixture
def x(member: User) -> Initiative:
    return InitiativeFactory(name="Buurtkracht", admin=member)


@pytest.fixture
def signed_in(client: Client, member: User) -> Client:
    client.force_login(member)
    return client


def test_withdrawing_asks_first_then_keeps_the_application_marked(
    signed_in: Client, x: Initiative
) -> None:
    application = submitted_application(initiative=x)
    freeze_first(application)
    url = f"/fund/applications/{application.pk}/withdraw/"

    page = signed_in.get(url)
    assert "Deze aanvraag intrekken?" in page.content.decode()
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED

    response = signed_in.post(url, follow=True)

    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    assert application.withdrawn_at is not None
    assert application.submitted_at is not None
    assert application.revisions.count() == 1
    html = response.content.decode()
    assert "De aanvraag is ingetrokken." in html
    assert "Ingetrokken op" in html
    # A second click: nothing more happens.
    again = signed_in.post(url, follow=True)
    assert "Deze aanvraag is al ingetrokken." in again.content.decode()


def test_a_draft_is_deleted_with_its_budget_and_files(
    signed_in: Client, x: Initiative, member: User, committed: object
) -> None:
    draft = ApplicationFactory(initiative=x)
    stored = attach(draft, by=member).file.name
    assert default_storage.exists(stored)
    page = signed_in.get(f"/fund/applications/{draft.pk}/withdraw/")
    assert "Dit concept verwijderen?" in page.content.decode()

    with committed():  # type: ignore[operator]
        response = signed_in.post(f"/fund/applications/{draft.pk}/withdraw/", follow=True)

    assert response.redirect_chain[-1][0] == "/fund/applications/"
    assert "is verwijderd" in response.content.decode()
    assert not Application.objects.filter(pk=draft.pk).exists()
    assert not BudgetLine.objects.filter(application_id=draft.pk).exists()
    assert not ApplicationAttachment.objects.exists()
    assert not default_storage.exists(stored)


def test_a_decided_application_cannot_be_withdrawn(signed_in: Client, x: Initiative) -> None:
    application = submitted_application(initiative=x)
    with transaction.atomic():
        award(application, application.amount_cents, by=None)
        Application.objects.filter(pk=application.pk).update(status=Application.Status.AWARDED)

    page = signed_in.get(f"/fund/applications/{application.pk}/withdraw/", follow=True)
    assert "Intrekken kan niet meer." in page.content.decode()
    response = signed_in.post(f"/fund/applications/{application.pk}/withdraw/", follow=True)
    assert "Intrekken kan niet meer." in response.content.decode()
    application.refresh_from_db()
    assert application.status == Application.Status.AWARDED


def test_a_stale_copy_is_read_again_under_the_lock(x: Initiative) -> None:
    application = submitted_application(initiative=x)
    stale = Application.objects.get(pk=application.pk)
    Application.objects.filter(pk=application.pk).update(status=Application.Status.REJECTED)
    with pytest.raises(FundRuleError, match="Intrekken kan niet meer"):
        withdraw(stale, by=None)  # type: ignore[arg-type]
    application.refresh_from_db()
    assert application.status == Application.Status.REJECTED


def test_nobody_else_withdraws_it(
    client: Client, x: Initiative, other_member: User, fund_committee: User, treasurer: User
) -> None:
    application = submitted_application(initiative=x)
    draft = ApplicationFactory(initiative=x)
    for outsider in (other_member, fund_committee, treasurer):
        client.force_login(outsider)
        assert client.post(f"/fund/applications/{application.pk}/withdraw/").status_code == 403
        assert client.post(f"/fund/applications/{draft.pk}/withdraw/").status_code == 404
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert Application.objects.filter(pk=draft.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_a_decision_at_the_same_moment_wins_over_a_withdrawal(reference_data: None) -> None:
    """The committee decides (locking the application, as fund/decisions.py does) while the
    applicant withdraws a copy read before: the withdrawal waits for the lock, reads the
    decision, and is refused."""
    member = UserFactory()
    application = submitted_application(
        round=RoundFactory(budget_cents=5_000_00), initiative=InitiativeFactory(admin=member)
    )
    before = Application.objects.get(pk=application.pk)

    def decide() -> str:
        with transaction.atomic():
            locked = Application.objects.select_for_update().get(pk=application.pk)
            time.sleep(0.5)  # the withdrawal arrives meanwhile
            award(locked, locked.amount_cents, by=None)
            Application.objects.filter(pk=locked.pk).update(status=Application.Status.AWARDED)
        return "decided"

    def withdraw_later() -> object:
        time.sleep(0.1)
        return withdraw(before, by=member)

    outcomes = all_at_once(decide, withdraw_later)

    assert outcomes[0] == "decided", outcomes
    assert isinstance(outcomes[1], FundRuleError), outcomes
    assert "Intrekken kan niet meer" in outcomes[1].message
    application.refresh_from_db()
    assert application.status == Application.Status.AWARDED
    assert application.withdrawn_at is None
