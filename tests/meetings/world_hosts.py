"""Objects the hosts rows of the access matrix need (see tests/world.py): a host capability for
X, an open offer by X (made by `member`), and a held one that can no longer be withdrawn."""

from accounts.models import User
from initiatives.models import Initiative
from meetings.models import HostOffer
from tests.meetings.factories import HostCapabilityFactory, HostOfferFactory


def build(people: dict[str, User], values: dict[str, object]) -> dict[str, object]:
    x = Initiative.objects.get(slug=values["x"])
    HostCapabilityFactory(initiative=x)
    offer = HostOfferFactory(initiative=x, offered_by=people["member"])
    held = HostOfferFactory(initiative=x, status=HostOffer.Status.HELD)
    return {"x_offer": offer.pk, "x_held_offer": held.pk}
