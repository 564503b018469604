"""Access matrix rows for the initiative directory (see tests/world.py for X, Y and P)."""

from tests.access import Row, for_signed_in, only, same_for_all
from tests.personas import PERSONAS

X_MEMBER = {"member": 200, "coordinator": 200}
X_MEMBER_ACTED = {"member": 302, "coordinator": 302}


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
    "initiatives:delete-listing": only(
        "/initiatives/{x}/needs-and-offers/{need}/delete/", X_MEMBER_ACTED
    ).posting(),
    "initiatives:register": for_signed_in("/initiatives/register/"),
    "initiatives:review-queue": only("/initiatives/review/", {"coordinator": 200}),
    "initiatives:approve": only("/initiatives/{p}/approve/", {"coordinator": 302}).posting(),
    "initiatives:reject": only("/initiatives/{p}/reject/", {"coordinator": 200}),
    "initiatives:archive": only("/initiatives/{x}/archive/", X_MEMBER),
    "initiatives:members": only("/initiatives/{x}/members/", X_MEMBER),
    # An empty invitation form comes back with its error on the same page.
    "initiatives:invite": only("/initiatives/{x}/members/invite/", X_MEMBER).posting(),
    "initiatives:resend-invitation": only(
        "/initiatives/{x}/members/invitations/{invitation}/resend/", X_MEMBER_ACTED
    ).posting(),
    "initiatives:withdraw-invitation": only(
        "/initiatives/{x}/members/invitations/{invitation}/withdraw/", X_MEMBER_ACTED
    ).posting(),
    # The sole admin cannot be removed: sent back to the member list with the reason.
    "initiatives:remove-member": only(
        "/initiatives/{x}/members/{x_admin}/remove/", X_MEMBER_ACTED
    ).posting(),
    "initiatives:change-role": only(
        "/initiatives/{x}/members/{x_admin}/role/", X_MEMBER_ACTED
    ).posting(),
    "initiatives:join": [
        for_signed_in("/initiatives/{x}/join/"),
        _pending("/initiatives/{p}/join/", visitor=302),
    ],
    "initiatives:answer-join-request": only(
        "/initiatives/{x}/join-requests/{join_request}/answer/", X_MEMBER_ACTED
    ).posting(),
    "initiatives:invitation": for_signed_in("/initiatives/invitations/{token}/"),
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
