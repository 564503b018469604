"""The meetings app's part of the access matrix's world, one file per part of it."""

from accounts.models import User
from tests.meetings import (
    world_finding,
    world_hosts,
    world_organise,
    world_registration,
    world_rotation,
)


def build(people: dict[str, User], values: dict[str, object]) -> dict[str, object]:
    extra: dict[str, object] = {}
    for part in (world_finding, world_hosts, world_organise, world_registration, world_rotation):
        extra |= part.build(people, values | extra)
    return extra
