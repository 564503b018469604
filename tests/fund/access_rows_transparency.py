"""Access matrix rows of the transparency part (fund/views/transparency.py): the grants, a
grant's page and the downloads are public, the same for everyone; they only read."""

from tests.access import Row, same_for_all
from tests.personas import PERSONAS

ROWS: dict[str, Row | list[Row]] = {
    "fund:grants": [
        same_for_all("/fund/grants/", 200),
        same_for_all("/fund/grants/?municipality=utrecht&year=nonsense&page=9", 200),
        Row("/fund/grants/", dict.fromkeys(PERSONAS, 405), "post"),
    ],
    "fund:grant": [
        same_for_all("/fund/grants/{fund_grant}/", 200),
        # A grant that does not exist (only awarded applications are grants).
        same_for_all("/fund/grants/999999/", 404),
    ],
    "fund:grants-csv": same_for_all("/fund/grants.csv?funder={fund_funder}", 200),
    "fund:grants-json": same_for_all("/fund/grants.json?round={fund_round}", 200),
}
