"""The demo knowledge base for `make run`: the knowledge agenda of seed 002, the background
documents of seed 001, the programme lines of seed 003, practices of the demo initiatives,
questions to the network with answers, and reports of demo meetings published through the seam
(meetings/knowledge.py).

Made with the models directly, each item as a revision (so its history has a first version), and
made once: when the first research question exists, the knowledge base is left as it is. It runs
after the meetings' demo (INSTALLED_APPS order). Coordinators' e-mail and two-factor rules play
no part here.
"""

from datetime import timedelta

import reversion
from django.utils import timezone

from accounts.demo import COORDINATOR_EMAIL
from accounts.models import User
from initiatives.models import Initiative, Municipality, Theme
from knowledgebase.demo_data import (
    DOCUMENTS,
    DOE_AGENDA,
    NETWORK_QUESTIONS,
    PRACTICES,
    PROGRAMME_LINES,
    QUESTIONS,
    REPORTS,
    Document,
    NetworkQuestion,
    Practice,
    Question,
)
from knowledgebase.indexing import refresh_labels
from knowledgebase.models import Answer, Item
from meetings.knowledge import publish_report
from meetings.models import Meeting
from omzien.demo import demo_loader

MARKER = QUESTIONS[0].title


@demo_loader
def load_knowledge() -> list[str]:
    if not Item.objects.filter(kind=Item.Kind.RESEARCH_QUESTION, title=MARKER).exists():
        _load()
    count = Item.objects.published().count()
    return [f"Knowledge base: {count} published items, see /knowledge/"]


def _load() -> None:
    coordinator = User.objects.filter(email=COORDINATOR_EMAIL).first()
    initiatives = {i.name: i for i in Initiative.objects.approved()}
    if not initiatives:
        return
    questions = {q.key: _research_question(q, coordinator) for q in QUESTIONS}
    for document in [*DOCUMENTS, *PROGRAMME_LINES]:
        _document(document, questions, coordinator)
    for practice in PRACTICES:
        initiative = initiatives.get(practice.initiative)
        if initiative is not None:
            _practice(practice, initiative, questions, coordinator)
    for question in NETWORK_QUESTIONS:
        _network_question(question, initiatives)
    if coordinator is not None:
        _reports(questions, coordinator)
    refresh_labels()


def _themes(names: tuple[str, ...]) -> list[Theme]:
    return list(Theme.objects.filter(name__in=names))


def _saved(item: Item, *, themes: tuple[str, ...], by: User | None, **links: list) -> Item:
    with reversion.create_revision():
        item.save()
        item.themes.set(_themes(themes))
        for name, objects in links.items():
            getattr(item, name).set(objects)
        if by is not None:
            reversion.set_user(by)
        reversion.set_comment("Demo")
    return item


def _published(months_ago: float, by: User | None) -> dict:
    moment = timezone.now() - timedelta(days=round(30.4 * months_ago))
    return {
        "status": Item.Status.PUBLISHED,
        "published_at": moment,
        "updated_at": moment,
        "moderated_by": by,
    }


def _research_question(question: Question, by: User | None) -> Item:
    item = Item(
        kind=Item.Kind.RESEARCH_QUESTION,
        title=question.title,
        summary=question.summary,
        body=question.body,
        knowledge_type=Item.KnowledgeType.RESEARCH,
        contributor=by,
        **_published(30, by),
    )
    return _saved(item, themes=question.themes, by=by)


def _document(document: Document, questions: dict[str, Item], by: User | None) -> Item:
    moment = document.issued_on
    months = 28 if moment is None else 24
    item = Item(
        kind=Item.Kind.DOCUMENT,
        title=document.title,
        summary=document.summary,
        body=document.body,
        document_type=document.document_type,
        issued_by=document.issued_by,
        issued_on=moment,
        knowledge_type=document.knowledge_type,
        contributor=by,
        **_published(months, by),
    )
    utrecht = list(Municipality.objects.filter(name="Utrecht"))
    local = document.issued_by != DOE_AGENDA
    return _saved(
        item,
        themes=document.themes,
        by=by,
        research_questions=[questions[key] for key in document.questions],
        municipalities=utrecht if local else [],
    )


def _practice(
    practice: Practice, initiative: Initiative, questions: dict[str, Item], by: User | None
) -> Item:
    p = practice
    contributor = (
        User.objects.filter(memberships__initiative=initiative).order_by("pk").first() or by
    )
    item = Item(
        kind=Item.Kind.PRACTICE,
        title=p.title,
        summary=p.summary,
        goal=p.goal,
        target_group=p.target_group,
        approach=p.approach,
        success_factors=p.success_factors,
        costs=p.costs,
        results=p.results,
        knowledge_type=Item.KnowledgeType.PRACTICE_DESCRIPTION,
        initiative=initiative,
        contributor=contributor,
        submitted_at=timezone.now() - timedelta(days=round(30.4 * p.months_ago) + 3),
        **_published(p.months_ago, by),
    )
    return _saved(
        item,
        themes=p.themes,
        by=contributor,
        research_questions=[questions[key] for key in p.questions],
        municipalities=[initiative.municipality],
        initiatives=[initiative],
    )


def _network_question(question: NetworkQuestion, initiatives: dict[str, Initiative]) -> Item:
    q = question
    asker = User.objects.filter(email=q.asker).first()
    initiative = initiatives.get(q.initiative)
    item = Item(
        kind=Item.Kind.NETWORK_QUESTION,
        title=q.title,
        body=q.body,
        knowledge_type=Item.KnowledgeType.EXPERIENCE,
        initiative=initiative,
        contributor=asker,
        **_published(1, None),
    )
    item = _saved(
        item,
        themes=q.themes,
        by=asker,
        initiatives=[initiative] if initiative else [],
    )
    for name, text, helped in q.answers:
        by = initiatives.get(name)
        author = User.objects.filter(memberships__initiative=by).order_by("pk").first()
        Answer.objects.create(item=item, initiative=by, author=author, body=text, helped=helped)
    return item


def _reports(questions: dict[str, Item], coordinator: User) -> None:
    """Through the seam, as a coordinator would; dated as the report was."""
    for title, keys in REPORTS:
        meeting = (
            Meeting.objects.filter(title=title, status=Meeting.Status.HELD, report__isnull=False)
            .select_related("report")
            .order_by("-starts_at")
            .first()
        )
        if meeting is None:
            continue
        item = publish_report(
            meeting, research_questions=[questions[key] for key in keys], by=coordinator
        )
        moment = meeting.report.published_at
        Item.objects.filter(pk=item.pk).update(published_at=moment, updated_at=moment)
