"""Payouts with four eyes: a treasurer proposes, a second person approves, and only then is the
money paid (ledger entries); never more than the grant's open amount; the same form twice is one
payout; repayments; what the grant's page and the payouts page show."""

from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.db.models import Sum
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.utils import timezone

from accounts.models import User
from accounts.roles import FUND_COMMITTEE
from fund import payouts
from fund.errors import FundRuleError
from fund.ledger import derived_mismatches
from fund.models import Grant, LedgerEntry, Payout, Tie
from initiatives.models import Membership
from omzien.work_queues import registered_queue
from tests.factories import InitiativeFactory, UserFactory, role_user
from tests.fund.factories import awarded_grant
from tests.fund.factories_payouts import paid, proposed, treasurer_user

pytestmark = pytest.mark.usefixtures("reference_data")

Login = Callable[[User], Client]
HOSTILE = '<script>alert("x")</script> =HYPERLINK("http://evil.example") ' + "lang" * 30


def _grant(member: User | None = None, cents: int = 1_000_00) -> Grant:
    initiative = InitiativeFactory(admin=member) if member else InitiativeFactory()
    return awarded_grant(cents, initiative=initiative, amount_cents=cents)


def _ledger_paid(grant: Grant) -> int:
    total = LedgerEntry.objects.filter(grant=grant, kind="payout").aggregate(t=Sum("amount_cents"))
    return total["t"] or 0


@pytest.mark.django_db
def test_a_treasurer_proposes_and_a_committee_member_approves(
    client: Client, member: User, treasurer: User, fund_committee: User, committed: Callable
) -> None:
    grant = _grant(member)
    client.force_login(treasurer)
    page = client.get(f"/fund/grants/{grant.pk}/payouts/new/")
    assert page.status_code == 200
    key = page.context["form"]["key"].value()
    with committed():
        response = client.post(
            f"/fund/grants/{grant.pk}/payouts/new/",
            {"amount": "400", "description": "Eerste deel", "key": key},
        )
    assert response.status_code == 302
    payout = Payout.objects.get(grant=grant)
    assert (payout.amount_cents, payout.status, payout.proposed_by) == (
        400_00,
        Payout.Status.PROPOSED,
        treasurer,
    )
    # Nothing is paid before the second pair of eyes.
    grant.refresh_from_db()
    assert grant.paid_cents == 0
    assert _ledger_paid(grant) == 0
    # The approvers hear of it; the proposer does not.
    assert [m.to for m in mail.outbox] == [[fund_committee.email]]
    assert "400,00" in mail.outbox[0].subject
    mail.outbox.clear()

    client.force_login(fund_committee)
    page = client.get(f"/fund/payouts/{payout.pk}/approve/")
    assert page.status_code == 200
    assert "Keur de uitbetaling goed" in page.content.decode()
    with committed():
        response = client.post(f"/fund/payouts/{payout.pk}/approve/")
    assert response.status_code == 302
    payout.refresh_from_db()
    grant.refresh_from_db()
    assert payout.status == Payout.Status.APPROVED
    assert payout.approved_by == fund_committee
    assert grant.paid_cents == 400_00 == _ledger_paid(grant)
    assert list(derived_mismatches()) == []
    # The initiative's members hear of it, with the amount and the grant; the proposer too.
    to_member = next(m for m in mail.outbox if m.to == [member.email])
    assert "400,00" in to_member.subject
    assert grant.application.title in to_member.subject
    assert f"/fund/grants/{grant.pk}/report/" in to_member.body
    assert any(m.to == [treasurer.email] for m in mail.outbox)


@pytest.mark.django_db
def test_the_proposer_never_approves_their_own_payout(client: Client, treasurer: User) -> None:
    grant = _grant()
    payout = proposed(grant, 300_00, by=treasurer)
    client.force_login(treasurer)
    page = client.get(f"/fund/payouts/{payout.pk}/approve/")
    assert page.status_code == 200
    assert "iemand anders keurt hem goed" in page.content.decode()
    assert client.post(f"/fund/payouts/{payout.pk}/approve/").status_code == 403
    with pytest.raises(FundRuleError):
        payouts.approve(payout, by=treasurer)
    payout.refresh_from_db()
    assert payout.status == Payout.Status.PROPOSED
    # Another treasurer may.
    other = treasurer_user()
    client.force_login(other)
    assert client.post(f"/fund/payouts/{payout.pk}/approve/").status_code == 302
    payout.refresh_from_db()
    assert payout.status == Payout.Status.APPROVED


@pytest.mark.django_db
def test_nobody_with_a_conflict_approves(client: Client, fund_committee: User) -> None:
    grant = _grant()
    payout = proposed(grant, 300_00)
    Membership.objects.create(initiative=grant.initiative, user=fund_committee)
    client.force_login(fund_committee)
    assert client.get(f"/fund/payouts/{payout.pk}/approve/").status_code == 403
    assert client.post(f"/fund/payouts/{payout.pk}/approve/").status_code == 403

    tied = role_user(FUND_COMMITTEE)
    Tie.objects.create(user=tied, initiative=grant.initiative, description="Mijn buurvrouw")
    client.force_login(tied)
    assert client.post(f"/fund/payouts/{payout.pk}/approve/").status_code == 403
    payout.refresh_from_db()
    assert payout.status == Payout.Status.PROPOSED
    # Nor do they get the e-mail asking for approval.
    addresses = payouts.people_without_conflict(grant.application, (FUND_COMMITTEE,))
    assert fund_committee.email not in addresses
    assert tied.email not in addresses


@pytest.mark.django_db
def test_payouts_never_exceed_what_is_open(client: Client, treasurer: User) -> None:
    grant = _grant(cents=1_000_00)
    client.force_login(treasurer)
    url = f"/fund/grants/{grant.pk}/payouts/new/"
    response = client.post(url, {"amount": "1.000,01", "key": str(payouts.new_key())})
    assert response.status_code == 200
    assert "€\xa01.000,00" in response.content.decode()
    assert response.context["form"]["amount"].value() == "1.000,01"  # what was typed stays
    assert not Payout.objects.exists()

    proposed(grant, 700_00)
    response = client.post(url, {"amount": "400", "key": str(payouts.new_key())})
    text = response.content.decode()
    assert "€\xa0300,00" in text
    assert "€\xa0700,00" in text
    assert "wacht" in text
    assert Payout.objects.count() == 1
    client.post(url, {"amount": "300", "key": str(payouts.new_key())})
    assert Payout.objects.count() == 2
    response = client.post(url, {"amount": "1", "key": str(payouts.new_key())})
    assert "Alles wat nog openstaat" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-5", "negatief"),
        ("0", "minstens"),
        ("tien euro", "Typ een bedrag in euro"),
        ("100000000", "hoogstens"),
        ("", "Vul het bedrag in"),
    ],
)
def test_bad_amounts_get_a_dutch_message(
    client: Client, treasurer: User, typed: str, message: str
) -> None:
    grant = _grant()
    client.force_login(treasurer)
    response = client.post(
        f"/fund/grants/{grant.pk}/payouts/new/", {"amount": typed, "key": str(payouts.new_key())}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Payout.objects.exists()


@pytest.mark.django_db
def test_a_form_without_its_key_is_refused_not_guessed(client: Client, treasurer: User) -> None:
    grant = _grant()
    client.force_login(treasurer)
    for key in ("", "not-a-uuid"):
        response = client.post(f"/fund/grants/{grant.pk}/payouts/new/", {"amount": "5", "key": key})
        assert response.status_code == 200
        assert "Open het opnieuw" in response.content.decode()
    assert not Payout.objects.exists()


@pytest.mark.django_db
def test_the_same_form_sent_twice_is_one_payout(client: Client, treasurer: User) -> None:
    grant = _grant(cents=500_00)
    client.force_login(treasurer)
    data = {"amount": "500", "key": str(payouts.new_key())}
    first = client.post(f"/fund/grants/{grant.pk}/payouts/new/", data)
    again = client.post(f"/fund/grants/{grant.pk}/payouts/new/", data, follow=True)
    assert first.status_code == 302
    assert again.status_code == 200
    assert "twee keer verstuurd" in again.content.decode()
    assert Payout.objects.count() == 1
    # The key belongs to its grant: sent for another grant it makes nothing.
    other = _grant(cents=500_00)
    response = client.post(f"/fund/grants/{other.pk}/payouts/new/", data)
    assert response.status_code == 200
    assert Payout.objects.count() == 1


@pytest.mark.django_db
def test_the_proposer_cancels_a_waiting_payout(client: Client, treasurer: User) -> None:
    grant = _grant()
    payout = proposed(grant, 200_00, by=treasurer)
    other = treasurer_user()
    client.force_login(other)
    assert client.get(f"/fund/payouts/{payout.pk}/cancel/").status_code == 405
    assert client.post(f"/fund/payouts/{payout.pk}/cancel/").status_code == 403
    client.force_login(treasurer)
    assert client.post(f"/fund/payouts/{payout.pk}/cancel/").status_code == 302
    payout.refresh_from_db()
    assert payout.status == Payout.Status.CANCELLED
    # A cancelled payout is never paid, and its room is free again.
    with pytest.raises(FundRuleError, match="geannuleerd"):
        payouts.approve(payout, by=other)
    assert payouts.room_cents(grant) == grant.open_cents


@pytest.mark.django_db
def test_an_approved_payout_cannot_be_cancelled_or_paid_again(treasurer: User) -> None:
    grant = _grant()
    payout = paid(grant, 200_00, by=treasurer)
    with pytest.raises(FundRuleError, match="goedgekeurd"):
        payouts.cancel(payout, by=treasurer)
    with pytest.raises(FundRuleError, match="één keer"):
        payouts.approve(payout, by=treasurer_user())
    grant.refresh_from_db()
    assert grant.paid_cents == 200_00 == _ledger_paid(grant)


@pytest.mark.django_db
def test_paying_everything_moves_the_grant_to_its_report(treasurer: User) -> None:
    grant = _grant(cents=600_00)
    paid(grant, 200_00)
    grant.refresh_from_db()
    assert grant.status == Grant.Status.AWARDED
    paid(grant, 400_00)
    grant.refresh_from_db()
    assert grant.status == Grant.Status.REPORTING
    assert grant.open_cents == 0


@pytest.mark.django_db
def test_a_settled_grant_pays_nothing_more(client: Client, treasurer: User) -> None:
    grant = _grant()
    Grant.objects.filter(pk=grant.pk).update(status=Grant.Status.SETTLED)
    client.force_login(treasurer)
    assert client.get(f"/fund/grants/{grant.pk}/payouts/new/").status_code == 403


@pytest.mark.django_db
def test_a_repayment_goes_back_to_the_fund_once(client: Client, treasurer: User) -> None:
    grant = _grant(cents=1_000_00)
    paid(grant, 800_00)
    client.force_login(treasurer)
    url = f"/fund/grants/{grant.pk}/repayment/"
    page = client.get(url)
    assert page.status_code == 200
    data = {"amount": "150,50", "repaid_before": "0"}
    assert client.post(url, data).status_code == 302
    # The double click: the form still says nothing was repaid.
    again = client.post(url, data)
    assert again.status_code == 200
    assert "zojuist" in again.content.decode()
    grant.refresh_from_db()
    assert grant.repaid_cents == 150_50
    repaid = LedgerEntry.objects.filter(grant=grant, kind="repayment").aggregate(
        t=Sum("amount_cents")
    )["t"]
    assert repaid == 150_50
    # The form that came back counts from now: sent again, it is recorded.
    assert again.context["form"]["repaid_before"].value() == "15050"
    too_much = client.post(url, {"amount": "700", "repaid_before": "15050"})
    assert "€\xa0649,50" in too_much.content.decode()
    assert list(derived_mismatches()) == []


@pytest.mark.django_db
def test_only_a_treasurer_without_conflict_records_a_repayment(
    client: Client, fund_committee: User, treasurer: User
) -> None:
    grant = _grant()
    client.force_login(fund_committee)
    assert client.get(f"/fund/grants/{grant.pk}/repayment/").status_code == 403
    Tie.objects.create(user=treasurer, initiative=grant.initiative, description="Ik ben lid")
    client.force_login(treasurer)
    assert client.get(f"/fund/grants/{grant.pk}/repayment/").status_code == 403


def _panel(grant: Grant, user: User | AnonymousUser) -> str:
    request = RequestFactory().get(f"/fund/grants/{grant.pk}/")
    request.user = user
    return render_to_string(
        "fund/partials/_payouts_panel.html", payouts.page_context(request, grant), request=request
    )


@pytest.mark.django_db
def test_the_grants_page_shows_paid_and_open_from_the_ledger_and_no_people(
    treasurer: User, fund_committee: User
) -> None:
    grant = _grant(cents=1_000_00)
    proposer = treasurer_user(name="Petra Penning")
    paid(grant, 250_00, by=proposer)
    paid(grant, 300_00, by=proposer)
    proposed(grant, 100_00, by=proposer, description=HOSTILE)
    grant.refresh_from_db()
    public = _panel(grant, AnonymousUser())
    assert "€\xa0550,00" in public
    assert _ledger_paid(grant) == 550_00
    assert "€\xa0450,00" in public  # still to pay out: awarded less the ledger's payouts
    assert "€\xa0250,00" in public
    assert "€\xa0300,00" in public
    assert "Petra" not in public
    assert "€\xa0100,00" not in public
    assert "script" not in public
    insider = _panel(grant, fund_committee)
    assert "€\xa0100,00" in insider
    assert "Petra Penning" in insider
    assert "<script>" not in insider
    assert "&lt;script&gt;" in insider
    assert "Controleer en keur goed" in insider
    as_treasurer = _panel(grant, treasurer)
    assert "Stel een uitbetaling voor" in as_treasurer
    assert "Terugbetaling vastleggen" in as_treasurer


@pytest.mark.django_db
def test_the_panel_costs_the_same_queries_for_one_payout_as_for_many(
    fund_committee: User, django_assert_max_num_queries: Callable
) -> None:
    few, many = _grant(cents=5_000_00), _grant(cents=5_000_00)
    paid(few, 100_00)
    proposed(few, 100_00)
    for _ in range(8):
        paid(many, 100_00)
    for _ in range(5):
        proposed(many, 100_00)
    for grant in (few, many):
        grant = Grant.objects.select_related("application", "initiative").get(pk=grant.pk)
        user = User.objects.get(pk=fund_committee.pk)
        with django_assert_max_num_queries(6):
            _panel(grant, user)


@pytest.mark.django_db
def test_the_payouts_page_lists_what_waits_and_what_was_paid(
    client: Client, treasurer: User, fund_committee: User, django_assert_max_num_queries: Callable
) -> None:
    grant = _grant(cents=2_000_00)
    mine = proposed(grant, 100_00, by=treasurer, description=HOSTILE)
    theirs = proposed(grant, 200_00)
    paid(grant, 300_00)
    client.force_login(treasurer)
    page = client.get("/fund/payouts/")
    text = page.content.decode()
    assert page.status_code == 200
    assert f'id="payout-{mine.pk}"' in text
    assert f'id="payout-{theirs.pk}"' in text
    assert "&lt;script&gt;" in text
    assert "<script>alert" not in text
    assert f"/fund/payouts/{theirs.pk}/approve/" in text
    assert f"/fund/payouts/{mine.pk}/approve/" not in text  # the proposer's own
    assert f"/fund/payouts/{mine.pk}/cancel/" in text
    for _ in range(15):
        proposed(_grant(), 50_00)
        paid(_grant(), 50_00)
    with django_assert_max_num_queries(14):
        assert client.get("/fund/payouts/").status_code == 200


@pytest.mark.django_db
def test_the_work_queue_leaves_out_own_proposals_and_conflicts(
    treasurer: User, fund_committee: User
) -> None:
    queue = registered_queue("payouts-to-approve")
    assert queue is not None
    assert queue.per_person
    grant, conflicted = _grant(), _grant()
    mine = proposed(grant, 100_00, by=treasurer)
    theirs = proposed(grant, 100_00)
    other = proposed(conflicted, 100_00)
    co_applying = _grant()
    co_applying.application.co_applicants.add(conflicted.initiative)
    via_co_applicant = proposed(co_applying, 100_00)
    Membership.objects.create(initiative=conflicted.initiative, user=treasurer)
    assert list(queue.items_for(treasurer)) == [theirs]
    assert set(queue.items_for(fund_committee)) == {mine, theirs, other, via_co_applicant}
    assert queue.visible_to(fund_committee)
    assert not queue.visible_to(UserFactory())


@pytest.mark.django_db
def test_the_work_overview_shows_the_funds_queues(client: Client, fund_committee: User) -> None:
    from tests.fund.factories_payouts import report_row

    grant = _grant()
    payout = proposed(grant, 100_00)
    report_row(grant, "submitted", submitted_at=timezone.now())
    client.force_login(fund_committee)
    page = client.get("/coordination/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Uitbetalingen goed te keuren" in text
    assert "Verantwoordingen te beoordelen" in text
    assert f"/fund/payouts/{payout.pk}/approve/" in text
    assert f"/fund/grants/{grant.pk}/report/review/" in text
