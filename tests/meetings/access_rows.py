"""Access matrix rows for the meetings app, one file per part of it."""

from tests.access import Row
from tests.meetings import (
    access_rows_finding,
    access_rows_hosts,
    access_rows_organise,
    access_rows_registration,
    access_rows_rotation,
)

ROWS: dict[str, Row | list[Row]] = (
    access_rows_finding.ROWS
    | access_rows_hosts.ROWS
    | access_rows_organise.ROWS
    | access_rows_registration.ROWS
    | access_rows_rotation.ROWS
)
