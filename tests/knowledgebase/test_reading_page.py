"""An item's page: its kind's label and fields, links to what it is about, related items, the
permalink that survives a title change, and a fixed number of queries."""

from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from initiatives.models import Initiative, Municipality, Theme
from knowledgebase.indexing import refresh_labels
from knowledgebase.models import Item
from tests.factories import InitiativeFactory, UserFactory
from tests.knowledgebase.factories import (
    DocumentFactory,
    ItemFactory,
    NetworkQuestionFactory,
    PracticeFactory,
    ResearchQuestionFactory,
)
from tests.knowledgebase.factories_reading import AdoptionFactory, FullPracticeFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_page_cache(settings: object) -> None:
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    settings.CACHES = {"default": dummy, "fragments": dummy}  # type: ignore[attr-defined]


def page(client: Client, item: Item) -> str:
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_practice_shows_its_label_and_template_sections(client: Client) -> None:
    initiative = InitiativeFactory(name="Buurtkracht Oost")
    practice = PracticeFactory(
        initiative=initiative,
        title="Samen eten in Oost",
        last_checked=date(2026, 3, 27),
        published_at=timezone.make_aware(timezone.datetime(2026, 1, 5, 12)),
    )
    html = page(client, practice)
    assert 'omzien-kb-kind--practice">Praktijkvoorbeeld<' in html
    assert "Samen eten in Oost" in html
    assert "Buren koken samen" in html  # the summary
    for heading in (
        "Doel",
        "Voor wie",
        "Aanpak",
        "Waarom het werkt",
        "Wat het kostte",
        "Wat het opleverde",
    ):
        assert f">{heading}</h2>" in html
    assert "Elke donderdag kookt een ander team van buren." in html
    assert "Bijgedragen door" in html
    assert f'href="{initiative.get_absolute_url()}">Buurtkracht Oost</a>' in html
    assert "Beschrijving van de praktijk" in html  # the type of knowledge
    assert "27 maart 2026" in html  # last checked, the Dutch way
    assert "5 januari 2026" in html  # published


def test_a_practice_without_a_section_leaves_out_its_heading(client: Client) -> None:
    html = page(client, PracticeFactory(costs=""))
    assert ">Wat het kostte</h2>" not in html
    assert ">Doel</h2>" in html


def test_a_document_shows_its_type_author_and_date(client: Client) -> None:
    document = DocumentFactory(issued_on=date(2025, 11, 1), issued_by="Provincie Utrecht")
    html = page(client, document)
    assert 'omzien-kb-kind--document">Document<' in html
    assert "Beleidsregel" in html
    assert "Provincie Utrecht" in html
    assert "1 november 2025" in html
    assert ">Doel</h2>" not in html


def test_a_meeting_report_links_to_its_meeting(client: Client) -> None:
    meeting = MeetingFactory(title="Eenzaamheid in de wijk", slug="eenzaamheid-in-de-wijk")
    report = ItemFactory(kind=Item.Kind.MEETING_REPORT, meeting=meeting, title="Verslag")
    html = page(client, report)
    assert "Verslag van een bijeenkomst" in html or "Verslag" in html
    assert 'href="/meetings/eenzaamheid-in-de-wijk/">Eenzaamheid in de wijk</a>' in html


def test_a_meeting_report_does_not_link_a_draft_meeting(client: Client) -> None:
    from meetings.models import Meeting

    meeting = MeetingFactory(slug="nog-geheim", status=Meeting.Status.DRAFT)
    html = page(client, ItemFactory(kind=Item.Kind.MEETING_REPORT, meeting=meeting))
    assert "/meetings/nog-geheim/" not in html


@pytest.mark.parametrize(
    ("factory", "label"),
    [
        (ResearchQuestionFactory, "Onderzoeksvraag"),
        (NetworkQuestionFactory, "Vraag aan het netwerk"),
    ],
)
def test_the_other_kinds_show_their_label(client: Client, factory: type, label: str) -> None:
    item = factory()
    assert f">{label}<" in page(client, item)


def test_themes_places_initiatives_and_questions_are_links(client: Client) -> None:
    concerned = InitiativeFactory(name="Het Buurthuis", slug="het-buurthuis")
    hidden = InitiativeFactory(name="Nog niet goedgekeurd", status=Initiative.Status.PENDING)
    question = ResearchQuestionFactory(title="Hoe bereik je mensen die alleen zijn?")
    draft_question = ResearchQuestionFactory(title="Een vraag in concept", status=Item.Status.DRAFT)
    practice = PracticeFactory(
        themes=["Eenzaamheid"],
        municipalities=["Zeist"],
        research_questions=[question, draft_question],
    )
    practice.initiatives.set([concerned, hidden])
    html = page(client, practice)
    assert 'href="/knowledge/?theme=eenzaamheid">Eenzaamheid</a>' in html
    assert 'href="/knowledge/?municipality=zeist">Zeist</a>' in html
    assert 'href="/initiatives/het-buurthuis/">Het Buurthuis</a>' in html
    assert f'href="{question.get_absolute_url()}">' in html
    assert "Nog niet goedgekeurd" not in html
    assert "Een vraag in concept" not in html


def test_ask_the_initiative_behind_it_leads_to_its_contact_form(client: Client) -> None:
    initiative = InitiativeFactory(name="Buurtkracht Oost", slug="buurtkracht-oost")
    practice = PracticeFactory(initiative=initiative, title="Koken & eten")
    html = page(client, practice)
    assert "Vraag het initiatief erachter" in html
    assert 'href="/initiatives/buurtkracht-oost/contact/?about=Koken%20%26%20eten"' in html
    form = client.get("/initiatives/buurtkracht-oost/contact/?about=Koken%20%26%20eten")
    assert form.status_code == 200
    assert "Over: Koken &amp; eten" in form.content.decode()


def test_no_contact_route_to_an_initiative_that_is_not_public(client: Client) -> None:
    archived = InitiativeFactory(slug="gestopt", status=Initiative.Status.ARCHIVED)
    html = page(client, PracticeFactory(initiative=archived))
    assert "/initiatives/gestopt/contact/" not in html
    assert "Vraag het initiatief erachter" not in html


def test_the_page_never_names_the_person_who_contributed(client: Client, member: object) -> None:
    practice = PracticeFactory(initiative=InitiativeFactory(), contributor=member)
    html = page(client, practice)
    assert member.email not in html  # type: ignore[attr-defined]


def test_hostile_text_is_escaped(client: Client) -> None:
    practice = PracticeFactory(
        title='<script>alert("titel")</script> ]]>',
        summary="<img src=x onerror=alert(1)>",
        goal="<script>alert('doel')</script> **vet**",
        initiative=InitiativeFactory(name="<b>Boos</b>"),
    )
    html = page(client, practice)
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<b>Boos</b>" not in html
    assert "&lt;script&gt;alert(&quot;titel&quot;)&lt;/script&gt;" in html
    assert "<strong>vet</strong>" in html  # Markdown still renders


def test_an_old_slug_redirects_to_the_new_address_after_a_title_change(client: Client) -> None:
    practice = PracticeFactory(title="Samen eten")
    old = practice.get_absolute_url()
    practice.title = "Samen koken en eten"
    practice.save()
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == f"/knowledge/{practice.pk}/samen-koken-en-eten/"
    assert client.get(response["Location"]).status_code == 200
    permalink = client.get(f"/knowledge/{practice.pk}/")
    assert permalink.status_code == 301
    assert permalink["Location"] == f"/knowledge/{practice.pk}/samen-koken-en-eten/"


def test_a_draft_is_not_found_even_under_an_old_slug(client: Client) -> None:
    draft = PracticeFactory(status=Item.Status.DRAFT)
    assert client.get(f"/knowledge/{draft.pk}/iets-anders/").status_code == 404
    assert client.get(f"/knowledge/{draft.pk}/").status_code == 404


def test_related_items_share_most_first_published_only_at_most_five(client: Client) -> None:
    question = ResearchQuestionFactory()
    initiative = InitiativeFactory()
    practice = PracticeFactory(
        title="Het voorbeeld", themes=["Eenzaamheid", "Welzijn"], research_questions=[question]
    )
    practice.initiatives.add(initiative)
    most = ItemFactory(
        title="Deelt alles", themes=["Eenzaamheid", "Welzijn"], research_questions=[question]
    )
    most.initiatives.add(initiative)
    ItemFactory(title="Deelt een vraag", research_questions=[question])
    for number in range(4):
        ItemFactory(title=f"Deelt een thema {number}", themes=["Welzijn"])
    ItemFactory(title="Concept met alles", status=Item.Status.DRAFT, themes=["Welzijn"])
    ItemFactory(title="Deelt niets", themes=["Wonen"])
    refresh_labels(list(Item.objects.values_list("pk", flat=True)))

    from knowledgebase.related import related_items

    titles = [item.title for item in related_items(practice)]
    assert len(titles) == 5
    assert titles[0] == "Deelt alles"
    assert "Het voorbeeld" not in titles
    assert "Concept met alles" not in titles
    assert "Deelt niets" not in titles
    html = page(client, practice)
    assert "Gerelateerd" in html
    assert "Deelt alles" in html


def _crowd(practice: Item, count: int) -> None:
    themes = list(Theme.objects.all()[:count])
    places = list(Municipality.objects.all()[:count])
    initiatives = [InitiativeFactory() for _ in range(count)]
    questions = [ResearchQuestionFactory() for _ in range(count)]
    practice.themes.set(themes)
    practice.municipalities.set(places)
    practice.initiatives.set(initiatives)
    practice.research_questions.set(questions)
    for number in range(count):
        other = ItemFactory(themes=[themes[number].name])
        other.research_questions.set(questions[: number + 1])
        AdoptionFactory(practice=practice, initiative=initiatives[number])


@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize("count", [1, 8])
def test_the_page_costs_a_fixed_number_of_queries(
    client: Client, count: int, django_assert_num_queries: object, login: object, member: object
) -> None:
    practice = PracticeFactory(initiative=InitiativeFactory(admin=member))
    _crowd(practice, count)
    # A visitor: the content version, the item, its four kinds of labels, related, adoptions,
    # attachments.
    with django_assert_num_queries(9):  # type: ignore[operator]
        page(client, practice)
    client = login(member)  # type: ignore[operator]
    client.get("/")
    with django_assert_num_queries(14):  # type: ignore[operator]
        html = page(client, practice)
    assert "Deed jouw initiatief dit ook?" in html


def test_the_kept_page_shows_each_person_only_their_own_parts(member: User) -> None:
    """The body of the page is kept per item and content version; what differs per person is
    not: viewed in turn by an insider, a visitor and a member of another initiative."""
    ours = InitiativeFactory(name="Buurtkracht Noord", admin=member)
    practice = PracticeFactory(initiative=ours, title="Samen eten")
    other = UserFactory()
    InitiativeFactory(name="Dorpstafel Zuid", admin=other)
    insider, visitor, neighbour = Client(), Client(), Client()
    insider.force_login(member)
    neighbour.force_login(other)

    for _ in range(2):
        mine = page(insider, practice)
        assert "Iedereen kan dit lezen." in mine  # the insiders' panel
        assert "Bijlage toevoegen" in mine
        assert f"/knowledge/{practice.pk}/history/" in mine  # in the panel,
        assert "omzien-kb-history-link" not in mine  # not twice
        assert "Voor Buurtkracht Noord." in mine

        public = page(visitor, practice)
        assert "Iedereen kan dit lezen." not in public
        assert "Bijlage toevoegen" not in public
        assert "omzien-kb-history-link" in public
        assert f"?next={practice.get_absolute_url()}%23adoptions" in public  # log in
        assert "csrfmiddlewaretoken" not in public

        theirs = page(neighbour, practice)
        assert "Iedereen kan dit lezen." not in theirs
        assert "Bijlage toevoegen" not in theirs
        assert "omzien-kb-history-link" in theirs
        assert "Voor Dorpstafel Zuid." in theirs
        assert "Buurtkracht Noord." not in theirs.split("omzien-kb-adoptions__mine")[1]
        token = theirs.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        assert token not in mine


def test_a_second_view_asks_the_database_once(
    client: Client, django_assert_num_queries: object
) -> None:
    practice = FullPracticeFactory(themes=["Eenzaamheid"])
    page(client, practice)
    with django_assert_num_queries(1):  # type: ignore[operator]
        page(client, practice)  # only the content version; the rest is cached under it
