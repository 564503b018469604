"""Links in e-mails point where the person came from; replies reach a person, never noreply."""

from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client

from accounts.models import User
from initiatives.models import Initiative
from omzien.mailing import send_after_commit
from tests.factories import InitiativeFactory


@pytest.mark.django_db
def test_links_in_an_email_use_the_address_the_request_came_in_on(
    client: Client, member: User, committed: Callable, settings: object
) -> None:
    settings.SITE_URL = "http://127.0.0.1:8000"
    initiative = InitiativeFactory(admin=member)
    data = {"name": "Anna", "email": "anna@example.nl", "message": "Mag ik meedoen?"}
    with committed():
        client.post(f"/initiatives/{initiative.slug}/contact/", data, HTTP_HOST="localhost:8001")
    (message,) = mail.outbox
    assert f"http://localhost:8001{initiative.get_absolute_url()}" in message.body
    assert "127.0.0.1:8000" not in message.body


@pytest.mark.django_db
def test_outside_a_request_links_use_site_url(member: User, settings: object) -> None:
    settings.SITE_URL = "https://omziennaarelkaar.example"
    initiative = InitiativeFactory(admin=member)
    send_after_commit(  # as the daily reminder timer does: no request
        "initiatives/email/approved", {"initiative": initiative}, to=[member.email]
    )
    assert f"https://omziennaarelkaar.example{initiative.get_absolute_url()}" in mail.outbox[0].body


@pytest.mark.django_db
def test_a_rejection_can_be_answered_and_the_answer_reaches_the_network(
    client: Client, coordinator: User, member: User, committed: Callable, settings: object
) -> None:
    initiative = InitiativeFactory(status=Initiative.Status.PENDING, admin=member)
    client.force_login(coordinator)
    with committed():
        client.post(f"/initiatives/{initiative.slug}/reject/", {"reason": "Dit is een bedrijf."})
    (message,) = mail.outbox
    assert "reageer" in message.body.lower() or "antwoord" in message.body.lower()
    assert message.reply_to == [settings.CONTACT_EMAIL]


@pytest.mark.django_db
def test_allauths_emails_can_be_answered_too(
    client: Client, member: User, settings: object
) -> None:
    client.post("/accounts/password/reset/", {"email": member.email})
    (message,) = mail.outbox
    assert message.reply_to == [settings.CONTACT_EMAIL]
