"""The people of the roles table in DESIGN.md, as fixtures and by name for the access matrix."""

from collections.abc import Callable

from accounts.models import User
from accounts.roles import COORDINATOR, FUND_COMMITTEE, TREASURER
from tests.factories import UserFactory, role_user

PERSONAS = [
    "visitor",
    "person",
    "member",
    "plain_member",
    "other_member",
    "coordinator",
    "fund_committee",
    "treasurer",
]


def _person() -> User:
    return UserFactory(email="ingelogd@example.nl")


def _member() -> User:
    return UserFactory(email="lid@example.nl")


def _plain_member() -> User:
    return UserFactory(email="gewoon-lid@example.nl")


def _other_member() -> User:
    return UserFactory(email="ander-lid@example.nl")


def _coordinator() -> User:
    # Coordinators maintain reference data in the admin, so they are staff.
    return role_user(COORDINATOR, email="coordinator@example.nl", is_staff=True)


def _fund_committee() -> User:
    return role_user(FUND_COMMITTEE, email="fondscommissie@example.nl")


def _treasurer() -> User:
    return role_user(TREASURER, email="penningmeester@example.nl")


MAKERS: dict[str, Callable[[], User]] = {
    "person": _person,
    "member": _member,
    "plain_member": _plain_member,
    "other_member": _other_member,
    "coordinator": _coordinator,
    "fund_committee": _fund_committee,
    "treasurer": _treasurer,
}
