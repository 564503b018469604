"""Objects the hosts rows of the access matrix need (see tests/world.py)."""

from accounts.models import User


def build(people: dict[str, User], values: dict[str, object]) -> dict[str, object]:
    return {}
