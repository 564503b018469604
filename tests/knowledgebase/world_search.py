"""Objects the search rows of the access matrix need (see tests/knowledgebase/world.py)."""

from django.utils import timezone

from accounts.models import User
from knowledgebase.models import MissedSearch


def build(people: dict[str, User], values: dict[str, object]) -> dict[str, object]:
    missed = MissedSearch.objects.create(
        month=timezone.localdate().replace(day=1), words="zwerfkatten", count=2
    )
    return {"kb_missed": missed.pk}
