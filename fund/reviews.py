"""Reviews of an application by the committee (the reviews part fills this module).

`page_context(request, application)` is what the application's page shows of them
(`fund/partials/_review_panel.html`): for the committee, their own review and, once theirs is
submitted, the others'; nothing for anyone else. A constant number of queries.
"""

from typing import Any

from django.http import HttpRequest

from fund.models import Application


def page_context(request: HttpRequest, application: Application) -> dict[str, Any]:
    return {}
