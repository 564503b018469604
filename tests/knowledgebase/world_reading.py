"""Objects the reading rows of the access matrix need (see tests/knowledgebase/world.py)."""

from accounts.models import User
from initiatives.models import Theme


def build(people: dict[str, User], values: dict[str, object]) -> dict[str, object]:
    # A theme for its feed; `kb_published` is the practice that X's members say they adopted.
    return {"kb_theme": Theme.objects.order_by("pk").values_list("slug", flat=True).first()}
