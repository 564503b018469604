"""Reviews: a committee member without a conflict scores each criterion, recommends and comments;
saves a draft, submits once (then it is final); sees the others' reviews only after submitting;
applicants never see one. The application page's panel shows each member their part."""

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory

from accounts.models import User
from fund.models import Application, Review
from fund.reviews import average, page_context, weighted_score
from initiatives.models import Membership
from tests.factories import InitiativeFactory, UserFactory
from tests.fund.factories import ApplicationFactory, RoundFactory, submitted_application
from tests.fund.factories_decisions import committee_member, review, tie

pytestmark = pytest.mark.django_db


@pytest.fixture
def application() -> Application:
    # Criteria: "Past bij de buurt" weighs 2, "Haalbaar plan" weighs 1.
    return submitted_application(round=RoundFactory(budget_cents=5_000_00), amount_cents=1_000_00)


def scores_of(application: Application) -> dict[str, int]:
    first, second = application.round.criteria.order_by("position")
    return {f"score_{first.pk}": 4, f"score_{second.pk}": 1}


def url(application: Application) -> str:
    return f"/fund/applications/{application.pk}/review/"


def panel_html(user: User, application: Application) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string(
        "fund/partials/_review_panel.html",
        page_context(request, application) | {"application": application},
    )


def test_weighted_scores_are_exact_to_one_decimal() -> None:
    assert weighted_score([(4, 2), (1, 1)]) == Decimal("3.0")
    assert weighted_score([(5, 2), (4, 1)]) == Decimal("4.7")
    assert weighted_score([]) is None
    assert average([Decimal("3.0"), Decimal("4.7"), None]) == Decimal("3.9")


def test_a_member_saves_a_draft_then_submits_a_final_review(
    login: Callable[[User], Client], fund_committee: User, application: Application
) -> None:
    client = login(fund_committee)
    page = client.get(url(application)).content.decode()
    assert "4 – goed" in page
    assert 'type="radio"' in page
    assert "Past bij de buurt (weegt 2 keer)" in page

    # A draft may leave things open.
    first_score = next(iter(scores_of(application)))
    response = client.post(
        url(application), {first_score: 4, "comment": "Eerste indruk", "save": 1}
    )
    assert response.status_code == 302
    draft = Review.objects.get()
    assert draft.submitted_at is None
    assert draft.comment == "Eerste indruk"
    assert list(draft.scores.values_list("score", flat=True)) == [4]
    page = client.get(url(application)).content.decode()
    assert "Eerste indruk" in page  # what was saved is in the form again

    # Submitting asks for every score and the recommendation.
    response = client.post(url(application), {first_score: 4, "submit": 1})
    content = response.content.decode()
    assert "Geef een score van 1 tot en met 5." in content
    assert "Kies je advies." in content
    assert Review.objects.get().submitted_at is None

    response = client.post(
        url(application),
        scores_of(application) | {"recommendation": "part", "submit": 1, "amount": ""},
    )
    assert "Typ het bedrag dat je adviseert." in response.content.decode()
    response = client.post(
        url(application),
        scores_of(application) | {"recommendation": "part", "submit": 1, "amount": "2.000"},
    )
    assert "adviseer hoogstens" in response.content.decode()

    response = client.post(
        url(application),
        scores_of(application)
        | {"recommendation": "part", "amount": "600", "comment": "Goed", "submit": 1},
    )
    assert response.status_code == 302
    submitted = Review.objects.get()
    assert submitted.submitted_at is not None
    assert submitted.recommended_cents == 600_00
    assert sorted(submitted.scores.values_list("score", flat=True)) == [1, 4]
    page = client.get(url(application)).content.decode()
    assert "Gewogen score: 3,0" in page
    assert "die staat vast" in page
    assert 'name="submit"' not in page

    # Final: a second submission changes nothing.
    response = client.post(
        url(application), scores_of(application) | {"recommendation": "reject", "submit": 1}
    )
    assert response.status_code == 302
    assert Review.objects.get().recommendation == "part"


def test_others_reviews_are_seen_only_after_submitting_ones_own(
    login: Callable[[User], Client], fund_committee: User, application: Application
) -> None:
    other = committee_member(name="Olga Overweeg")
    review(application, other, [5, 4], comment="Heel sterk plan")
    client = login(fund_committee)
    page = client.get(url(application)).content.decode()
    assert "Heel sterk plan" not in page
    assert "Olga Overweeg" not in page
    assert "zodra je je eigen beoordeling hebt ingediend" in page
    assert "Heel sterk plan" not in panel_html(fund_committee, application)

    client.post(url(application), scores_of(application) | {"recommendation": "award", "submit": 1})
    page = client.get(url(application)).content.decode()
    assert "Beoordeling door Olga Overweeg" in page
    assert "Heel sterk plan" in page
    assert "Gewogen score: 4,7" in page  # (5*2 + 4*1) / 3
    assert "<strong>3,9</strong>" in page  # the average of 3,0 and 4,7
    panel = panel_html(fund_committee, application)
    assert "Heel sterk plan" in panel
    assert "Besluit over deze aanvraag" in panel


def test_applicants_and_others_never_see_a_review(
    login: Callable[[User], Client], treasurer: User, application: Application
) -> None:
    applicant = UserFactory()
    Membership.objects.create(initiative=application.initiative, user=applicant)
    review(application, committee_member(), comment="Geheime toelichting")
    for person, status in ((applicant, 403), (treasurer, 403), (UserFactory(), 404)):
        assert login(person).get(url(application)).status_code == status
        assert panel_html(person, application).strip() == ""
    request = RequestFactory().get("/")
    request.user = applicant
    assert page_context(request, application) == {}


def test_a_draft_application_does_not_exist_for_the_committee(
    login: Callable[[User], Client], fund_committee: User
) -> None:
    draft = ApplicationFactory()
    assert login(fund_committee).get(url(draft)).status_code == 404


@pytest.mark.parametrize("how", ["member", "tie"])
def test_a_recused_member_cannot_review_and_is_told_why(
    login: Callable[[User], Client], fund_committee: User, application: Application, how: str
) -> None:
    if how == "member":
        Membership.objects.create(initiative=application.initiative, user=fund_committee)
        why = "je bent lid van het aanvragende initiatief"
    else:
        tie(fund_committee, application.initiative)
        why = "je hebt een band met het initiatief opgegeven"
    review(application, committee_member(), comment="Geheime toelichting")
    client = login(fund_committee)
    response = client.get(url(application))
    assert response.status_code == 403
    assert f"Je doet niet mee aan dit besluit: {why}." in response.content.decode()
    response = client.post(
        url(application), scores_of(application) | {"recommendation": "award", "submit": 1}
    )
    assert response.status_code == 403
    assert not Review.objects.filter(reviewer=fund_committee).exists()
    panel = panel_html(fund_committee, application)
    assert f"Je doet niet mee aan dit besluit: {why}." in panel
    assert "Geheime toelichting" not in panel


def test_a_co_applicants_member_is_recused_too(
    login: Callable[[User], Client], fund_committee: User, application: Application
) -> None:
    partner = InitiativeFactory()
    application.co_applicants.add(partner)
    Membership.objects.create(initiative=partner, user=fund_committee)
    response = login(fund_committee).get(url(application))
    assert response.status_code == 403
    assert "je bent lid van een initiatief dat mee aanvraagt" in response.content.decode()


def test_a_decided_application_is_no_longer_reviewed(
    login: Callable[[User], Client], fund_committee: User, application: Application
) -> None:
    Application.objects.filter(pk=application.pk).update(status=Application.Status.REJECTED)
    client = login(fund_committee)
    page = client.get(url(application)).content.decode()
    assert "wacht niet meer op een besluit" in page
    response = client.post(
        url(application), scores_of(application) | {"recommendation": "award", "submit": 1}
    )
    assert response.status_code == 302
    assert not Review.objects.exists()


def test_the_panel_costs_the_same_queries_for_few_and_many_reviews(
    fund_committee: User,
    application: Application,
    django_assert_max_num_queries: Callable,
) -> None:
    review(application, fund_committee, [3, 3])

    def count() -> int:
        user = User.objects.get(pk=fund_committee.pk)  # nothing kept from before
        request = RequestFactory().get("/")
        request.user = user
        app = Application.objects.select_related("round").get(pk=application.pk)
        with django_assert_max_num_queries(7) as queries:
            render_to_string(
                "fund/partials/_review_panel.html",
                page_context(request, app) | {"application": app},
            )
        return len(queries)

    few = count()
    for _ in range(12):
        review(application, committee_member(), [4, 2])
    assert count() == few


def test_hostile_text_in_a_review_is_escaped(
    login: Callable[[User], Client], fund_committee: User, application: Application
) -> None:
    review(application, committee_member(name="<b>Naam</b>"), comment="<script>x()</script>")
    client = login(fund_committee)
    client.post(
        url(application),
        scores_of(application)
        | {"recommendation": "award", "submit": 1, "comment": "=HYPERLINK(1) " + "z" * 3000},
    )
    page = client.get(url(application)).content.decode()
    assert "<script>x()</script>" not in page
    assert "&lt;script&gt;x()&lt;/script&gt;" in page
    assert "<b>Naam</b>" not in page
