"""Access matrix rows for the knowledge base's attachments part (see tests/knowledgebase/access_rows.py).

The attachments page is for the item's insiders (X's members and the coordinators, who may edit
it); a visitor logs in first, anyone else signed in is refused; a draft does not exist for
outsiders. A file is downloaded by whoever may see its item.
"""

from tests.access import Row, only, same_for_all
from tests.personas import PERSONAS

X_INSIDERS = {"member": 200, "plain_member": 200, "coordinator": 200}
X_INSIDERS_ACTED = dict.fromkeys(X_INSIDERS, 302)


def hidden(url: str, insiders: dict[str, int] = X_INSIDERS, method: str = "get") -> Row:
    """As access_rows.hidden (which imports this module): a 404 for all but X's insiders."""
    return Row(url, dict.fromkeys(PERSONAS, 404) | insiders, method)


ROWS: dict[str, Row | list[Row]] = {
    "knowledgebase:attachments": [
        only("/knowledge/{kb_published}/attachments/", X_INSIDERS),
        hidden("/knowledge/{kb_draft}/attachments/"),
        same_for_all("/knowledge/999999/attachments/", 404),
    ],
    "knowledgebase:attachment-delete": [
        only("/knowledge/{kb_published}/attachments/{kb_file}/delete/", X_INSIDERS_ACTED).posting(),
        hidden(
            "/knowledge/{kb_draft}/attachments/{kb_draft_file}/delete/",
            X_INSIDERS_ACTED,
            method="post",
        ),
        Row(
            "/knowledge/{kb_published}/attachments/{kb_file}/delete/",
            dict.fromkeys(PERSONAS, 405),
        ),
    ],
    "knowledgebase:attachment-file": [
        same_for_all("/knowledge/files/{kb_file}/{kb_file_name}", 200),
        # Another name: sent to the right one.
        same_for_all("/knowledge/files/{kb_file}/other.pdf", 302),
        hidden("/knowledge/files/{kb_draft_file}/{kb_draft_file_name}"),
    ],
}
