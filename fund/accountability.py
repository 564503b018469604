"""Accountability in proportion: what an initiative reports about a grant depends on its size.

Below FULL_REPORT_FROM_CENTS a short story and a photo; from it, also the spending per budget
line and the receipts. Every report has the figures of what the initiative did (people reached,
volunteers, volunteer hours). The report is due REPORT_DUE_MONTHS after the award.
"""

import calendar
from datetime import date
from typing import Any

from django.http import HttpRequest

from fund.models import Grant

FULL_REPORT_FROM_CENTS = 1_500_00
REPORT_DUE_MONTHS = 6


def needs_full_report(awarded_cents: int) -> bool:
    return awarded_cents >= FULL_REPORT_FROM_CENTS


def due_on(awarded_on: date) -> date:
    """When the report of a grant awarded on `awarded_on` is due."""
    months = awarded_on.month - 1 + REPORT_DUE_MONTHS
    year, month = awarded_on.year + months // 12, months % 12 + 1
    # 31 August + 6 months is the last day of February.
    return awarded_on.replace(
        year=year, month=month, day=min(awarded_on.day, calendar.monthrange(year, month)[1])
    )


def page_context(request: HttpRequest, grant: Grant) -> dict[str, Any]:
    """What the grant's page shows of its report (`fund/partials/_report_panel.html`); the
    reports part fills it. A constant number of queries."""
    return {}
