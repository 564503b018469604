"""A person asks the network a question, a member of an initiative answers it, and the asker marks
the answer that helped; a visitor reads the knowledge agenda."""

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from knowledgebase.models import Answer, Item
from tests.browser.test_initiatives_journey import (
    Check,
    links_in_emails_lead_to_the_live_server,  # noqa: F401 - an autouse fixture
    log_in_as,
    no_rate_limits_from_other_tests,  # noqa: F401 - an autouse fixture
    says_in_dutch,
    status_message,
)
from tests.factories import InitiativeFactory, UserFactory
from tests.knowledgebase.factories import PracticeFactory, ResearchQuestionFactory
from tests.knowledgebase.factories_agenda import HeldMeetingFactory, MeetingReportFactory

pytestmark = pytest.mark.browser

QUESTION = "Hoe vinden we een plek voor ons repair café?"
ANSWER = "Vraag het **buurthuis** in je wijk: wij mogen daar elke zaterdag terecht."


def test_a_person_asks_the_network_a_member_answers_and_the_asker_marks_it(
    portal: str, page: Page, desktop_page: Page, check: Check
) -> None:
    asker = UserFactory(name="Vera Vrager", email="vera@example.nl")
    member = UserFactory(name="Samira Bouzid", email="samira@example.nl")
    InitiativeFactory(name="Buurtkracht Zuilen", admin=member)

    # On a phone: the asker finds the questions and asks one.
    log_in_as(page, portal, asker)
    page.goto(f"{portal}/knowledge/questions/")
    says_in_dutch(page.get_by_role("main"), "Nog niemand heeft het netwerk een vraag gesteld")
    check(page, "questions-empty")
    page.get_by_role("link", name="Stel een vraag aan het netwerk").click()
    check(page, "ask-form")
    page.get_by_role("button", name="Vraag stellen").click()
    expect(page.locator("#id_title")).to_have_attribute("aria-invalid", "true")
    page.locator("#id_title").fill(QUESTION)
    page.locator("#id_body").fill("We zoeken een ruimte voor **tien** tafels, één keer per maand.")
    page.locator("#id_municipality").select_option(label="Utrecht")
    page.get_by_role("button", name="Vraag stellen").click()
    says_in_dutch(status_message(page), "Je vraag staat nu op het portaal")
    expect(page.get_by_role("heading", level=1)).to_have_text(QUESTION)
    says_in_dutch(page.locator("#kb-answers"), "Nog geen antwoord")
    check(page, "question-asked")
    question = Item.objects.get(kind=Item.Kind.NETWORK_QUESTION)
    assert question.status == Item.Status.PUBLISHED

    # At a desk: a member of an initiative answers on its behalf.
    log_in_as(desktop_page, portal, member)
    desktop_page.goto(f"{portal}/knowledge/questions/")
    says_in_dutch(desktop_page.locator("#kb-questions"), "nog geen antwoord")
    desktop_page.get_by_role("link", name=QUESTION).click()
    form = desktop_page.locator(".omzien-kb-answer-form")
    expect(form.get_by_label("Namens")).to_have_value(str(member.memberships.get().initiative_id))
    form.get_by_label("Je antwoord").fill(ANSWER)
    check(desktop_page, "answer-form")
    form.get_by_role("button", name="Antwoord plaatsen").click()
    says_in_dutch(status_message(desktop_page), "Je antwoord staat op de pagina")
    answers = desktop_page.locator("#kb-answers")
    says_in_dutch(answers, "Buurtkracht Zuilen")
    expect(answers.locator("strong", has_text="buurthuis")).to_be_visible()
    expect(answers).not_to_contain_text("samira@example.nl")
    expect(answers).not_to_contain_text("Samira Bouzid")
    check(desktop_page, "answered")

    # The asker got an e-mail, follows its link and marks the answer that helped.
    [message] = mail.outbox
    assert message.to == ["vera@example.nl"]
    assert "samira@example.nl" not in message.body
    page.goto(f"{portal}{question.get_absolute_url()}")
    page.get_by_role("button", name="Dit antwoord hielp").click()
    says_in_dutch(status_message(page), "Gemarkeerd als het antwoord dat hielp")
    expect(page.locator(".omzien-kb-answer--helped")).to_contain_text("Dit antwoord hielp")
    check(page, "answer-helped")
    assert Answer.objects.get().helped
    assert [m.to for m in mail.outbox[1:]] == [["samira@example.nl"]]

    page.goto(f"{portal}/knowledge/questions/")
    says_in_dutch(page.locator("#kb-questions"), "beantwoord")
    says_in_dutch(page.locator("#kb-questions"), "een antwoord hielp")
    check(page, "questions-answered")


def test_a_visitor_reads_the_knowledge_agenda_and_the_evidence_of_a_question(
    portal: str, page: Page, check: Check
) -> None:
    question = ResearchQuestionFactory(
        title="Hoe bereiken we buren die niet snel ergens naartoe gaan?",
        summary="Veel initiatieven zien steeds dezelfde gezichten.",
    )
    ResearchQuestionFactory(title="Wat hebben vrijwilligers nodig om te blijven?")
    PracticeFactory(title="Aanbellen met soep", research_questions=[question])
    MeetingReportFactory(
        title="Verslag: buren bereiken",
        research_questions=[question],
        meeting=HeldMeetingFactory(title="Netwerkbijeenkomst in Zuilen"),
    )

    page.goto(f"{portal}/knowledge/agenda/")
    says_in_dutch(page.get_by_role("main"), "Kennisplatform Utrecht Sociaal")
    says_in_dutch(page.get_by_role("main"), "Hier is nog niets over verzameld")
    check(page, "agenda")
    page.get_by_role("link", name=question.title).click()
    evidence = page.locator(".omzien-kb-evidence")
    expect(evidence.get_by_role("link", name="Aanbellen met soep")).to_be_visible()
    expect(evidence.get_by_role("link", name="Netwerkbijeenkomst in Zuilen")).to_be_visible()
    says_in_dutch(evidence, "Nog niets verzameld")
    check(page, "research-question")
