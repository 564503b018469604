"""Submitting: every rule of the round checked under the locks, each failure a clear Dutch
message; on success the status, the date, revision 1 with everything in it, and an e-mail to
the initiative's members. A double submit, one after the other or at the same moment, is one
submission with one revision and one set of e-mails."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client
from django.utils import timezone

from accounts.models import User
from fund import submission
from fund.allocation import award
from fund.errors import FundRuleError
from fund.models import Application, ApplicationRevision, Round
from initiatives.models import Initiative, Membership
from tests.concurrency import all_at_once
from tests.factories import InitiativeFactory, UserFactory
from tests.fund.factories import ApplicationFactory, RoundFactory, submitted_application
from tests.fund.factories_applications import attach

pytestmark = pytest.mark.django_db


@pytest.fixture
def x(member: User, plain_member: User) -> Initiative:
    initiative = InitiativeFactory(name="Buurtkracht", admin=member)
    Membership.objects.create(initiative=initiative, user=plain_member)
    return initiative


@pytest.fixture
def draft(x: Initiative, member: User) -> Application:
    round_ = RoundFactory(name="Voorjaar", budget_cents=20_000_00)
    return ApplicationFactory(round=round_, initiative=x, created_by=member)


def _submit(client: Client, application: Application) -> object:
    return client.post(f"/fund/applications/{application.pk}/submit/")


def _problems(application: Application) -> list[str]:
    application.refresh_from_db()
    return [
        p.message.replace("\xa0", " ") for p in submission.problems(application, application.round)
    ]


def test_a_complete_draft_is_submitted_with_revision_one_and_an_email(
    client: Client, draft: Application, member: User, plain_member: User, committed: object
) -> None:
    together = InitiativeFactory(name="Samen Sterk")
    draft.co_applicants.add(together)
    attach(draft, "offerte.pdf", by=member)
    client.force_login(member)
    page = client.get(f"/fund/applications/{draft.pk}/submit/")
    assert "De aanvraag indienen" in page.content.decode()

    with committed():  # type: ignore[operator]
        response = client.post(f"/fund/applications/{draft.pk}/submit/", follow=True)

    draft.refresh_from_db()
    assert draft.status == Application.Status.SUBMITTED
    assert draft.submitted_at is not None
    assert draft.revision == 1
    revision = ApplicationRevision.objects.get(application=draft)
    assert revision.number == 1
    assert revision.created_by == member
    content = revision.content
    assert content["title"] == draft.title
    assert content["amount_cents"] == 1_000_00
    assert content["budget_lines"] == [
        {"description": "Boodschappen", "amount_cents": 500_00},
        {"description": "Huur keuken", "amount_cents": 500_00},
    ]
    assert content["co_applicants"] == ["Samen Sterk"]
    assert content["attachments"] == ["offerte.pdf"]
    assert content["initiative"] == "Buurtkracht"
    assert "Ingediend." in response.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, plain_member.email])
    message = mail.outbox[0]
    assert message.subject == f"Ingediend bij het fonds: {draft.title}"
    assert f"/fund/applications/{draft.pk}/" in message.body
    assert "€\xa01.000,00" in message.body


def test_each_missing_part_is_named(draft: Application) -> None:
    Application.objects.filter(pk=draft.pk).update(summary="", plan="  ", why="", for_whom="")
    draft.budget_lines.all().delete()

    problems = _problems(draft)

    assert "Vul “In het kort, in eenvoudige woorden” in." in problems
    assert "Vul “Het plan” in." in problems
    assert "Vul “Waarom is het nodig?” in." in problems
    assert "Vul “Voor wie?” in." in problems
    assert "Zet minstens één regel in de begroting: waar je het geld voor nodig hebt." in problems
    with pytest.raises(submission.Refused) as refused:
        submission.submit(draft, by=None)  # type: ignore[arg-type]
    assert len(refused.value.problems) == 5
    draft.refresh_from_db()
    assert draft.status == Application.Status.DRAFT
    assert not ApplicationRevision.objects.exists()


def test_the_amount_may_not_pass_the_maximum_or_the_budget(draft: Application) -> None:
    Round.objects.filter(pk=draft.round_id).update(max_per_application_cents=800_00)
    assert _problems(draft) == [
        "Je vraagt € 1.000,00. Deze ronde geeft hoogstens € 800,00 per aanvraag."
    ]
    Round.objects.filter(pk=draft.round_id).update(max_per_application_cents=5_000_00)
    Application.objects.filter(pk=draft.pk).update(amount_cents=1_200_00)
    assert _problems(draft) == [
        "Je vraagt € 1.200,00, maar je begroting komt uit op € 1.000,00. Vraag hoogstens het "
        "totaal van je begroting, of zet in de begroting wat er nog ontbreekt."
    ]


def test_a_closed_or_not_yet_open_round_refuses(
    client: Client, draft: Application, member: User
) -> None:
    today = timezone.localdate()
    Round.objects.filter(pk=draft.round_id).update(
        opens_on=today - timedelta(days=30), closes_on=today - timedelta(days=1)
    )
    client.force_login(member)
    response = _submit(client, draft)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "is gesloten. Aanvragen kon tot en met" in response.content.decode()  # type: ignore[attr-defined]
    Round.objects.filter(pk=draft.round_id).update(
        opens_on=today + timedelta(days=3), closes_on=today + timedelta(days=30)
    )
    assert "gaat open op" in _problems(draft)[0]
    Round.objects.filter(pk=draft.round_id).update(
        opens_on=today - timedelta(days=3), closed_at=timezone.now()
    )
    assert "is gesloten" in _problems(draft)[0]
    draft.refresh_from_db()
    assert draft.status == Application.Status.DRAFT


def test_a_cap_of_the_round_is_checked_for_this_year(x: Initiative, member: User) -> None:
    round_ = RoundFactory(
        budget_cents=20_000_00, max_grants_per_year=1, max_cents_per_year=1_500_00
    )
    earlier = submitted_application(round=round_, initiative=x, amount_cents=1_000_00)
    with transaction.atomic():
        award(earlier, 1_000_00, by=None)
    draft = ApplicationFactory(round=round_, initiative=x, amount_cents=400_00)

    problems = _problems(draft)

    assert len(problems) == 1
    assert "Buurtkracht kreeg in" in problems[0]
    assert "hoogstens 1 per initiatief per jaar" in problems[0]
    Round.objects.filter(pk=round_.pk).update(max_grants_per_year=None)
    assert _problems(draft) == []
    Application.objects.filter(pk=draft.pk).update(amount_cents=600_00)
    draft.budget_lines.update(amount_cents=300_00)
    assert "zou Buurtkracht in" in _problems(draft)[0]


def test_an_initiative_that_left_the_directory_cannot_submit(
    draft: Application, x: Initiative
) -> None:
    other = InitiativeFactory(name="Gestopt")
    draft.co_applicants.add(other)
    Initiative.objects.filter(pk=other.pk).update(status=Initiative.Status.ARCHIVED)
    assert _problems(draft) == [
        "Staat (niet meer) in het overzicht: “Gestopt”. Haal ze van de lijst."
    ]
    Initiative.objects.filter(pk=x.pk).update(status=Initiative.Status.ARCHIVED)
    assert "Buurtkracht staat (niet meer) in het overzicht" in _problems(draft)[0]


def test_submitting_twice_is_one_submission(
    client: Client, draft: Application, member: User, committed: object
) -> None:
    client.force_login(member)
    with committed():  # type: ignore[operator]
        _submit(client, draft)
        response = client.post(f"/fund/applications/{draft.pk}/submit/", follow=True)
    assert "Deze aanvraag is al ingediend." in response.content.decode()
    assert ApplicationRevision.objects.filter(application=draft).count() == 1
    assert len(mail.outbox) == 2  # one for each of its two members, once


def test_a_withdrawn_or_decided_application_is_not_submitted(draft: Application) -> None:
    Application.objects.filter(pk=draft.pk).update(
        status=Application.Status.WITHDRAWN, submitted_at=timezone.now()
    )
    with pytest.raises(FundRuleError, match="ingetrokken"):
        submission.submit(draft, by=None)  # type: ignore[arg-type]


def test_someone_outside_the_initiative_cannot_submit(
    client: Client, draft: Application, other_member: User, fund_committee: User
) -> None:
    for outsider in (other_member, fund_committee):
        client.force_login(outsider)
        assert _submit(client, draft).status_code == 404  # type: ignore[attr-defined]
    draft.refresh_from_db()
    assert draft.status == Application.Status.DRAFT


def test_hostile_text_is_plain_in_the_email(
    client: Client, x: Initiative, member: User, committed: object
) -> None:
    round_ = RoundFactory(name='Ronde <script>alert("r")</script>', budget_cents=5_000_00)
    draft = ApplicationFactory(
        round=round_,
        initiative=x,
        title='<script>alert(1)</script>\r\nBcc: iedereen@example.nl =HYPERLINK("x")',
    )
    client.force_login(member)
    with committed():  # type: ignore[operator]
        _submit(client, draft)
    message = mail.outbox[0]
    assert "\n" not in message.subject
    assert message.subject.startswith("Ingediend bij het fonds: <script>alert(1)</script> Bcc:")
    assert "&lt;" not in message.body
    assert '<script>alert(1)</script> Bcc: iedereen@example.nl =HYPERLINK("x")' in message.body
    assert 'Ronde <script>alert("r")</script>' in message.body


@pytest.mark.django_db(transaction=True)
def test_two_submits_at_the_same_moment_are_one(reference_data: None) -> None:
    member = UserFactory()
    initiative = InitiativeFactory(admin=member)
    draft = ApplicationFactory(round=RoundFactory(budget_cents=5_000_00), initiative=initiative)

    outcomes = all_at_once(
        lambda: submission.submit(draft, by=member), lambda: submission.submit(draft, by=member)
    )

    assert sorted(o.already for o in outcomes) == [False, True], outcomes
    assert ApplicationRevision.objects.filter(application=draft).count() == 1
    draft.refresh_from_db()
    assert draft.revision == 1
    assert draft.status == Application.Status.SUBMITTED
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_a_round_closed_at_the_same_moment_is_seen_closed(reference_data: None) -> None:
    """Closing a round refuses while applications wait; a submission at that moment either
    waits for the close and is refused, or comes first and stops the close."""
    from fund.allocation import release_round

    member = UserFactory()
    draft = ApplicationFactory(
        round=RoundFactory(budget_cents=5_000_00), initiative=InitiativeFactory(admin=member)
    )

    outcomes = all_at_once(
        lambda: submission.submit(draft, by=member), lambda: release_round(draft.round, by=None)
    )

    draft.refresh_from_db()
    round_ = Round.objects.get(pk=draft.round_id)
    if draft.status == Application.Status.SUBMITTED:
        assert isinstance(outcomes[1], FundRuleError), outcomes
        assert round_.closed_at is None
    else:
        assert isinstance(outcomes[0], submission.Refused), outcomes
        assert round_.closed_at is not None
