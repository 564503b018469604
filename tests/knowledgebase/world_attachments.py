"""Objects the attachments rows of the access matrix need (see tests/knowledgebase/world.py): a
real small PDF on the published practice `kb_published` and on the draft `kb_draft`."""

from accounts.models import User
from knowledgebase.models import Item
from tests.knowledgebase.factories_attachments import make_attachment


def build(people: dict[str, User], values: dict[str, object]) -> dict[str, object]:
    published = Item.objects.get(pk=values["kb_published"])
    draft = Item.objects.get(pk=values["kb_draft"])
    on_published = make_attachment(published, name="samen-eten.pdf", read=False)
    on_draft = make_attachment(draft, name="concept.pdf", read=False)
    return {
        "kb_file": on_published.pk,
        "kb_file_name": on_published.name,
        "kb_draft_file": on_draft.pk,
        "kb_draft_file_name": on_draft.name,
    }
