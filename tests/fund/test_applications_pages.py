"""The pages of applications: who sees a draft (only its initiative: a 404 for the committee and
the treasurers too), who sees a submitted one, the list of my applications, the round's apply
box, hostile text escaped everywhere, and query counts that do not grow with the rows."""

from collections.abc import Callable
from datetime import date

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory

from accounts.models import User
from fund import submission
from fund.models import Application, Decision, Round
from initiatives.models import Initiative, Membership
from tests.factories import InitiativeFactory
from tests.fund.factories import ApplicationFactory, RoundFactory, submitted_application
from tests.fund.factories_applications import attach, freeze_first

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script> =HYPERLINK("http://evil.example") ' + "a" * 200


@pytest.fixture
def x(member: User, plain_member: User) -> Initiative:
    initiative = InitiativeFactory(name="Buurtkracht", admin=member)
    Membership.objects.create(initiative=initiative, user=plain_member)
    return initiative


@pytest.fixture
def y(other_member: User) -> Initiative:
    return InitiativeFactory(name="Samen Y", admin=other_member)


def test_a_draft_is_only_its_initiatives(
    client: Client,
    x: Initiative,
    y: Initiative,
    member: User,
    plain_member: User,
    other_member: User,
    fund_committee: User,
    treasurer: User,
    coordinator: User,
) -> None:
    draft = ApplicationFactory(initiative=x)
    draft.co_applicants.add(y)
    url = f"/fund/applications/{draft.pk}/"
    for insider in (member, plain_member):
        client.force_login(insider)
        page = client.get(url)
        assert page.status_code == 200
        assert "Dit is een concept" in page.content.decode()
    for outsider in (other_member, fund_committee, treasurer, coordinator):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404


def test_once_submitted_the_committee_treasurers_and_co_applicants_see_it(
    client: Client,
    x: Initiative,
    y: Initiative,
    other_member: User,
    fund_committee: User,
    treasurer: User,
    person: User,
) -> None:
    application = submitted_application(initiative=x, title="Samen koken")
    application.co_applicants.add(y)
    url = f"/fund/applications/{application.pk}/"
    for reader in (other_member, fund_committee, treasurer):
        client.force_login(reader)
        page = client.get(url)
        assert page.status_code == 200
        html = page.content.decode()
        assert "Samen koken" in html
        assert "Veranderen of intrekken" not in html
        assert "Dit is een concept" not in html
    client.force_login(person)
    response = client.get(url)
    assert response.status_code == 403
    assert (
        "Dit mogen alleen de leden van de initiatieven die aanvragen" in response.content.decode()
    )
    client.logout()
    assert client.get(url)["Location"].startswith("/accounts/login/")


def test_the_page_shows_the_application_its_budget_and_what_it_came_from(
    client: Client, x: Initiative, member: User
) -> None:
    from tests.knowledgebase.factories import ResearchQuestionFactory

    question = ResearchQuestionFactory(title="Hoe bereik je eenzame ouderen?")
    application = submitted_application(
        initiative=x, research_question=question, amount_cents=1_000_00
    )
    freeze_first(application)
    client.force_login(member)
    html = client.get(f"/fund/applications/{application.pk}/").content.decode()
    assert "Ingediend" in html
    assert "Boodschappen" in html
    assert "€\xa0500,00" in html
    assert "<caption" in html
    assert 'scope="col"' in html
    assert "Totaal" in html
    assert "€\xa01.000,00" in html
    assert question.get_absolute_url() in html
    assert "1 versie" in html


def test_the_decision_and_its_reason_show_once_decided(
    client: Client, x: Initiative, member: User
) -> None:
    application = submitted_application(initiative=x)
    Application.objects.filter(pk=application.pk).update(status=Application.Status.REJECTED)
    Decision.objects.create(
        round=application.round,
        number=1,
        application=application,
        outcome=Decision.Outcome.REJECT,
        reason="Past niet bij deze ronde: <b>te vroeg</b>.",
        content="{}",
        previous_hash="0" * 64,
        hash="a" * 64,
    )
    client.force_login(member)
    html = client.get(f"/fund/applications/{application.pk}/").content.decode()
    assert "Het besluit van de fondscommissie" in html
    assert "Past niet bij deze ronde: &lt;b&gt;te vroeg&lt;/b&gt;." in html


def test_hostile_text_is_escaped_on_every_page(client: Client, x: Initiative, member: User) -> None:
    round_ = RoundFactory(name=f"Ronde {HOSTILE}"[:120], budget_cents=5_000_00)
    together = InitiativeFactory(name=f"Samen {HOSTILE}"[:100])
    draft = ApplicationFactory(
        round=round_,
        initiative=x,
        title=HOSTILE[:150],
        summary=HOSTILE,
        plan=HOSTILE,
        why=HOSTILE,
        for_whom=HOSTILE,
        lines=[(HOSTILE[:200], 1_000_00)],
    )
    draft.co_applicants.add(together)
    attach(draft, "<img src=x onerror=alert(1)>.pdf", by=member)
    client.force_login(member)
    submission.submit(draft, by=member)
    for url in (
        f"/fund/applications/{draft.pk}/",
        f"/fund/applications/{draft.pk}/edit/",
        f"/fund/applications/{draft.pk}/revisions/",
        f"/fund/applications/{draft.pk}/attachments/",
        f"/fund/applications/{draft.pk}/withdraw/",
        "/fund/applications/",
    ):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html, url


def test_my_applications_lists_my_initiatives_and_those_we_apply_with(
    client: Client, x: Initiative, y: Initiative, member: User, other_member: User
) -> None:
    mine = ApplicationFactory(initiative=x, title="Ons concept")
    theirs_draft = ApplicationFactory(initiative=y, title="Hun concept")
    theirs_draft.co_applicants.add(x)
    together = submitted_application(initiative=y, title="Samen ingediend")
    together.co_applicants.add(x)
    ApplicationFactory(title="Van een ander")
    client.force_login(member)
    html = client.get("/fund/applications/").content.decode()
    assert "Ons concept" in html
    assert "Concept" in html
    assert "Samen ingediend" in html
    assert "jullie vragen samen aan" in html
    assert "Hun concept" not in html
    assert "Van een ander" not in html
    assert mine.get_absolute_url() in html


@pytest.mark.parametrize("rows", [1, 25])
def test_my_applications_costs_the_same_queries_for_few_or_many(
    client: Client,
    x: Initiative,
    member: User,
    rows: int,
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    round_ = RoundFactory()
    for _n in range(rows):
        ApplicationFactory(round=round_, initiative=x)
    client.force_login(member)
    with django_assert_max_num_queries(9):  # type: ignore[operator]
        assert client.get("/fund/applications/").status_code == 200


@pytest.mark.parametrize("rows", [1, 12])
def test_the_application_page_costs_the_same_queries_for_few_or_many(
    client: Client,
    x: Initiative,
    member: User,
    rows: int,
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    application = ApplicationFactory(
        initiative=x, lines=[(f"Regel {n}", 100_00) for n in range(rows)]
    )
    for n in range(min(rows, 10)):
        attach(application, f"bijlage-{n}.pdf", by=member)
    for _n in range(rows):
        application.co_applicants.add(InitiativeFactory())
    client.force_login(member)
    with django_assert_max_num_queries(14):  # type: ignore[operator]
        assert client.get(f"/fund/applications/{application.pk}/").status_code == 200


def _render_apply_box(user: object, round_: Round) -> str:
    request = RequestFactory().get("/")
    request.user = user  # type: ignore[assignment]
    template = Template('{% include "fund/partials/_round_apply.html" %}')
    return template.render(Context({"request": request, "round": round_}))


def test_the_round_page_box_says_how_to_apply(
    x: Initiative, member: User, person: User, django_assert_max_num_queries: Callable[..., object]
) -> None:
    from django.contrib.auth.models import AnonymousUser

    round_ = RoundFactory(slug="najaar")
    ApplicationFactory(round=round_, initiative=x, title="Ons plan")
    visitor = _render_apply_box(AnonymousUser(), round_)
    assert "Log in om aan te vragen" in visitor
    assert "next=/fund/rounds/najaar/apply/" in visitor.replace("%2F", "/")
    assert "Meld het aan bij het netwerk" in _render_apply_box(person, round_)
    member.refresh_from_db()
    with django_assert_max_num_queries(3):  # type: ignore[operator]
        box = _render_apply_box(member, round_)
    assert "Aanvragen voor Buurtkracht" in box
    assert "Ons plan" in box
    assert "/fund/rounds/najaar/apply/" in box
    Round.objects.filter(pk=round_.pk).update(opens_on=date(2000, 1, 1), closes_on=date(2000, 2, 1))
    round_.refresh_from_db()
    assert "Deze ronde is gesloten" in _render_apply_box(member, round_)
