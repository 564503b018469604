"""The committee reviews a report: accepting settles the grant and gives what was not paid out
back to the fund; asking for changes sends the report back with a note. Reminders, the grant's
page, the initiative's page and the public page of what the network does."""

from collections.abc import Callable
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.management import call_command
from django.db.models import Sum
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.utils import timezone

from accounts.models import User
from accounts.roles import FUND_COMMITTEE
from fund import accountability
from fund.errors import FundRuleError
from fund.ledger import derived_mismatches
from fund.models import Grant, LedgerEntry, Report, Tie
from initiatives.models import Membership, Municipality
from omzien.work_queues import registered_queue
from tests.concurrency import all_at_once
from tests.factories import InitiativeFactory, UserFactory, role_user
from tests.fund.factories import awarded_grant
from tests.fund.factories_payouts import paid, proposed, report_row

pytestmark = pytest.mark.usefixtures("reference_data")


def _grant(member: User | None = None, cents: int = 1_000_00, **initiative: object) -> Grant:
    made = (
        InitiativeFactory(admin=member, **initiative) if member else InitiativeFactory(**initiative)
    )
    return awarded_grant(cents, initiative=made, amount_cents=cents)


def _submitted(grant: Grant, **kwargs: object) -> Report:
    return report_row(grant, Report.Status.SUBMITTED, submitted_at=timezone.now(), **kwargs)


@pytest.mark.django_db
def test_accepting_settles_the_grant_and_returns_what_was_not_paid(
    client: Client, member: User, fund_committee: User, committed: Callable
) -> None:
    grant = _grant(member, cents=1_000_00)
    paid(grant, 700_00)
    report = _submitted(grant)
    client.force_login(fund_committee)
    page = client.get(f"/fund/grants/{grant.pk}/report/review/")
    assert page.status_code == 200
    assert "We kookten elke maand" in page.content.decode()
    mail.outbox.clear()
    with committed():
        response = client.post(
            f"/fund/grants/{grant.pk}/report/review/",
            {"decision": "accept", "note": "Mooi gedaan!"},
            follow=True,
        )
    assert "€\xa0300,00 die niet was uitbetaald" in response.content.decode()
    grant.refresh_from_db()
    report.refresh_from_db()
    assert grant.status == Grant.Status.SETTLED
    assert grant.settled_at is not None
    assert report.status == Report.Status.ACCEPTED
    assert report.accepted_by == fund_committee
    released = LedgerEntry.objects.filter(grant=grant, kind="release").aggregate(
        t=Sum("amount_cents")
    )["t"]
    assert grant.released_cents == 300_00 == released
    assert grant.open_cents == 0
    assert list(derived_mismatches()) == []
    # The initiative hears, with what went back.
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "€\xa0300,00" in mail.outbox[0].body
    assert "Mooi gedaan!" in mail.outbox[0].body
    # The grant's page says how much went back.
    panel = _panel(grant, AnonymousUser())
    assert "€\xa0300,00 was niet nodig en ging terug naar het fonds" in panel


@pytest.mark.django_db
def test_asking_for_changes_needs_a_note_and_sends_the_report_back(
    client: Client, member: User, fund_committee: User, committed: Callable
) -> None:
    grant = _grant(member)
    report = _submitted(grant)
    client.force_login(fund_committee)
    url = f"/fund/grants/{grant.pk}/report/review/"
    response = client.post(url, {"decision": "changes", "note": "  "})
    assert response.status_code == 200
    assert "Zeg wat er moet veranderen" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    mail.outbox.clear()
    with committed():
        client.post(url, {"decision": "changes", "note": "Welke buurt was het?"})
    report.refresh_from_db()
    assert report.status == Report.Status.CHANGES_REQUESTED
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "Welke buurt was het?" in mail.outbox[0].body
    # The members see the note and may change the report again.
    client.force_login(member)
    page = client.get(f"/fund/grants/{grant.pk}/report/")
    assert "Welke buurt was het?" in page.content.decode()
    assert page.context["form"] is not None
    grant.refresh_from_db()
    assert grant.status != Grant.Status.SETTLED


@pytest.mark.django_db
def test_only_the_committee_without_a_conflict_reviews(
    client: Client, member: User, fund_committee: User, treasurer: User
) -> None:
    grant = _grant(member)
    _submitted(grant)
    url = f"/fund/grants/{grant.pk}/report/review/"
    for person in (member, treasurer):
        client.force_login(person)
        assert client.get(url).status_code == 403
    Tie.objects.create(user=fund_committee, initiative=grant.initiative, description="Buurman")
    client.force_login(fund_committee)
    response = client.post(url, {"decision": "accept"})
    assert response.status_code == 403
    assert "belangenverstrengeling" in response.content.decode()
    member_too = role_user(FUND_COMMITTEE)
    Membership.objects.create(initiative=grant.initiative, user=member_too)
    client.force_login(member_too)
    assert client.post(url, {"decision": "accept"}).status_code == 403
    grant.refresh_from_db()
    assert grant.status != Grant.Status.SETTLED


@pytest.mark.django_db
def test_a_waiting_payout_keeps_the_grant_from_being_settled(fund_committee: User) -> None:
    grant = _grant()
    _submitted(grant)
    proposed(grant, 200_00)
    with pytest.raises(FundRuleError, match="wacht nog een uitbetaling"):
        accountability.accept(grant, by=fund_committee)
    grant.refresh_from_db()
    assert grant.status != Grant.Status.SETTLED


@pytest.mark.django_db
def test_nothing_to_review_before_it_is_submitted(client: Client, fund_committee: User) -> None:
    grant = _grant()
    report_row(grant)  # a draft
    client.force_login(fund_committee)
    page = client.get(f"/fund/grants/{grant.pk}/report/review/")
    assert page.status_code == 200
    assert "Er is nog geen verantwoording ingediend" in page.content.decode()
    assert "We kookten" not in page.content.decode()  # a draft is the initiative's
    response = client.post(f"/fund/grants/{grant.pk}/report/review/", {"decision": "accept"})
    assert "geen ingediende verantwoording" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_acceptances_at_once_settle_once() -> None:
    grant = _grant(cents=1_000_00)
    paid(grant, 400_00)
    _submitted(grant)
    first, second = role_user(FUND_COMMITTEE), role_user(FUND_COMMITTEE)
    outcomes = all_at_once(
        lambda: accountability.accept(grant, by=first),
        lambda: accountability.accept(grant, by=second),
    )
    assert sum(isinstance(o, accountability.Settlement) for o in outcomes) == 1, outcomes
    assert sum(isinstance(o, FundRuleError) for o in outcomes) == 1, outcomes
    grant.refresh_from_db()
    assert grant.released_cents == 600_00
    assert LedgerEntry.objects.filter(grant=grant, kind="release").count() == 1
    assert list(derived_mismatches()) == []


def _panel(grant: Grant, user: User | AnonymousUser) -> str:
    request = RequestFactory().get(f"/fund/grants/{grant.pk}/")
    request.user = user
    grant = Grant.objects.select_related("application", "initiative").get(pk=grant.pk)
    return render_to_string(
        "fund/partials/_report_panel.html",
        accountability.page_context(request, grant),
        request=request,
    )


@pytest.mark.django_db
def test_the_grants_page_shows_a_report_only_once_accepted(
    member: User, fund_committee: User, django_assert_max_num_queries: Callable
) -> None:
    grant = _grant(member)
    report = _submitted(grant, story='<script>alert("x")</script> Wij kookten samen.')
    public = _panel(grant, AnonymousUser())
    assert "Er is nog geen verantwoording goedgekeurd" in public
    assert "Wij kookten" not in public
    as_member = _panel(grant, User.objects.get(pk=member.pk))
    assert f"/fund/grants/{grant.pk}/report/" in as_member
    assert "Lees jullie verantwoording" in as_member
    as_committee = _panel(grant, User.objects.get(pk=fund_committee.pk))
    assert f"/fund/grants/{grant.pk}/report/review/" in as_committee
    with django_assert_max_num_queries(7):
        _panel(grant, User.objects.get(pk=fund_committee.pk))

    accountability.accept(grant, by=fund_committee)
    report.refresh_from_db()
    public = _panel(grant, AnonymousUser())
    assert "Wij kookten samen" in public
    assert "&lt;script&gt;" in public
    assert "<script>" not in public
    assert "120" in public  # people reached
    assert "Schrijf jullie verantwoording" not in _panel(grant, User.objects.get(pk=member.pk))


@pytest.mark.django_db
def test_a_member_sees_the_due_date_and_the_link_to_write(member: User) -> None:
    grant = _grant(member)
    Grant.objects.filter(pk=grant.pk).update(report_due_on=timezone.localdate() - timedelta(days=2))
    panel = _panel(grant, User.objects.get(pk=member.pk))
    assert "Jullie verantwoording moest binnen zijn op" in panel
    assert "Schrijf jullie verantwoording" in panel


@pytest.mark.django_db
def test_reminders_before_the_due_date_and_after_it_at_most_weekly(
    member: User, committed: Callable
) -> None:
    now = timezone.now()
    today = timezone.localdate(now)
    soon = _grant(member)
    Grant.objects.filter(pk=soon.pk).update(report_due_on=today + timedelta(days=10))
    later = _grant()
    Grant.objects.filter(pk=later.pk).update(report_due_on=today + timedelta(days=40))
    overdue = _grant(UserFactory())
    Grant.objects.filter(pk=overdue.pk).update(report_due_on=today - timedelta(days=3))
    handed_in = _grant()
    Grant.objects.filter(pk=handed_in.pk).update(report_due_on=today - timedelta(days=3))
    _submitted(handed_in)
    settled = _grant()
    Grant.objects.filter(pk=settled.pk).update(
        report_due_on=today - timedelta(days=3), status=Grant.Status.SETTLED
    )
    out = StringIO()
    with committed():
        call_command("send_fund_reminders", stdout=out)
    assert "2 grant" in out.getvalue()
    subjects = {m.subject for m in mail.outbox}
    assert any("binnenkort" in s and soon.application.title in s for s in subjects)
    assert any("te laat" in s and overdue.application.title in s for s in subjects)
    assert any(m.to == [member.email] for m in mail.outbox)
    assert Report.objects.get(grant=overdue).status == Report.Status.DRAFT  # the empty draft

    # The next day: nothing again.
    assert accountability.send_reminders(now + timedelta(days=1)) == 0
    # A week on: the overdue ones again (the first is overdue by then too).
    assert accountability.send_reminders(now + timedelta(days=8)) == 2


def _accepted(grant: Grant, **figures: object) -> Report:
    return report_row(
        grant,
        Report.Status.ACCEPTED,
        accepted_at=timezone.now(),
        submitted_at=timezone.now(),
        **figures,
    )


@pytest.mark.django_db
def test_the_impact_page_adds_up_accepted_reports_per_municipality(
    client: Client, django_assert_max_num_queries: Callable
) -> None:
    amersfoort = Municipality.objects.get(name="Amersfoort")
    utrecht = Municipality.objects.get(name="Utrecht")
    first = _grant(municipality=amersfoort, cents=500_00)
    paid(first, 500_00)
    _accepted(first, people_reached=100, volunteers=5, volunteer_hours=50)
    second = _grant(municipality=amersfoort, cents=800_00)
    paid(second, 800_00)
    _accepted(second, people_reached=40, volunteers=3, volunteer_hours=30)
    third = _grant(municipality=utrecht, cents=300_00)
    paid(third, 300_00)
    _accepted(third, people_reached=7, volunteers=1, volunteer_hours=4)
    not_yet = _grant(municipality=utrecht, cents=900_00)
    _submitted(not_yet, people_reached=9999)

    with django_assert_max_num_queries(12):
        response = client.get("/fund/impact/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Wat het netwerk doet" in text
    rows = {row["municipality"]: row for row in response.context["rows"]}
    assert (rows["Amersfoort"]["people"], rows["Amersfoort"]["hours"]) == (140, 80)
    assert rows["Amersfoort"]["cents"] == 1_300_00
    assert rows["Amersfoort"]["grants"] == 2
    assert rows["Utrecht"]["people"] == 7
    assert "9.999" not in text
    assert "9999" not in text
    assert "€\xa01.300,00" in text
    assert "€\xa01.600,00" in text
    # The spent euros are the ledger's payouts of those grants.
    ledger = LedgerEntry.objects.filter(kind="payout", grant__in=[first, second, third]).aggregate(
        t=Sum("amount_cents")
    )["t"]
    assert ledger == 1_600_00
    # The figures are read once; then the cached fragment serves them.
    with django_assert_max_num_queries(3):
        assert client.get("/fund/impact/").status_code == 200
    for _ in range(5):
        _accepted(_grant(municipality=utrecht, cents=100_00), people_reached=1)
    with django_assert_max_num_queries(12):
        client.get("/fund/impact/")


@pytest.mark.django_db
def test_the_initiatives_page_shows_its_accepted_figures(client: Client) -> None:
    grant = _grant()
    _accepted(grant, people_reached=321, volunteers=12, volunteer_hours=99)
    text = client.get(grant.initiative.get_absolute_url()).content.decode()
    assert "Wat het deed met het gemeenschapsfonds" in text
    assert "321" in text
    nothing = _grant()
    text = client.get(nothing.initiative.get_absolute_url()).content.decode()
    assert "Wat het deed met het gemeenschapsfonds" not in text


@pytest.mark.django_db
def test_the_review_queue_leaves_out_conflicts(fund_committee: User) -> None:
    queue = registered_queue("reports-to-review")
    assert queue is not None
    assert queue.per_person
    mine, theirs = _grant(), _grant()
    _submitted(mine)
    waiting = _submitted(theirs)
    report_row(_grant())  # a draft is not in the queue
    Membership.objects.create(initiative=mine.initiative, user=fund_committee)
    assert list(queue.items_for(fund_committee)) == [waiting]
