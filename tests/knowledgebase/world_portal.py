"""Objects the portal rows of the access matrix need (see tests/knowledgebase/world.py)."""

from accounts.models import User
from tests.knowledgebase.factories_portal import held_meeting_with_report


def build(people: dict[str, User], values: dict[str, object]) -> dict[str, object]:
    meeting = held_meeting_with_report(title="Een gehouden bijeenkomst met verslag")
    return {"kb_held_meeting": meeting.slug}
