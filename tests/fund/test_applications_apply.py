"""Applying: a member of an approved initiative starts a draft for it (choosing among several),
someone of none is told how to join or register one, a closed round takes nothing, and bad
input gets a clear Dutch message next to its field with everything typed kept."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from fund.models import Application, BudgetLine, Round
from initiatives.models import Initiative, Membership, Theme
from tests.factories import InitiativeFactory, UserFactory
from tests.fund.factories import RoundFactory
from tests.fund.factories_applications import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_() -> Round:
    return RoundFactory(name="Voorjaar 2027", slug="voorjaar", max_per_application_cents=5_000_00)


@pytest.fixture
def x(member: User) -> Initiative:
    return InitiativeFactory(name="Buurtkracht", admin=member)


@pytest.fixture
def signed_in(client: Client, member: User, x: Initiative) -> Client:
    client.force_login(member)
    return client


def _url(round_: Round) -> str:
    return f"/fund/rounds/{round_.slug}/apply/"


def _errors(response: object, field: str) -> str:
    form = response.context["form"]  # type: ignore[attr-defined]
    return " ".join(str(e) for e in form.errors.get(field, []))


def test_a_member_saves_a_draft_with_its_budget(
    signed_in: Client, round_: Round, x: Initiative, member: User
) -> None:
    page = signed_in.get(_url(round_))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Buurtkracht" in html
    assert "€\xa05.000,00 per aanvraag" in html
    assert 'name="form_key"' in html

    response = signed_in.post(_url(round_), form_data(), follow=True)

    application = Application.objects.get()
    assert response.redirect_chain[-1][0] == f"/fund/applications/{application.pk}/"
    assert application.status == Application.Status.DRAFT
    assert application.initiative == x
    assert application.created_by == member
    assert application.amount_cents == 1_000_00
    assert application.revision == 0
    assert list(application.budget_lines.values_list("description", "amount_cents")) == [
        ("Huur buurthuis", 400_00),
        ("Boodschappen", 600_00),
    ]
    assert "Bewaard als concept" in response.content.decode()


def test_with_several_initiatives_the_member_chooses(
    client: Client, member: User, round_: Round
) -> None:
    first = InitiativeFactory(name="Aardig Amersfoort", admin=member)
    second = InitiativeFactory(name="Zorgzaam Zeist", admin=member)
    pending = InitiativeFactory(
        name="Nog niet goedgekeurd", status=Initiative.Status.PENDING, admin=member
    )
    client.force_login(member)
    html = client.get(_url(round_)).content.decode()
    assert 'type="radio"' in html
    assert "Aardig Amersfoort" in html
    assert "Zorgzaam Zeist" in html
    assert "Nog niet goedgekeurd" not in html

    client.post(_url(round_), form_data(initiative=str(second.pk)))
    assert Application.objects.get().initiative == second

    response = client.post(_url(round_), form_data(initiative=str(pending.pk)))
    assert response.status_code == 400
    assert "Kies een initiatief waar je lid van bent" in _errors(response, "initiative")
    assert Application.objects.count() == 1
    assert first.fund_applications.count() == 0


def test_a_forged_initiative_creates_nothing(
    signed_in: Client, round_: Round, other_member: User
) -> None:
    theirs = InitiativeFactory(name="Niet van mij", admin=other_member)

    response = signed_in.post(_url(round_), form_data(initiative=str(theirs.pk)))

    assert response.status_code == 400
    assert "Kies een initiatief waar je lid van bent" in _errors(response, "initiative")
    assert not Application.objects.exists()
    assert not BudgetLine.objects.exists()


def test_someone_of_no_initiative_is_told_how_to_join_or_register(
    client: Client, person: User, round_: Round
) -> None:
    client.force_login(person)
    page = client.get(_url(round_))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Je bent nog geen lid van een initiatief in het overzicht" in html
    assert 'href="/initiatives/register/"' in html
    assert 'href="/initiatives/"' in html
    assert 'name="title"' not in html

    response = client.post(_url(round_), form_data())
    assert response.status_code == 200
    assert not Application.objects.exists()


def test_a_closed_round_takes_nothing(signed_in: Client, x: Initiative) -> None:
    today = timezone.localdate()
    closed = RoundFactory(
        slug="voorbij", opens_on=today - timedelta(days=60), closes_on=today - timedelta(days=1)
    )
    page = signed_in.get(_url(closed))
    assert "Deze ronde is gesloten" in page.content.decode()

    response = signed_in.post(_url(closed), form_data())

    assert response.status_code == 200
    assert "Er is niets bewaard." in response.content.decode()
    assert not Application.objects.exists()


def test_a_round_that_opens_later_takes_a_draft(signed_in: Client) -> None:
    today = timezone.localdate()
    later = RoundFactory(
        slug="later", opens_on=today + timedelta(days=5), closes_on=today + timedelta(days=30)
    )
    response = signed_in.post(_url(later), form_data())
    assert response.status_code == 302
    assert Application.objects.get().round == later


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-50", "Een bedrag kan niet negatief zijn."),
        ("0", "Het bedrag moet minstens € 0,01 zijn."),
        ("tien euro", "Typ een bedrag in euro's"),
        ("5.000,01", "Deze ronde geeft hoogstens € 5.000,00 per aanvraag."),
        ("99999999999", "Het bedrag mag hoogstens € 10.000.000,00 zijn."),
        ("1e9", "Typ een bedrag in euro's"),
    ],
)
def test_a_bad_amount_is_named_next_to_the_field_and_nothing_typed_is_lost(
    signed_in: Client, round_: Round, amount: str, message: str
) -> None:
    data = form_data(amount=amount, why="Omdat <b>buren</b> elkaar nodig hebben.")

    response = signed_in.post(_url(round_), data)

    assert response.status_code == 400
    assert message in _errors(response, "amount").replace("\xa0", " ")
    html = response.content.decode()
    assert f'value="{amount}"' in html
    assert "Omdat &lt;b&gt;buren&lt;/b&gt; elkaar nodig hebben." in html
    assert 'value="Huur buurthuis"' in html
    assert 'aria-invalid="true"' in html
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("line", "field", "message"),
    [
        (("Zaalhuur", "-10"), "amount", "Een bedrag kan niet negatief zijn."),
        (("Zaalhuur", ""), "amount", "Vul het bedrag voor deze regel in."),
        (("", "250"), "description", "Zeg waar dit bedrag voor is."),
        (("Zaalhuur", "99999999999"), "amount", "Het bedrag mag hoogstens"),
    ],
)
def test_a_bad_budget_line_is_named_on_its_line(
    signed_in: Client, round_: Round, line: tuple[str, str], field: str, message: str
) -> None:
    response = signed_in.post(_url(round_), form_data(lines=[("Boodschappen", "100"), line]))

    assert response.status_code == 400
    lines = response.context["lines"]
    assert message in " ".join(str(e) for e in lines.forms[1].errors[field])
    html = response.content.decode()
    assert "Kijk de begroting na." in html
    assert 'id="id_lines-1-' in html
    assert not Application.objects.exists()


def test_the_amount_left_empty_is_the_budget_total(signed_in: Client, round_: Round) -> None:
    signed_in.post(_url(round_), form_data(amount=""))
    assert Application.objects.get().amount_cents == 1_000_00


def test_an_empty_amount_over_the_maximum_asks_for_an_amount(
    signed_in: Client, round_: Round
) -> None:
    response = signed_in.post(
        _url(round_), form_data(amount="", lines=[("Nieuwe keuken", "7.500")])
    )
    assert response.status_code == 400
    assert "Je begroting komt uit op € 7.500,00" in _errors(response, "amount").replace("\xa0", " ")
    assert not Application.objects.exists()


def test_a_draft_may_leave_texts_empty_but_needs_a_name(signed_in: Client, round_: Round) -> None:
    response = signed_in.post(
        _url(round_), form_data(title="   ", summary="", plan="", why="", for_whom="")
    )
    assert response.status_code == 400
    assert "Geef je aanvraag een naam" in _errors(response, "title")
    assert _errors(response, "summary") == ""

    response = signed_in.post(
        _url(round_),
        form_data(title="Idee", summary="", plan="", why="", for_whom="", lines=[], amount=""),
    )
    assert response.status_code == 400
    assert "Vul in hoeveel je vraagt" in _errors(response, "amount")

    response = signed_in.post(
        _url(round_), form_data(title="Idee", summary="", plan="", why="", for_whom="")
    )
    assert response.status_code == 302
    assert Application.objects.get().plan == ""


def test_more_lines_keeps_what_was_typed_and_saves_nothing(
    signed_in: Client, round_: Round
) -> None:
    data = form_data(more_lines="1", amount="-5")
    response = signed_in.post(_url(round_), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="lines-TOTAL_FORMS" value="8"' in html
    assert 'id="id_lines-7-description"' in html
    assert 'value="Huur buurthuis"' in html
    assert 'aria-invalid="true"' not in html
    assert not Application.objects.exists()


def test_a_double_click_makes_one_draft(signed_in: Client, round_: Round) -> None:
    page = signed_in.get(_url(round_))
    key = page.context["form_key"]
    first = signed_in.post(_url(round_), form_data(form_key=str(key)))
    second = signed_in.post(_url(round_), form_data(form_key=str(key)))
    assert Application.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_co_applicants_are_typed_by_name(signed_in: Client, round_: Round, x: Initiative) -> None:
    together = InitiativeFactory(name="Samen Sterk")
    InitiativeFactory(name="Nog in aanvraag", status=Initiative.Status.PENDING)

    response = signed_in.post(
        _url(round_), form_data(co_applicant_names="Samen Sterk\nBestaat Niet, Nog in aanvraag")
    )
    assert response.status_code == 400
    error = _errors(response, "co_applicant_names")
    assert "“Bestaat Niet”" in error
    assert "“Nog in aanvraag”" in error
    assert "Samen Sterk" not in error

    response = signed_in.post(_url(round_), form_data(co_applicant_names="Buurtkracht"))
    assert response.status_code == 400
    assert "Buurtkracht is het initiatief dat aanvraagt" in _errors(response, "co_applicant_names")

    signed_in.post(_url(round_), form_data(co_applicant_names="samen sterk"))
    assert list(Application.objects.get().co_applicants.all()) == [together]


def test_the_choices_of_origin_and_theme_are_saved(signed_in: Client, round_: Round) -> None:
    from tests.knowledgebase.factories import ResearchQuestionFactory
    from tests.meetings.factories import MeetingFactory

    question = ResearchQuestionFactory(title="Hoe bereik je eenzame ouderen?")
    held = MeetingFactory(
        title="Tafel van de wijk",
        starts_at=timezone.now() - timedelta(days=40, hours=2),
        ends_at=timezone.now() - timedelta(days=40),
    )
    old = MeetingFactory(
        title="Lang geleden",
        starts_at=timezone.now() - timedelta(days=900, hours=2),
        ends_at=timezone.now() - timedelta(days=900),
    )
    theme = Theme.objects.order_by("name").first()
    html = signed_in.get(_url(round_)).content.decode()
    assert "Hoe bereik je eenzame ouderen?" in html
    assert "Tafel van de wijk" in html
    assert "Lang geleden" not in html

    signed_in.post(
        _url(round_),
        form_data(research_question=str(question.pk), meeting=str(held.pk), theme=str(theme.pk)),
    )
    application = Application.objects.get()
    assert (application.research_question, application.meeting, application.theme) == (
        question,
        held,
        theme,
    )
    response = signed_in.post(_url(round_), form_data(meeting=str(old.pk)))
    assert response.status_code == 400


def test_a_member_of_a_pending_initiative_only_is_told_how(client: Client, round_: Round) -> None:
    newcomer = UserFactory()
    pending = InitiativeFactory(status=Initiative.Status.PENDING)
    Membership.objects.create(initiative=pending, user=newcomer)
    client.force_login(newcomer)
    assert "Als een coördinator het heeft goedgekeurd" in client.get(_url(round_)).content.decode()


def test_many_new_applications_in_an_hour_are_refused(signed_in: Client, round_: Round) -> None:
    from fund.views.applications import NEW_LIMIT

    for _n in range(NEW_LIMIT):
        assert signed_in.post(_url(round_), form_data()).status_code == 302
    response = signed_in.post(_url(round_), form_data(), follow=True)
    assert response.status_code == 429
    assert "Wacht een uur" in response.content.decode()
    assert 'value="Samen koken in de Dichterswijk"' in response.content.decode()
    assert Application.objects.count() == NEW_LIMIT


@pytest.mark.django_db(transaction=True)
def test_the_same_form_sent_twice_at_the_same_moment_makes_one_draft(
    reference_data: None,
) -> None:
    import uuid

    from fund.applications import Draft, create_application
    from tests.concurrency import all_at_once

    member = UserFactory()
    initiative = InitiativeFactory(admin=member)
    round_ = RoundFactory()
    key = uuid.uuid4()

    def save() -> tuple[Application, bool]:
        draft = Draft(title="Samen koken", amount_cents=100_00, lines=[("Boodschappen", 100_00)])
        return create_application(round_, initiative, draft, by=member, form_key=key)

    outcomes = all_at_once(save, save)

    assert sorted(created for _a, created in outcomes) == [False, True], outcomes
    assert outcomes[0][0].pk == outcomes[1][0].pk
    assert Application.objects.count() == 1
    assert BudgetLine.objects.count() == 1


def test_a_forged_form_key_of_someone_else_is_ignored(
    signed_in: Client, round_: Round, other_member: User
) -> None:
    theirs = InitiativeFactory(admin=other_member)
    other = Client()
    other.force_login(other_member)
    key = other.get(_url(round_)).context["form_key"]
    other.post(_url(round_), form_data(form_key=str(key)))
    assert Application.objects.get().initiative == theirs

    response = signed_in.post(_url(round_), form_data(form_key=str(key)))

    assert response.status_code == 302
    assert Application.objects.count() == 2
    assert Application.objects.get(form_key=key).initiative == theirs


@pytest.mark.parametrize("total", ["abc", "-5", "99999", "31", "", "1e3", "９"])
@pytest.mark.parametrize("more", [True, False])
def test_forged_budget_management_data_is_never_a_500(
    signed_in: Client, round_: Round, total: str, more: bool
) -> None:
    data = form_data(**{"lines-TOTAL_FORMS": total})
    if more:
        data["more_lines"] = "1"
    response = signed_in.post(_url(round_), data)
    assert response.status_code in (200, 302, 400)


def test_the_euro_field_cleans_to_cents_and_refuses_overlong_text() -> None:
    """The core's EuroField: its length limit is for the text typed, never for the cents (a
    length validator on the cleaned int raised a TypeError: a 500 on every valid amount)."""
    from django import forms

    from fund.money import EuroField

    field = EuroField()
    assert field.clean("1.250,50") == 1_250_50
    assert field.clean("€ 12") == 12_00
    with pytest.raises(forms.ValidationError):
        field.clean("1" * 25)
