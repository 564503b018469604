"""Payouts with four eyes (the payouts part fills this module).

`page_context(request, grant)` is what the grant's page shows of them
(`fund/partials/_payouts_panel.html`). A constant number of queries.
"""

from typing import Any

from django.http import HttpRequest

from fund.models import Grant


def page_context(request: HttpRequest, grant: Grant) -> dict[str, Any]:
    return {}
