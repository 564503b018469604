"""A small, fixed world for the access matrix: the personas and the initiatives they belong to.

- `member` is the admin of the approved initiative X and of the pending initiative P;
- `other_member` is the admin of the approved initiative Y;
- X has a need and an offer, an open invitation and a join request from `person`.
"""

from dataclasses import dataclass, field

from accounts.models import User
from initiatives.membership import invite_member
from initiatives.models import Initiative, Invitation, JoinRequest, Listing
from initiatives.profile import confirm_token
from tests.factories import InitiativeFactory, ListingFactory
from tests.personas import MAKERS


@dataclass
class World:
    people: dict[str, User]
    values: dict[str, object] = field(default_factory=dict)


def build_world() -> World:
    people = {name: make() for name, make in MAKERS.items()}
    x = InitiativeFactory(name="Buurtkracht X", slug="x", admin=people["member"])
    y = InitiativeFactory(name="Samen Y", slug="y", admin=people["other_member"])
    pending = InitiativeFactory(
        name="Nieuw P", slug="p", status=Initiative.Status.PENDING, admin=people["member"]
    )
    need = ListingFactory(initiative=x, kind=Listing.Kind.NEED)
    ListingFactory(initiative=y, kind=Listing.Kind.OFFER)
    invitation: Invitation = invite_member(x, by=people["member"], email="gast@example.nl")
    join_request = JoinRequest.objects.create(initiative=x, user=people["person"])
    values = {
        "x": x.slug,
        "y": y.slug,
        "p": pending.slug,
        "need": need.pk,
        "token": invitation.token,
        "invitation": invitation.pk,
        "join_request": join_request.pk,
        "x_admin": x.memberships.get().pk,
        "confirm": confirm_token(x),
    }
    return World(people, values)
