"""Access matrix rows for the meetings app's hosts pages (see tests/meetings/access_rows.py).

X is approved (`member` its admin, `plain_member` a member), P is pending (`member` its admin);
world_hosts.py gives X a host capability, an open offer and a held one.
"""

from tests.access import Row, only
from tests.personas import PERSONAS

X_MEMBER = {"member": 200, "plain_member": 200}
X_MEMBER_ACTED = {"member": 302, "plain_member": 302}


def _pending(url: str, *, insiders: int, method: str = "get") -> Row:
    """P is pending: only its member and the coordinators know it exists."""
    expected = dict.fromkeys(PERSONAS, 404) | {"member": insiders, "coordinator": insiders}
    return Row(url, expected | {"visitor": 302}, method)


ROWS: dict[str, Row | list[Row]] = {
    # Members keep what X can offer as host; coordinators may help.
    "meetings:host-capability": [
        only("/meetings/hosts/{x}/", X_MEMBER | {"coordinator": 200}),
        _pending("/meetings/hosts/{p}/", insiders=200),
    ],
    "meetings:host-capability-confirm": only(
        "/meetings/hosts/{x}/confirm/", X_MEMBER_ACTED | {"coordinator": 302}
    ).posting(),
    # Only a member of an approved initiative offers it as host (not a coordinator for it).
    "meetings:offer": [
        only("/meetings/hosts/{x}/offer/", X_MEMBER),
        _pending("/meetings/hosts/{p}/offer/", insiders=403),
    ],
    # The initiative withdraws its own open offer; coordinators decline instead. A held offer
    # cannot be withdrawn: back to the page with the reason.
    "meetings:offer-withdraw": [
        only("/meetings/hosts/{x}/offers/{x_offer}/withdraw/", X_MEMBER_ACTED).posting(),
        only(
            "/meetings/hosts/{x}/offers/{x_held_offer}/withdraw/",
            X_MEMBER_ACTED | {"coordinator": 302},
        ).posting(),
    ],
    # Every offer, and the steps on it: the coordinators.
    "meetings:offers": only("/meetings/offers/", {"coordinator": 200}),
    "meetings:offer-move": only("/meetings/offers/{x_offer}/move/", {"coordinator": 302}).posting(),
    "meetings:offer-meeting": only(
        "/meetings/offers/{x_offer}/meeting/", {"coordinator": 302}
    ).posting(),
}
