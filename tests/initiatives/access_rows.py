"""Access matrix rows for the initiative directory (see tests/world.py for X, Y and P).

`member` is X's admin, `plain_member` a member of X without the admin role.
"""

from tests.access import Row, for_signed_in, only, same_for_all
from tests.personas import PERSONAS

# What X's admin and the coordinators may do; and what every member of X may do.
X_ADMIN = {"member": 200, "coordinator": 200}
X_ADMIN_ACTED = {"member": 302, "coordinator": 302}
X_MEMBER = X_ADMIN | {"plain_member": 200}
X_MEMBER_ACTED = X_ADMIN_ACTED | {"plain_member": 302}


def _pending(url: str, *, insiders: int = 200, outsiders: int = 404, visitor: int = 404) -> Row:
    """P is pending: only its member and the coordinators know it exists."""
    expected = dict.fromkeys(PERSONAS, outsiders) | {"visitor": visitor}
    return Row(url, expected | {"member": insiders, "coordinator": insiders})


ROWS: dict[str, Row | list[Row]] = {
    "initiatives:directory": same_for_all("/initiatives/", 200),
    "initiatives:map": same_for_all("/initiatives/map/", 200),
    "initiatives:map-data": same_for_all("/initiatives/map.json", 200),
    "initiatives:export-csv": same_for_all("/initiatives/export.csv", 200),
    "initiatives:white-spots": same_for_all("/initiatives/white-spots/", 200),
    "initiatives:listings": same_for_all("/initiatives/needs-and-offers/", 200),
    "initiatives:manage-listings": only("/initiatives/{x}/needs-and-offers/", X_MEMBER),
    "initiatives:edit-listing": only("/initiatives/{x}/needs-and-offers/{need}/edit/", X_MEMBER),
    "initiatives:delete-listing": only(
        "/initiatives/{x}/needs-and-offers/{need}/delete/", X_MEMBER_ACTED
    ).posting(),
    "initiatives:register": for_signed_in("/initiatives/register/"),
    "initiatives:review-queue": only("/initiatives/review/", {"coordinator": 200}),
    "initiatives:approve": only("/initiatives/{p}/approve/", {"coordinator": 302}).posting(),
    "initiatives:reject": only("/initiatives/{p}/reject/", {"coordinator": 200}),
    "initiatives:archive": [
        only("/initiatives/{x}/archive/", X_ADMIN),
        # Only an approved initiative can be archived; a pending one is reviewed instead.
        _pending("/initiatives/{p}/archive/", insiders=403, visitor=302),
    ],
    "initiatives:members": only("/initiatives/{x}/members/", X_MEMBER),
    # An empty invitation form comes back with its error on the same page.
    "initiatives:invite": only("/initiatives/{x}/members/invite/", X_ADMIN).posting(),
    "initiatives:resend-invitation": only(
        "/initiatives/{x}/members/invitations/{invitation}/resend/", X_ADMIN_ACTED
    ).posting(),
    "initiatives:withdraw-invitation": only(
        "/initiatives/{x}/members/invitations/{invitation}/withdraw/", X_ADMIN_ACTED
    ).posting(),
    # The sole admin cannot be removed: sent back to the member list with the reason.
    "initiatives:remove-member": [
        only("/initiatives/{x}/members/{x_admin}/remove/", X_ADMIN_ACTED).posting(),
        # Anyone may leave; only admins and coordinators may remove someone else.
        only("/initiatives/{x}/members/{x_plain}/remove/", X_MEMBER_ACTED).posting(),
    ],
    "initiatives:change-role": only(
        "/initiatives/{x}/members/{x_admin}/role/", X_ADMIN_ACTED
    ).posting(),
    # Members have nothing to ask; a pending initiative takes no requests.
    "initiatives:join": [
        for_signed_in("/initiatives/{x}/join/", member=403, plain_member=403),
        _pending("/initiatives/{p}/join/", insiders=403, visitor=302),
    ],
    "initiatives:answer-join-request": only(
        "/initiatives/{x}/join-requests/{join_request}/answer/", X_ADMIN_ACTED
    ).posting(),
    "initiatives:invitation": for_signed_in("/initiatives/invitations/{token}/"),
    # Only an initiative without a team can be claimed; the coordinators answer.
    "initiatives:claim": [
        for_signed_in("/initiatives/{t}/claim/"),
        for_signed_in("/initiatives/{x}/claim/", 403),
        _pending("/initiatives/{p}/claim/", insiders=403, visitor=302),
    ],
    "initiatives:confirm-claim": only(
        "/initiatives/{t}/claims/{claim}/confirm/", {"coordinator": 302}
    ).posting(),
    "initiatives:decline-claim": only(
        "/initiatives/{t}/claims/{claim}/decline/", {"coordinator": 200}
    ),
    "initiatives:detail": [
        same_for_all("/initiatives/{x}/", 200),
        _pending("/initiatives/{p}/"),
        same_for_all("/initiatives/no-such-initiative/", 404),
    ],
    "initiatives:edit": [
        only("/initiatives/{x}/edit/", X_MEMBER),
        _pending("/initiatives/{p}/edit/", visitor=302),
    ],
    "initiatives:history": only("/initiatives/{x}/history/", {"coordinator": 200}),
    "initiatives:contact": [
        same_for_all("/initiatives/{x}/contact/", 200),
        _pending("/initiatives/{p}/contact/", insiders=404),
    ],
    "initiatives:confirm-current": [
        same_for_all("/initiatives/{x}/confirm/{confirm}/", 200),
        same_for_all("/initiatives/{x}/confirm/forged-token/", 404),
    ],
}
