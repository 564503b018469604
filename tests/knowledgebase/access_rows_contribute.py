"""Access matrix rows for the knowledge base's contribute part (see tests/knowledgebase/access_rows.py).

`member` is X's admin and `plain_member` a member of X; `other_member` is Y's admin; `person`
belongs to no initiative. world_contribute.py adds `kb_versioned`, a published practice of X with
two versions.
"""

from tests.access import Row, for_signed_in, only, same_for_all
from tests.personas import PERSONAS

# Members of an approved initiative contribute, and coordinators.
CONTRIBUTORS = {"member": 200, "plain_member": 200, "other_member": 200, "coordinator": 200}
X_EDITORS = {"member": 200, "plain_member": 200, "coordinator": 200}
X_INSIDERS = X_EDITORS
X_ACTED = {"member": 302, "plain_member": 302, "coordinator": 302}


def _hidden(url: str, insiders: dict[str, int], method: str = "get") -> Row:
    """A draft or one waiting for review: a 404 for all but X's members and the coordinators."""
    return Row(url, dict.fromkeys(PERSONAS, 404) | insiders, method)


ROWS: dict[str, Row | list[Row]] = {
    "knowledgebase:new": only("/knowledge/new/", CONTRIBUTORS),
    "knowledgebase:create": [
        only("/knowledge/new/practice/", CONTRIBUTORS),
        only("/knowledge/new/document/", CONTRIBUTORS),
        only("/knowledge/new/research_question/", CONTRIBUTORS),
        same_for_all("/knowledge/new/meeting_report/", 404),
    ],
    "knowledgebase:mine": for_signed_in("/knowledge/mine/"),
    "knowledgebase:moderation": only("/knowledge/moderation/", {"coordinator": 200}),
    "knowledgebase:edit": [
        only("/knowledge/{kb_published}/edit/", X_EDITORS),
        _hidden("/knowledge/{kb_draft}/edit/", X_EDITORS),
        # A rejected item stays as it is; only a coordinator changes it.
        _hidden(
            "/knowledge/{kb_rejected}/edit/",
            {"member": 403, "plain_member": 403, "coordinator": 200},
        ),
    ],
    "knowledgebase:submit": [
        _hidden("/knowledge/{kb_draft}/submit/", X_ACTED, method="post"),
        # Sent already: nothing happens, back to the item.
        _hidden("/knowledge/{kb_submitted}/submit/", X_ACTED, method="post"),
        Row("/knowledge/{kb_draft}/submit/", dict.fromkeys(PERSONAS, 405)),
    ],
    "knowledgebase:moderate": [
        _hidden(
            "/knowledge/{kb_submitted}/moderate/",
            {"member": 403, "plain_member": 403, "coordinator": 200},
        ),
        # An empty decision: the form comes back with the problem.
        _hidden(
            "/knowledge/{kb_submitted}/moderate/",
            {"member": 403, "plain_member": 403, "coordinator": 200},
            method="post",
        ),
        only("/knowledge/{kb_published}/moderate/", {"coordinator": 200}),
    ],
    "knowledgebase:history": [
        same_for_all("/knowledge/{kb_versioned}/history/", 200),
        _hidden("/knowledge/{kb_draft}/history/", X_INSIDERS),
    ],
    "knowledgebase:compare": [
        same_for_all(
            "/knowledge/{kb_versioned}/history/compare/?from={kb_version_old}&to={kb_version_new}",
            200,
        ),
        same_for_all("/knowledge/{kb_versioned}/history/compare/", 200),
        # A version of another item does not exist here.
        same_for_all(
            "/knowledge/{kb_published}/history/compare/?from={kb_version_old}&to={kb_version_new}",
            404,
        ),
        _hidden("/knowledge/{kb_draft}/history/compare/", X_INSIDERS),
    ],
    "knowledgebase:restore": [
        only(
            "/knowledge/{kb_versioned}/history/{kb_version_old}/restore/", {"coordinator": 302}
        ).posting(),
        Row(
            "/knowledge/{kb_versioned}/history/{kb_version_old}/restore/",
            dict.fromkeys(PERSONAS, 405),
        ),
    ],
}
