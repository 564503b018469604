"""Access matrix rows for the knowledge base, one file per part of it.

The shared objects (tests/knowledgebase/world.py): `kb_published` is a published practice of X,
`kb_draft` a draft of X, `kb_submitted` one of X waiting for review, `kb_rejected` a rejected one
of X, `kb_question` a published research question, `kb_network_question` a published question to
the network asked by `person`.
"""

from tests.access import Row, same_for_all
from tests.knowledgebase import (
    access_rows_agenda,
    access_rows_attachments,
    access_rows_contribute,
    access_rows_portal,
    access_rows_reading,
    access_rows_search,
)
from tests.personas import PERSONAS

# Drafts and rejected items exist only for X's members and the coordinators.
X_INSIDERS = {"member": 200, "plain_member": 200, "coordinator": 200}


def hidden(url: str, insiders: dict[str, int] = X_INSIDERS, method: str = "get") -> Row:
    return Row(url, dict.fromkeys(PERSONAS, 404) | insiders, method)


ROWS: dict[str, Row | list[Row]] = (
    {
        "knowledgebase:detail": [
            same_for_all("/knowledge/{kb_published}/{kb_published_slug}/", 200),
            same_for_all("/knowledge/{kb_published}/an-old-title/", 301),
            hidden("/knowledge/{kb_draft}/{kb_draft_slug}/"),
            hidden("/knowledge/{kb_rejected}/{kb_rejected_slug}/"),
        ],
        "knowledgebase:permalink": [
            same_for_all("/knowledge/{kb_published}/", 301),
            hidden("/knowledge/{kb_draft}/", X_INSIDERS | dict.fromkeys(X_INSIDERS, 301)),
        ],
    }
    | access_rows_search.ROWS
    | access_rows_contribute.ROWS
    | access_rows_attachments.ROWS
    | access_rows_reading.ROWS
    | access_rows_agenda.ROWS
    | access_rows_portal.ROWS
)
