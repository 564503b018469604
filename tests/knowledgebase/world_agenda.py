"""Objects the agenda rows of the access matrix need (see tests/knowledgebase/world.py).

`kb_answer` is an answer by `member` on behalf of X to `kb_network_question` (asked by `person`);
`kb_removed_answer` one that was taken off the page; `kb_draft_question` a question to the network
that is not published (a draft, say one hidden by a coordinator).
"""

from django.utils import timezone

from accounts.models import User
from initiatives.models import Initiative
from knowledgebase.models import Item
from tests.knowledgebase.factories import AnswerFactory, NetworkQuestionFactory


def build(people: dict[str, User], values: dict[str, object]) -> dict[str, object]:
    x = Initiative.objects.get(slug=values["x"])
    question = Item.objects.get(pk=values["kb_network_question"])
    answer = AnswerFactory(item=question, initiative=x, author=people["member"])
    removed = AnswerFactory(
        item=question, initiative=x, author=people["member"], removed_at=timezone.now()
    )
    draft = NetworkQuestionFactory(status=Item.Status.DRAFT, contributor=people["person"])
    hidden_answer = AnswerFactory(item=draft, initiative=x, author=people["member"])
    return {
        "kb_answer": answer.pk,
        "kb_removed_answer": removed.pk,
        "kb_draft_question": draft.pk,
        "kb_hidden_answer": hidden_answer.pk,
    }
