"""Changes after submission: each one a new revision (and none when nothing changed), allowed
while the round is open and nobody decided; the revisions page shows each version and what
changed between two, escaped."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from fund import submission
from fund.models import Application, ApplicationRevision, Round
from initiatives.models import Initiative
from tests.factories import InitiativeFactory
from tests.fund.factories import ApplicationFactory, RoundFactory
from tests.fund.factories_applications import attach, form_data, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def x(member: User) -> Initiative:
    return InitiativeFactory(name="Buurtkracht", admin=member)


@pytest.fixture
def submitted(x: Initiative, member: User) -> Application:
    draft = ApplicationFactory(
        round=RoundFactory(budget_cents=20_000_00),
        initiative=x,
        title="Samen koken",
        amount_cents=1_000_00,
        lines=[("Huur buurthuis", 400_00), ("Boodschappen", 600_00)],
    )
    return submission.submit(draft, by=member).application


@pytest.fixture
def signed_in(client: Client, member: User) -> Client:
    client.force_login(member)
    return client


def _edit(client: Client, application: Application, **overrides: object) -> object:
    return client.post(f"/fund/applications/{application.pk}/edit/", form_data(**overrides))


def _same(application: Application, **overrides: object) -> dict[str, object]:
    """The form as the edit page fills it for this application (so a save changes nothing)."""
    return {
        "title": application.title,
        "summary": application.summary,
        "plan": application.plan,
        "why": application.why,
        "for_whom": application.for_whom,
        "amount": "1.000,00",
        "lines": [("Huur buurthuis", "400,00"), ("Boodschappen", "600,00")],
        **overrides,
    }


def test_a_change_after_submission_is_the_next_revision(
    signed_in: Client, submitted: Application
) -> None:
    response = _edit(
        signed_in,
        submitted,
        **_same(
            submitted,
            plan="We koken nu elke week.",
            amount="1.100",
            lines=[("Huur buurthuis", "500"), ("Boodschappen", "600")],
        ),
    )
    assert response.status_code == 302  # type: ignore[attr-defined]
    submitted.refresh_from_db()
    assert submitted.revision == 2
    assert submitted.status == Application.Status.SUBMITTED
    latest = ApplicationRevision.objects.get(application=submitted, number=2)
    assert latest.content["plan"] == "We koken nu elke week."
    assert latest.content["amount_cents"] == 1_100_00
    first = ApplicationRevision.objects.get(application=submitted, number=1)
    assert first.content["amount_cents"] == 1_000_00

    page = signed_in.get(f"/fund/applications/{submitted.pk}/revisions/")
    html = page.content.decode()
    assert "Wat er veranderde van versie 1 naar versie 2" in html
    assert "<del>" in html
    assert "<ins>" in html
    assert "€\xa01.000,00" in html
    assert "€\xa01.100,00" in html
    assert "Huur buurthuis: €\xa0400,00" in html


def test_saving_without_a_change_makes_no_revision(
    signed_in: Client, submitted: Application
) -> None:
    response = signed_in.post(
        f"/fund/applications/{submitted.pk}/edit/", form_data(**_same(submitted)), follow=True
    )
    assert "Er is niets veranderd" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.revision == 1


def test_a_change_that_breaks_a_rule_is_refused_and_nothing_is_saved(
    signed_in: Client, submitted: Application
) -> None:
    response = _edit(signed_in, submitted, **_same(submitted, plan="", amount="1.500"))

    assert response.status_code == 400  # type: ignore[attr-defined]
    html = response.content.decode()  # type: ignore[attr-defined]
    assert "Vul “Het plan” in." in html
    assert "maar je begroting komt uit op" in html
    assert 'value="1.500"' in html
    submitted.refresh_from_db()
    assert submitted.plan != ""
    assert submitted.amount_cents == 1_000_00
    assert submitted.revision == 1


def test_attachments_added_and_deleted_after_submission_are_revisions(
    signed_in: Client, submitted: Application, member: User
) -> None:
    attachment = attach(submitted, "plattegrond.png", png_bytes(), by=member)
    submitted.refresh_from_db()
    assert submitted.revision == 2
    signed_in.post(f"/fund/applications/{submitted.pk}/attachments/{attachment.pk}/delete/")
    submitted.refresh_from_db()
    assert submitted.revision == 3
    contents = list(
        ApplicationRevision.objects.filter(application=submitted)
        .order_by("number")
        .values_list("content__attachments", flat=True)
    )
    assert contents == [[], ["plattegrond.png"], []]


def test_no_change_once_the_round_closed_or_the_committee_decided(
    signed_in: Client, submitted: Application
) -> None:
    today = timezone.localdate()
    Round.objects.filter(pk=submitted.round_id).update(closes_on=today - timedelta(days=1))
    response = signed_in.get(f"/fund/applications/{submitted.pk}/edit/", follow=True)
    assert "De ronde is gesloten" in response.content.decode()
    response = _edit(signed_in, submitted, **_same(submitted, plan="Te laat"))
    assert response.status_code == 302  # type: ignore[attr-defined]
    submitted.refresh_from_db()
    assert submitted.plan != "Te laat"

    Round.objects.filter(pk=submitted.round_id).update(closes_on=today + timedelta(days=5))
    Application.objects.filter(pk=submitted.pk).update(status=Application.Status.REJECTED)
    response = signed_in.get(f"/fund/applications/{submitted.pk}/edit/", follow=True)
    assert "heeft over deze aanvraag besloten" in response.content.decode()


def test_a_decision_taken_while_the_form_was_open_wins(
    signed_in: Client, submitted: Application
) -> None:
    """The edit page was opened while the application was submitted; the committee decided
    before it was sent back: the change is refused, read again under the lock."""
    from fund.applications import Draft, update_application
    from fund.errors import FundRuleError

    stale = Application.objects.get(pk=submitted.pk)
    Application.objects.filter(pk=submitted.pk).update(status=Application.Status.AWARDED)
    with pytest.raises(FundRuleError, match="besloten"):
        update_application(stale, Draft(title="Nieuw"), by=None)  # type: ignore[arg-type]
    submitted.refresh_from_db()
    assert submitted.title == "Samen koken"


def test_the_compare_view_escapes_hostile_text(signed_in: Client, submitted: Application) -> None:
    hostile = '<script>alert("x")</script> =HYPERLINK("http://evil") ' + "w" * 300
    _edit(signed_in, submitted, **_same(submitted, why=hostile, title="<b>Vet</b>"))
    html = signed_in.get(f"/fund/applications/{submitted.pk}/revisions/").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;Vet&lt;/b&gt;" in html
    assert "<b>Vet</b>" not in html
    shown = signed_in.get(f"/fund/applications/{submitted.pk}/revisions/?show=2").content.decode()
    assert "&lt;script&gt;" in shown
    assert "<script>alert" not in shown


def test_each_revision_can_be_read_and_any_two_compared(
    signed_in: Client, submitted: Application
) -> None:
    _edit(signed_in, submitted, **_same(submitted, plan="Tweede plan"))
    _edit(signed_in, submitted, **_same(submitted, plan="Derde plan"))
    page = signed_in.get(f"/fund/applications/{submitted.pk}/revisions/?from=1&to=3")
    html = page.content.decode()
    assert "Wat er veranderde van versie 1 naar versie 3" in html
    assert "Tweede" not in html
    assert "Derde" in html
    first = signed_in.get(f"/fund/applications/{submitted.pk}/revisions/?show=1").content.decode()
    assert "Versie 1" in first
    assert "We huren de keuken" in first
    # Nonsense in the address: the latest two.
    odd = signed_in.get(f"/fund/applications/{submitted.pk}/revisions/?from=x&to=99999999999")
    assert "van versie 2 naar versie 3" in odd.content.decode()


def test_the_committee_reads_the_revisions_but_a_draft_has_none_for_them(
    client: Client, submitted: Application, fund_committee: User, x: Initiative
) -> None:
    client.force_login(fund_committee)
    assert client.get(f"/fund/applications/{submitted.pk}/revisions/").status_code == 200
    draft = ApplicationFactory(round=submitted.round, initiative=x)
    assert client.get(f"/fund/applications/{draft.pk}/revisions/").status_code == 404


@pytest.mark.parametrize("changes", [1, 8])
def test_the_revisions_page_costs_the_same_queries_for_few_or_many(
    signed_in: Client,
    submitted: Application,
    changes: int,
    django_assert_max_num_queries: object,
) -> None:
    for n in range(changes):
        _edit(signed_in, submitted, **_same(submitted, plan=f"Plan nummer {n}"))
    submitted.refresh_from_db()
    assert submitted.revision == changes + 1
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        page = signed_in.get(f"/fund/applications/{submitted.pk}/revisions/")
    assert page.status_code == 200
