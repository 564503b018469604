"""A small, fixed world for the access matrix: the personas and the initiatives they belong to.

- `member` is the admin of the approved initiative X and of the pending initiative P;
- `plain_member` is a member of X, not an admin;
- `other_member` is the admin of the approved initiative Y;
- X has a need and an offer, an open invitation and a join request from `person`;
- T is approved and has no team; `person` has claimed it ("this is our initiative").
"""

from dataclasses import dataclass, field

from accounts.models import User
from initiatives.membership import invite_member
from initiatives.models import Claim, Initiative, Invitation, JoinRequest, Listing, Membership
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
    Membership.objects.create(initiative=x, user=people["plain_member"])
    y = InitiativeFactory(name="Samen Y", slug="y", admin=people["other_member"])
    pending = InitiativeFactory(
        name="Nieuw P", slug="p", status=Initiative.Status.PENDING, admin=people["member"]
    )
    without_team = InitiativeFactory(name="Zonder team T", slug="t")
    claim = Claim.objects.create(initiative=without_team, user=people["person"], message="Ik")
    need = ListingFactory(initiative=x, kind=Listing.Kind.NEED)
    ListingFactory(initiative=y, kind=Listing.Kind.OFFER)
    invitation: Invitation = invite_member(x, by=people["member"], email="gast@example.nl")
    join_request = JoinRequest.objects.create(initiative=x, user=people["person"])
    values = {
        "x": x.slug,
        "y": y.slug,
        "p": pending.slug,
        "t": without_team.slug,
        "claim": claim.pk,
        "need": need.pk,
        "token": invitation.token,
        "invitation": invitation.pk,
        "join_request": join_request.pk,
        "x_admin": x.memberships.get(role=Membership.Role.ADMIN).pk,
        "x_plain": x.memberships.get(role=Membership.Role.MEMBER).pk,
        "confirm": confirm_token(x),
    }
    from tests.meetings.world import build as build_meetings

    values |= build_meetings(people, values)
    from tests.knowledgebase.world import build as build_knowledgebase

    values |= build_knowledgebase(people, values)
    from tests.fund.world import build as build_fund

    values |= build_fund(people, values)
    return World(people, values)
