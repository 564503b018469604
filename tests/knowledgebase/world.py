"""The knowledge base's part of the access matrix's world (see tests/knowledgebase/access_rows.py
for what each value is), and one file per part of the app for what only that part needs."""

from accounts.models import User
from initiatives.models import Initiative
from knowledgebase.models import Item
from tests.knowledgebase import (
    world_agenda,
    world_attachments,
    world_contribute,
    world_portal,
    world_reading,
    world_search,
)
from tests.knowledgebase.factories import (
    ItemFactory,
    NetworkQuestionFactory,
    ResearchQuestionFactory,
)


def build(people: dict[str, User], values: dict[str, object]) -> dict[str, object]:
    x = Initiative.objects.get(slug=values["x"])
    published = ItemFactory(initiative=x, contributor=people["member"], title="Samen eten")
    draft = ItemFactory(initiative=x, status=Item.Status.DRAFT, title="Nog een concept")
    submitted = ItemFactory(initiative=x, status=Item.Status.SUBMITTED, title="Ter beoordeling")
    rejected = ItemFactory(initiative=x, status=Item.Status.REJECTED, title="Afgewezen stuk")
    question = ResearchQuestionFactory(title="Hoe maak je je wijk inclusief?")
    network_question = NetworkQuestionFactory(contributor=people["person"])
    extra: dict[str, object] = {
        "kb_published": published.pk,
        "kb_published_slug": published.slug,
        "kb_draft": draft.pk,
        "kb_draft_slug": draft.slug,
        "kb_submitted": submitted.pk,
        "kb_submitted_slug": submitted.slug,
        "kb_rejected": rejected.pk,
        "kb_rejected_slug": rejected.slug,
        "kb_question": question.pk,
        "kb_question_slug": question.slug,
        "kb_network_question": network_question.pk,
        "kb_network_question_slug": network_question.slug,
    }
    for part in (
        world_search,
        world_contribute,
        world_attachments,
        world_reading,
        world_agenda,
        world_portal,
    ):
        extra |= part.build(people, values | extra)
    return extra
