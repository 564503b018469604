"""What a coordinator ran into walking the meetings app: each test pins one fix."""

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client

from accounts.models import User
from initiatives.models import Membership, Theme
from meetings.models import AgendaItem, HostOffer, Meeting
from tests.factories import InitiativeFactory, UserFactory
from tests.meetings.factories import HostOfferFactory, MeetingFactory, RegistrationFactory
from tests.meetings.factories_organise import edit_data, form_data
from tests.meetings.factories_rotation import days_ago

pytestmark = pytest.mark.django_db


def test_a_meeting_planned_for_an_offer_takes_its_theme_and_is_tied_to_it(
    client: Client, coordinator: User
) -> None:
    host = InitiativeFactory(name="Buurtkamer De Kei")
    offer = HostOfferFactory(initiative=host, theme="Nieuwe vrijwilligers vinden")
    theme = Theme.objects.order_by("name").first()
    offer.themes.set([theme])
    client.force_login(coordinator)

    page = client.get(f"/meetings/new/?host={host.slug}&offer={offer.pk}")
    form = page.context["form"]
    assert form["question"].value() == "Nieuwe vrijwilligers vinden"
    assert form["themes"].value() == [theme.pk]
    assert f'name="offer" value="{offer.pk}"' in page.content.decode()

    response = client.post("/meetings/new/", form_data(host, offer=offer.pk), follow=True)
    meeting = Meeting.objects.get()
    offer.refresh_from_db()
    assert offer.meeting == meeting
    assert offer.status == HostOffer.Status.PROPOSED  # tying is not a step along
    assert "Het aanbod van Buurtkamer De Kei hoort nu bij deze bijeenkomst" in (
        response.content.decode()
    )


def test_an_offer_of_another_host_or_a_closed_one_is_not_tied(
    client: Client, coordinator: User
) -> None:
    host, other = InitiativeFactory(), InitiativeFactory()
    foreign = HostOfferFactory(initiative=other, theme="Iets anders")
    declined = HostOfferFactory(initiative=host, status=HostOffer.Status.DECLINED)
    client.force_login(coordinator)
    assert (
        client.get(f"/meetings/new/?host={host.slug}&offer={foreign.pk}").context["offer"] is None
    )
    client.post("/meetings/new/", form_data(host, offer=foreign.pk))
    client.post(
        "/meetings/new/", form_data(host, offer=declined.pk, title="Tweede", schedule_anyway="on")
    )
    foreign.refresh_from_db()
    declined.refresh_from_db()
    assert Meeting.objects.count() == 2
    assert foreign.meeting is None
    assert declined.meeting is None


def test_the_offers_page_and_the_suggestions_lead_to_planning_with_the_offer(
    client: Client, coordinator: User
) -> None:
    offer = HostOfferFactory(theme="Samen eten")
    client.force_login(coordinator)
    link = f"/meetings/new/?host={offer.initiative.slug}&amp;offer={offer.pk}"
    assert link in client.get("/meetings/offers/").content.decode()


def test_the_address_is_not_called_optional_for_a_meeting_on_location(
    client: Client, coordinator: User
) -> None:
    host = InitiativeFactory()
    client.force_login(coordinator)
    page = client.get("/meetings/new/").content.decode()
    label = page[page.index('for="id_address"') :][:200]
    assert "niet verplicht" not in label
    response = client.post("/meetings/new/", form_data(host, address=""))
    errors = response.context["form"].errors["address"]
    assert errors == ["Waar komen mensen naartoe? Vul het adres van de locatie in."]
    online = form_data(host, address="", kind="online", online_link="https://meet.jit.si/omzien")
    assert client.post("/meetings/new/", online).status_code == 302


def test_a_cancel_without_a_reason_says_what_to_write(client: Client, coordinator: User) -> None:
    meeting = MeetingFactory()
    client.force_login(coordinator)
    response = client.post(f"/meetings/{meeting.slug}/cancel/", {"reason": " "})
    assert response.context["form"].errors["reason"] == [
        "Schrijf waarom de bijeenkomst niet doorgaat."
    ]


def test_the_change_e_mail_names_an_empty_old_value(
    client: Client, coordinator: User, mailoutbox: list
) -> None:
    meeting = MeetingFactory(address="")
    RegistrationFactory(meeting=meeting)
    client.force_login(coordinator)
    with_address = edit_data(meeting, address="Dorpsstraat 5, 3828 AB Hoogland")
    response = client.post(f"/meetings/{meeting.slug}/edit/", with_address)
    assert response.status_code == 302
    body = mail.outbox[-1].body
    assert "Adres: (niet opgegeven) → Dorpsstraat 5, 3828 AB Hoogland" in body


def test_the_organiser_page_quotes_the_title_and_says_when_the_address_is_missing(
    client: Client, coordinator: User
) -> None:
    meeting = MeetingFactory(title="Vrijwilligers die blijven", address="")
    client.force_login(coordinator)
    page = client.get(f"/meetings/{meeting.slug}/organise/").content.decode()
    assert "‘Vrijwilligers die blijven’ organiseren" in page
    assert "adres nog niet opgegeven" in page
    assert "meetings_organise" in page  # the task list and facts are styled


def _decline(client: Client, offer: HostOffer) -> str:
    response = client.post(
        f"/meetings/offers/{offer.pk}/move/",
        {"seen": "proposed", "to": "declined", "reason": "Dit jaar vol."},
        follow=True,
    )
    return response.content.decode()


def test_a_declined_offer_is_told_to_the_member_who_made_it_too(
    client: Client, coordinator: User, committed: Callable[[], AbstractContextManager]
) -> None:
    admin, offerer = UserFactory(), UserFactory()
    host = InitiativeFactory(admin=admin)
    Membership.objects.create(initiative=host, user=offerer, role=Membership.Role.MEMBER)
    offer = HostOfferFactory(initiative=host, offered_by=offerer)
    client.force_login(coordinator)
    with committed():
        page = _decline(client, offer)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([admin.email, offerer.email])
    assert "beheerder bent van het initiatief of het aanbod deed" in mail.outbox[0].body
    assert "niemand kreeg" not in page


def test_a_decline_nobody_can_be_told_of_is_said_to_the_coordinator(
    client: Client, coordinator: User, committed: Callable[[], AbstractContextManager]
) -> None:
    offer = HostOfferFactory(initiative=InitiativeFactory(name="Dorpsraad Breukelen"))
    client.force_login(coordinator)
    with committed():
        page = _decline(client, offer)
    assert mail.outbox == []
    assert "Dorpsraad Breukelen heeft geen beheerders op het portaal" in page


def test_a_past_date_is_said_even_when_the_end_is_before_the_start(
    client: Client, coordinator: User
) -> None:
    client.force_login(coordinator)
    data = form_data(InitiativeFactory(), date="2020-03-02", start_time="18:30", end_time="16:30")
    errors = client.post("/meetings/new/", data).context["form"].errors
    assert errors["end_time"] == ["Het einde moet na het begin liggen."]
    assert errors["date"] == ["Dit moment is al voorbij. Kies een datum in de toekomst."]


def test_empty_choices_are_in_words(client: Client, coordinator: User) -> None:
    client.force_login(coordinator)
    page = client.get("/meetings/new/").content.decode()
    assert "---------" not in page
    assert "Kies de gastheer" in page
    assert "Kies de gemeente" in page


def test_moving_the_clock_time_asks_to_check_the_programme(
    client: Client, coordinator: User
) -> None:
    meeting = MeetingFactory()
    AgendaItem.objects.create(meeting=meeting, starts_at="16:30", title="Inloop")
    client.force_login(coordinator)
    data = edit_data(meeting, start_time="19:00", end_time="21:00", schedule_anyway="on")
    page = client.post(f"/meetings/{meeting.slug}/edit/", data, follow=True).content.decode()
    assert "kijk of de tijden in het programma nog kloppen" in page

    meeting.refresh_from_db()
    same_time = edit_data(meeting, title="Een andere titel")
    page = client.post(f"/meetings/{meeting.slug}/edit/", same_time, follow=True).content.decode()
    assert "kijk of de tijden in het programma nog kloppen" not in page


def test_an_edit_that_keeps_the_time_neither_warns_of_clashes_nor_calls_a_past_date_passed(
    client: Client, coordinator: User
) -> None:
    """The form compared the typed date and times with nothing, so they always "changed"."""
    meeting = MeetingFactory()
    MeetingFactory(starts_at=meeting.starts_at, municipality=meeting.municipality)  # a clash
    client.force_login(coordinator)
    response = client.post(f"/meetings/{meeting.slug}/edit/", edit_data(meeting, title="Nieuw"))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Nieuw"

    held = MeetingFactory(status=Meeting.Status.HELD, starts_at=days_ago(30))
    held.ends_at = held.starts_at + timedelta(hours=2)
    held.save()
    fixed = edit_data(held, description="Zonder tikfout.")
    assert client.post(f"/meetings/{held.slug}/edit/", fixed).status_code == 302
    held.refresh_from_db()
    assert held.description == "Zonder tikfout."
