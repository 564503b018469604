""" "We did this too": a member says their initiative took up a published practice."""

from typing import Any

import pytest
from django.test import Client

from accounts.models import User
from initiatives.models import Initiative, Membership
from knowledgebase.models import Adoption, Item
from tests.concurrency import all_at_once
from tests.factories import InitiativeFactory, UserFactory
from tests.knowledgebase.factories import DocumentFactory, PracticeFactory
from tests.knowledgebase.factories_reading import AdoptionFactory


def adopt_url(item: Item) -> str:
    return f"/knowledge/{item.pk}/adopt/"


@pytest.mark.django_db
class TestAdopting:
    def test_a_member_says_their_initiative_did_it_too(self, login: Any, member: User) -> None:
        ours = InitiativeFactory(name="Buurtkracht Noord", admin=member)
        practice = PracticeFactory(title="Samen eten")
        client = login(member)
        html = client.get(practice.get_absolute_url()).content.decode()
        assert "Deed jouw initiatief dit ook?" in html
        assert "Voor Buurtkracht Noord." in html  # one initiative: nothing to choose
        response = client.post(
            adopt_url(practice), {"initiative": ours.pk, "note": "Wij doen het op zondag."}
        )
        assert response.status_code == 302
        assert response["Location"] == f"{practice.get_absolute_url()}#adoptions"
        adoption = Adoption.objects.get()
        assert (adoption.initiative, adoption.note, adoption.added_by) == (
            ours,
            "Wij doen het op zondag.",
            member,
        )
        html = client.get(practice.get_absolute_url()).content.decode()
        assert "Buurtkracht Noord staat nu bij ‘Wij deden dit ook’." in html
        assert "1 initiatief deed dit ook" in html
        assert "Wij doen het op zondag." in html
        assert "Staat er al bij: Buurtkracht Noord." in html
        assert "Deed jouw initiatief dit ook?" not in html

    def test_a_member_of_two_initiatives_chooses(self, login: Any, member: User) -> None:
        InitiativeFactory(name="Eerste", admin=member)
        second = InitiativeFactory(name="Tweede", admin=member)
        InitiativeFactory(name="Wacht nog", admin=member, status=Initiative.Status.PENDING)
        practice = PracticeFactory()
        client = login(member)
        html = client.get(practice.get_absolute_url()).content.decode()
        assert 'type="radio"' in html
        assert "Eerste" in html
        assert "Tweede" in html
        assert "Wacht nog" not in html  # only approved initiatives
        client.post(adopt_url(practice), {"initiative": second.pk, "note": ""})
        assert list(Adoption.objects.values_list("initiative__name", flat=True)) == ["Tweede"]

    def test_the_count_and_the_notes_are_on_the_practice(self, client: Client) -> None:
        practice = PracticeFactory()
        for name in ("Een", "Twee", "Drie"):
            AdoptionFactory(
                practice=practice, initiative=InitiativeFactory(name=name), note=f"Noot {name}"
            )
        AdoptionFactory(
            practice=practice,
            initiative=InitiativeFactory(name="Gestopt", status=Initiative.Status.ARCHIVED),
        )
        html = client.get(practice.get_absolute_url()).content.decode()
        assert "3 initiatieven deden dit ook" in html
        for name in ("Een", "Twee", "Drie"):
            assert f"Noot {name}" in html
        assert "Gestopt" not in html

    def test_a_visitor_sees_a_login_link_instead_of_the_form(self, client: Client) -> None:
        practice = PracticeFactory()
        html = client.get(practice.get_absolute_url()).content.decode()
        assert f"/accounts/login/?next=/knowledge/{practice.pk}/" in html
        assert "Deed jouw initiatief dit ook?" not in html
        response = client.post(adopt_url(practice), {"note": "x"})
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
        assert not Adoption.objects.exists()

    def test_someone_without_an_initiative_is_refused(self, login: Any, person: User) -> None:
        practice = PracticeFactory()
        client = login(person)
        html = client.get(practice.get_absolute_url()).content.decode()
        assert "Leden van een initiatief in het netwerk" in html
        assert client.post(adopt_url(practice), {}).status_code == 403

    def test_only_a_published_practice(self, login: Any, member: User) -> None:
        ours = InitiativeFactory(admin=member)
        client = login(member)
        document = DocumentFactory()
        draft = PracticeFactory(status=Item.Status.DRAFT, initiative=ours)
        for item in (document, draft):
            response = client.post(adopt_url(item), {"initiative": ours.pk})
            assert response.status_code == 404
        assert "Wij deden dit ook" not in client.get(document.get_absolute_url()).content.decode()
        assert not Adoption.objects.exists()

    def test_someone_elses_initiative_cannot_be_chosen(self, login: Any, member: User) -> None:
        InitiativeFactory(admin=member)
        theirs = InitiativeFactory()
        practice = PracticeFactory()
        response = login(member).post(adopt_url(practice), {"initiative": theirs.pk})
        assert response.status_code == 200
        assert "geldige keuze" in response.content.decode()
        assert not Adoption.objects.exists()

    def test_a_note_longer_than_500_characters_is_refused_and_kept(
        self, login: Any, member: User
    ) -> None:
        ours = InitiativeFactory(admin=member)
        practice = PracticeFactory()
        note = "lang " * 120
        response = login(member).post(adopt_url(practice), {"initiative": ours.pk, "note": note})
        assert response.status_code == 200
        html = response.content.decode()
        assert "500 tekens" in html
        assert note.strip() in html
        assert not Adoption.objects.exists()

    def test_a_second_submit_gets_a_message_not_an_error(self, login: Any, member: User) -> None:
        ours = InitiativeFactory(name="Buurtkracht Noord", admin=member)
        practice = PracticeFactory()
        client = login(member)
        client.post(adopt_url(practice), {"initiative": ours.pk, "note": "eerste"})
        response = client.post(adopt_url(practice), {"initiative": ours.pk, "note": "tweede"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Buurtkracht Noord heeft al laten weten dat het dit ook deed." in html
        assert 'role="alert"' in html
        assert Adoption.objects.get().note == "eerste"

    def test_hostile_notes_are_escaped(self, client: Client) -> None:
        practice = PracticeFactory()
        AdoptionFactory(
            practice=practice,
            initiative=InitiativeFactory(name="<i>Naam</i>"),
            note="<script>alert(1)</script>",
        )
        html = client.get(practice.get_absolute_url()).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<i>Naam</i>" not in html


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_a_double_click_and_two_members_at_once_make_one_row_and_a_message() -> None:
    admin, colleague = UserFactory(), UserFactory()
    ours = InitiativeFactory(name="Buurtkracht Noord", admin=admin)
    Membership.objects.create(initiative=ours, user=colleague)
    practice = PracticeFactory()

    def post(user: User, note: str) -> tuple[int, str]:
        client = Client()
        client.force_login(user)
        response = client.post(adopt_url(practice), {"initiative": ours.pk, "note": note})
        return response.status_code, response.content.decode()

    outcomes = all_at_once(
        lambda: post(admin, "klik een"),
        lambda: post(admin, "klik twee"),
        lambda: post(colleague, "tegelijk"),
    )
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert sorted(status for status, _html in outcomes) == [200, 200, 302]
    for status, html in outcomes:
        if status == 200:
            assert "Buurtkracht Noord heeft al laten weten dat het dit ook deed." in html
    assert Adoption.objects.filter(practice=practice).count() == 1
