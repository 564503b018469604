"""Access matrix rows of the decisions part: the committee's page, ties, reviewing, deciding and
the public decision lists (objects in tests/fund/world.py and world_decisions.py).

Who may know an application exists: a submitted one is seen by the applying initiative's members
and by the committee and treasurers (others get a 404); reviewing and deciding is for the
committee alone (403 for the rest who see it), and never for a member with a conflict: the
`fund_committee` persona declared a tie to Y, so Y's application (`fund_recused`) gets a 403.
"""

from tests.access import Row, only, same_for_all
from tests.personas import PERSONAS


def committee_action(url: str, *, applicants: tuple[str, ...], committee: int = 200) -> Row:
    """An application's review or decision page: the committee `committee`; the applicants and
    treasurers see the application but may not act (403); everyone else does not know it (404);
    a visitor logs in first."""
    expected = dict.fromkeys(PERSONAS, 404) | {"visitor": 302, "treasurer": 403}
    expected |= dict.fromkeys(applicants, 403) | {"fund_committee": committee}
    return Row(url, expected)


X_APPLICANTS = ("member", "plain_member")
Y_APPLICANTS = ("other_member",)
# Draft applications: only X's members know them, and they do not review.
DRAFT = dict.fromkeys(PERSONAS, 404) | {"visitor": 302, "member": 403, "plain_member": 403}

ROWS: dict[str, Row | list[Row]] = {
    "fund:committee": only("/fund/committee/", {"fund_committee": 200}),
    "fund:ties": [
        only("/fund/ties/", {"fund_committee": 200, "treasurer": 200}),
        # An empty declaration: the form again, with its messages.
        only("/fund/ties/", {"fund_committee": 200, "treasurer": 200}).posting(),
    ],
    "fund:tie-end": [
        same_for_all("/fund/ties/{fund_tie}/end/", 405),
        # Someone else's tie does not exist for a treasurer.
        only("/fund/ties/{fund_tie}/end/", {"fund_committee": 302, "treasurer": 404}).posting(),
        only("/fund/ties/999999/end/", {"fund_committee": 404, "treasurer": 404}).posting(),
    ],
    "fund:review": [
        committee_action("/fund/applications/{fund_submitted}/review/", applicants=X_APPLICANTS),
        committee_action(
            "/fund/applications/{fund_submitted}/review/", applicants=X_APPLICANTS, committee=302
        ).posting(),
        committee_action(
            "/fund/applications/{fund_recused}/review/", applicants=Y_APPLICANTS, committee=403
        ),
        committee_action(
            "/fund/applications/{fund_recused}/review/", applicants=Y_APPLICANTS, committee=403
        ).posting(),
        Row("/fund/applications/{fund_draft}/review/", DRAFT),
        Row("/fund/applications/999999/review/", dict.fromkeys(PERSONAS, 404) | {"visitor": 302}),
    ],
    "fund:decide": [
        committee_action("/fund/applications/{fund_ready}/decide/", applicants=X_APPLICANTS),
        # An empty decision: the form again, with its messages.
        committee_action(
            "/fund/applications/{fund_ready}/decide/", applicants=X_APPLICANTS
        ).posting(),
        # Not enough reviews yet: the page says so.
        committee_action("/fund/applications/{fund_submitted}/decide/", applicants=X_APPLICANTS),
        committee_action(
            "/fund/applications/{fund_recused}/decide/", applicants=Y_APPLICANTS, committee=403
        ),
        committee_action(
            "/fund/applications/{fund_recused}/decide/", applicants=Y_APPLICANTS, committee=403
        ).posting(),
        Row("/fund/applications/{fund_draft}/decide/", DRAFT),
    ],
    "fund:decisions": [
        same_for_all("/fund/rounds/{fund_round}/decisions/", 200),
        same_for_all("/fund/rounds/no-such-round/decisions/", 404),
    ],
    "fund:decisions-json": [
        same_for_all("/fund/rounds/{fund_round}/decisions.json", 200),
        same_for_all("/fund/rounds/no-such-round/decisions.json", 404),
    ],
    "fund:decisions-csv": same_for_all("/fund/rounds/{fund_round}/decisions.csv", 200),
}
