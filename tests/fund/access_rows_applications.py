"""Access matrix rows for the applications part (see tests/fund/access_rows.py).

A draft exists only for X's members (`hidden`: a 404 for everyone else, the committee and the
treasurers too); a submitted application is also seen by the committee, the treasurers and the
members of a co-applying initiative (Y, `other_member`); a visitor logs in first, anyone else
signed in is refused. Only X's members change, submit and withdraw X's applications, and manage
their attachments. Anyone signed in may open the apply page: with an initiative it is the form,
without one it says how to join or register one.
"""

from tests.access import Row, for_signed_in, only, same_for_all
from tests.personas import PERSONAS

X_MEMBERS = {"member": 200, "plain_member": 200}
X_MEMBERS_SENT_ON = {"member": 302, "plain_member": 302}
X_MEMBERS_REFUSED_INPUT = {"member": 400, "plain_member": 400}
INSIDERS = X_MEMBERS | {"fund_committee": 200, "treasurer": 200}


def hidden(url: str, insiders: dict[str, int] = X_MEMBERS, method: str = "get") -> Row:
    return Row(url, dict.fromkeys(PERSONAS, 404) | insiders, method)


ROWS: dict[str, Row | list[Row]] = {
    "fund:apply": [
        for_signed_in("/fund/rounds/{fund_round}/apply/"),
        # An empty form: refused where it is a form (X's and Y's members), the explanation for
        # people without an initiative; nothing is made.
        Row(
            "/fund/rounds/{fund_round}/apply/",
            dict.fromkeys(PERSONAS, 200)
            | X_MEMBERS_REFUSED_INPUT
            | {"other_member": 400, "visitor": 302},
            "post",
        ),
        for_signed_in("/fund/rounds/{fund_closed_round}/apply/"),
        for_signed_in("/fund/rounds/{fund_closed_round}/apply/").posting(),
        same_for_all("/fund/rounds/no-such-round/apply/", 404),
    ],
    "fund:my-applications": for_signed_in("/fund/applications/"),
    "fund:application": [
        hidden("/fund/applications/{fund_draft}/"),
        hidden("/fund/applications/{fund_draft_with_y}/"),
        only("/fund/applications/{fund_submitted}/", INSIDERS),
        only("/fund/applications/{fund_together}/", INSIDERS | {"other_member": 200}),
        only("/fund/applications/{fund_awarded}/", INSIDERS),
        same_for_all("/fund/applications/999999/", 404),
    ],
    "fund:application-edit": [
        hidden("/fund/applications/{fund_draft}/edit/"),
        hidden("/fund/applications/{fund_draft}/edit/", X_MEMBERS_REFUSED_INPUT, "post"),
        only("/fund/applications/{fund_submitted}/edit/", X_MEMBERS),
        only("/fund/applications/{fund_together}/edit/", X_MEMBERS),
        # Decided: X's members are sent back to the page, which says why.
        only("/fund/applications/{fund_awarded}/edit/", X_MEMBERS_SENT_ON),
    ],
    "fund:application-submit": [
        hidden("/fund/applications/{fund_draft}/submit/"),
        hidden("/fund/applications/{fund_draft}/submit/", X_MEMBERS_SENT_ON, "post"),
        only("/fund/applications/{fund_submitted}/submit/", X_MEMBERS_SENT_ON),
        only("/fund/applications/{fund_submitted}/submit/", X_MEMBERS_SENT_ON).posting(),
    ],
    "fund:application-withdraw": [
        hidden("/fund/applications/{fund_draft}/withdraw/"),
        hidden("/fund/applications/{fund_draft}/withdraw/", X_MEMBERS_SENT_ON, "post"),
        only("/fund/applications/{fund_submitted}/withdraw/", X_MEMBERS),
        only("/fund/applications/{fund_submitted}/withdraw/", X_MEMBERS_SENT_ON).posting(),
        only("/fund/applications/{fund_awarded}/withdraw/", X_MEMBERS_SENT_ON).posting(),
    ],
    "fund:application-revisions": [
        hidden("/fund/applications/{fund_draft}/revisions/"),
        only("/fund/applications/{fund_submitted}/revisions/", INSIDERS),
        only(
            "/fund/applications/{fund_together}/revisions/?from=1&to=1",
            INSIDERS | {"other_member": 200},
        ),
    ],
    "fund:application-attachments": [
        hidden("/fund/applications/{fund_draft}/attachments/"),
        hidden("/fund/applications/{fund_draft}/attachments/", X_MEMBERS_REFUSED_INPUT, "post"),
        only("/fund/applications/{fund_submitted}/attachments/", X_MEMBERS),
        only("/fund/applications/{fund_awarded}/attachments/", X_MEMBERS_SENT_ON),
    ],
    "fund:application-attachment-delete": [
        hidden(
            "/fund/applications/{fund_draft}/attachments/{fund_draft_file}/delete/",
            X_MEMBERS_SENT_ON,
            "post",
        ),
        only(
            "/fund/applications/{fund_submitted}/attachments/{fund_file}/delete/",
            X_MEMBERS_SENT_ON,
        ).posting(),
        Row(
            "/fund/applications/{fund_submitted}/attachments/{fund_file}/delete/",
            dict.fromkeys(PERSONAS, 405),
        ),
    ],
    "fund:application-file": [
        hidden("/fund/files/applications/{fund_draft_file}/{fund_draft_file_name}"),
        only("/fund/files/applications/{fund_file}/{fund_file_name}", INSIDERS),
        # Another name: sent to the right one (for whoever may see it).
        only(
            "/fund/files/applications/{fund_file}/other.pdf",
            dict.fromkeys(INSIDERS, 302),
        ),
        same_for_all("/fund/files/applications/999999/x.pdf", 404),
    ],
}
