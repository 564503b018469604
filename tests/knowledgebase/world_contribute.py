"""Objects the contribute rows of the access matrix need (see tests/knowledgebase/world.py):
`kb_versioned`, a published practice of X with two versions `kb_version_old` and `kb_version_new`."""

from reversion.models import Version

from accounts.models import User
from initiatives.models import Initiative
from tests.knowledgebase.factories import ItemFactory
from tests.knowledgebase.factories_contribute import change_published


def build(people: dict[str, User], values: dict[str, object]) -> dict[str, object]:
    x = Initiative.objects.get(slug=values["x"])
    versioned = ItemFactory(initiative=x, title="Met geschiedenis", body="Eerste tekst.")
    change_published(versioned, by=people["member"], body="Tweede tekst.")
    old, new = Version.objects.get_for_object(versioned).order_by("pk")
    return {"kb_versioned": versioned.pk, "kb_version_old": old.pk, "kb_version_new": new.pk}
