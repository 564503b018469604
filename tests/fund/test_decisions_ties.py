"""Ties: committee members and treasurers declare ties to initiatives (typed by name, or chosen
when more fit) and end them; their memberships count as ties without declaring."""

from collections.abc import Callable

import pytest
from django.test import Client

from accounts.models import User
from fund.models import Recusal, Tie
from fund.permissions import conflicts
from initiatives.models import Initiative, Membership, Municipality
from tests.factories import InitiativeFactory, UserFactory
from tests.fund.factories import submitted_application
from tests.fund.factories_decisions import tie

pytestmark = pytest.mark.django_db


def declare(client: Client, **data: object) -> object:
    return client.post("/fund/ties/", data)


def test_a_member_declares_a_tie_by_its_exact_name_and_ends_it(
    login: Callable[[User], Client], fund_committee: User
) -> None:
    initiative = InitiativeFactory(name="Repair Café Zeist")
    InitiativeFactory(name="Repair Café Zeist-West")
    client = login(fund_committee)
    response = declare(client, name="repair café zeist", description="Ik ben er vrijwilliger.")
    assert response.status_code == 302
    current = Tie.objects.get()
    assert (current.user, current.initiative, current.ended_at) == (
        fund_committee,
        initiative,
        None,
    )
    page = client.get("/fund/ties/").content.decode()
    assert "Repair Café Zeist" in page
    assert "Ik ben er vrijwilliger." in page

    application = submitted_application(initiative=initiative)
    assert conflicts(User.objects.get(pk=fund_committee.pk), application) == [Recusal.Reason.TIE]

    response = client.post(f"/fund/ties/{current.pk}/end/")
    assert response.status_code == 302
    current.refresh_from_db()
    assert current.ended_at is not None
    assert conflicts(User.objects.get(pk=fund_committee.pk), application) == []
    # Twice: a message, nothing else.
    response = client.post(f"/fund/ties/{current.pk}/end/", follow=True)
    assert "Deze band was al beëindigd." in response.content.decode()
    assert "Beëindigde banden" in response.content.decode()


def test_when_more_initiatives_fit_the_member_chooses_one(
    login: Callable[[User], Client], treasurer: User
) -> None:
    utrecht = InitiativeFactory(name="Samen Koken")
    amersfoort = InitiativeFactory(
        name="Samen Koken",
        slug="samen-koken-amersfoort",
        municipality=Municipality.objects.get(name="Amersfoort"),
    )
    client = login(treasurer)
    response = declare(client, name="samen", description="Mijn zus zit in het bestuur.")
    content = response.content.decode()
    assert response.status_code == 200
    assert "kies het initiatief dat je bedoelt" in content
    assert "Samen Koken (Utrecht)" in content
    assert "Samen Koken (Amersfoort)" in content
    assert "Mijn zus zit in het bestuur." in content  # what was typed stays
    response = declare(
        client, name="samen", initiative=amersfoort.pk, description="Mijn zus zit in het bestuur."
    )
    assert response.status_code == 302
    assert Tie.objects.get().initiative == amersfoort
    assert not Tie.objects.filter(initiative=utrecht).exists()


def test_declaring_a_tie_gets_clear_messages(
    login: Callable[[User], Client], fund_committee: User
) -> None:
    mine = InitiativeFactory(name="Buurtkracht Oost", admin=fund_committee)
    tied = InitiativeFactory(name="Tuin van Morgen")
    tie(fund_committee, tied)
    InitiativeFactory(name="Verborgen", status=Initiative.Status.PENDING)
    client = login(fund_committee)
    cases = [
        ({"name": "", "description": "x"}, "Typ de naam van het initiatief."),
        ({"name": "Bestaat Niet", "description": "x"}, "Controleer de spelling."),
        ({"name": "Verborgen", "description": "x"}, "Controleer de spelling."),
        ({"name": "Tuin van Morgen", "description": ""}, "Zeg in een paar woorden"),
        ({"name": "Tuin van Morgen", "description": "x"}, "Je hebt al een band met Tuin van"),
        ({"name": "Buurtkracht Oost", "description": "x"}, "dat telt al als band"),
    ]
    for data, message in cases:
        response = declare(client, **data)
        assert response.status_code == 200
        assert message in response.content.decode(), data
    assert Tie.objects.count() == 1
    page = client.get("/fund/ties/").content.decode()
    assert mine.name in page  # memberships are listed as ties


def test_many_matches_ask_for_more_of_the_name(
    login: Callable[[User], Client], fund_committee: User
) -> None:
    for n in range(21):
        InitiativeFactory(name=f"Buurthuis {n}")
    response = declare(login(fund_committee), name="buurthuis", description="x")
    assert "typ meer van de naam" in response.content.decode()


def test_only_insiders_keep_ties_and_only_their_own(
    login: Callable[[User], Client], fund_committee: User, treasurer: User
) -> None:
    someone = UserFactory()
    Membership.objects.create(initiative=InitiativeFactory(), user=someone)
    assert login(someone).get("/fund/ties/").status_code == 403
    assert declare(login(someone), name="x", description="x").status_code == 403
    theirs = tie(treasurer, InitiativeFactory())
    response = login(fund_committee).post(f"/fund/ties/{theirs.pk}/end/")
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.ended_at is None
    assert Client().get("/fund/ties/").status_code == 302
    assert login(fund_committee).get(f"/fund/ties/{theirs.pk}/end/").status_code == 405


def test_hostile_text_in_a_tie_is_escaped(
    login: Callable[[User], Client], fund_committee: User
) -> None:
    InitiativeFactory(name="<i>Schuin</i>")
    client = login(fund_committee)
    declare(client, name="<i>Schuin</i>", description="<script>alert(1)</script>")
    page = client.get("/fund/ties/").content.decode()
    assert Tie.objects.count() == 1
    assert "<script>alert(1)</script>" not in page
    assert "<i>Schuin</i>" not in page
