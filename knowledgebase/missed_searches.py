"""Searches that found nothing feed the knowledge agenda.

A search of the knowledge base with words to find and no published item that has them is counted
per month, anonymously: only the words, folded as the search compares them (lower case, no
accents, no stop words), and a count. Never who searched, from where, or when exactly. Parallel
requests for the same words add up in one statement (INSERT ... ON CONFLICT DO UPDATE), so none
of them fails.

Coordinators see the words per month (views/search.py, `missed-searches`) and make a published
research question of them in one step (`make_research_question`); the work overview lists them
as "Kennis die het netwerk mist".
"""

from datetime import date
from typing import Any

import reversion
from django import forms
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from knowledgebase.models import Item, MissedSearch
from knowledgebase.permissions import can_see_missed_searches
from omzien.search.query import Search
from omzien.work_queues import WorkQueue, register_work_queue

MAX_WORDS_LENGTH = MissedSearch._meta.get_field("words").max_length or 200
TITLE_LENGTH = Item._meta.get_field("title").max_length or 200


def words_of(search: Search) -> str:
    """The words a search looked for, as it compared them: each once, in the order typed, without
    the stop words and the words left out with a minus; cut to what the column holds."""
    words: list[str] = []
    for clause in search.clauses:
        for term in clause:
            if not term.negated:
                words += [word for word in term.words if word not in words]
    text = " ".join(words)
    if len(text) > MAX_WORDS_LENGTH:
        text = text[:MAX_WORDS_LENGTH].rsplit(" ", 1)[0]
    return text


def should_count(search: Search | None) -> bool:
    """Only a search with words to find: not an empty one, nor one of only stop words."""
    return search is not None and search.can_rank and not search.only_stop_words


def this_month() -> date:
    return timezone.localdate().replace(day=1)


def count_missed(search: Search) -> None:
    """Add one to this month's count of the search's words; one statement, safe in parallel."""
    words = words_of(search)
    if not words:
        return
    table = connection.ops.quote_name(MissedSearch._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {table} (month, words, count) VALUES (%s, %s, 1)
            ON CONFLICT (month, words) DO UPDATE SET count = {table}.count + 1
            """,  # noqa: S608 - the table name is the model's own; the values are parameters
            [this_month(), words],
        )


def missed_searches() -> QuerySet[MissedSearch]:
    """Newest month first; in a month the most searched first."""
    return MissedSearch.objects.select_related("research_question").order_by(
        "-month", "-count", "words", "pk"
    )


def open_missed_searches() -> QuerySet[MissedSearch]:
    """Those no research question was made of yet: the work queue."""
    return missed_searches().filter(research_question__isnull=True)


def suggested_title(missed: MissedSearch) -> str:
    return _("What does the network know about %(words)s?") % {"words": missed.words}


def make_research_question(missed_pk: int, title: str, user: User) -> tuple[Item, bool]:
    """Publish a research question for the missed search, by this coordinator, and link it.

    Returns the question and whether it is new: with the row locked, a second click (or a second
    coordinator) finds the question the first one made and gets that one.
    """
    with transaction.atomic():
        missed = MissedSearch.objects.select_for_update().get(pk=missed_pk)
        if missed.research_question_id is not None:
            existing = Item.objects.get(pk=missed.research_question_id)
            return existing, False
        now = timezone.now()
        with reversion.create_revision():
            question = Item(
                kind=Item.Kind.RESEARCH_QUESTION,
                status=Item.Status.PUBLISHED,
                title=title[:TITLE_LENGTH],
                summary=_(
                    "People searched the knowledge base for “%(words)s” and found nothing. "
                    "What do you know about it? Add what you know, or link it to this question."
                )
                % {"words": missed.words},
                knowledge_type=Item.KnowledgeType.RESEARCH,
                contributor=user,
                moderated_by=user,
                published_at=now,
                updated_at=now,
            )
            question.save()
            reversion.set_user(user)
            reversion.set_comment(
                _("Made from searches without results: %(words)s") % {"words": missed.words}
            )
        missed.research_question = question
        missed.save(update_fields=["research_question"])
    return question, True


def register_queue() -> None:
    register_work_queue(
        WorkQueue(
            key="knowledge-missed",
            title=gettext_lazy("Knowledge the network lacks"),
            items=open_missed_searches,
            item_template="knowledgebase/partials/_queue_missed_search.html",
            visible_to=can_see_missed_searches,
            intro=gettext_lazy(
                "Searches of the knowledge base that found nothing, per month. Make a research "
                "question of them for the knowledge agenda."
            ),
            empty=gettext_lazy("Every search found something."),
            url_name="knowledgebase:missed-searches",
            link_text=gettext_lazy("See all searches without results"),
        )
    )


class QuestionForm(forms.Form):
    """The one step: the question's title, prefilled from the words."""

    title = forms.CharField(label=gettext_lazy("Research question"), max_length=TITLE_LENGTH)

    def __init__(self, missed: MissedSearch, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"title": suggested_title(missed)})
        kwargs.setdefault("prefix", f"missed-{missed.pk}")
        super().__init__(*args, **kwargs)
        self.missed = missed
