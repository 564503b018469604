"""Access matrix rows for reports (tests/fund/world_reports.py): the initiative's members write
the report, the committee and treasurers read it, the committee reviews it; receipts exist only
for them; what the network does is public."""

from tests.access import Row, only, same_for_all
from tests.personas import PERSONAS

READERS = {"member": 200, "plain_member": 200, "fund_committee": 200, "treasurer": 200}


ROWS: dict[str, Row | list[Row]] = {
    "fund:report": [
        only("/fund/grants/{fund_reported_grant}/report/", READERS),
        only("/fund/grants/{fund_grant}/report/", READERS),
        # Submitted: the members are told it can no longer change; nobody else may write.
        Row(
            "/fund/grants/{fund_reported_grant}/report/",
            dict.fromkeys(PERSONAS, 403) | {"visitor": 302, "member": 302, "plain_member": 302},
            "post",
        ),
    ],
    "fund:report-review": [
        only("/fund/grants/{fund_reported_grant}/report/review/", {"fund_committee": 200}),
        # An empty decision comes back with its message.
        Row(
            "/fund/grants/{fund_reported_grant}/report/review/",
            dict.fromkeys(PERSONAS, 403) | {"visitor": 302, "fund_committee": 200},
            "post",
        ),
    ],
    "fund:receipt-file": [
        only(
            "/fund/files/receipts/{fund_receipt}/{fund_receipt_name}",
            READERS,
            others=404,
        ),
        only("/fund/files/receipts/999999/bon.pdf", {}, others=404),
    ],
    "fund:impact": same_for_all("/fund/impact/", 200),
}
