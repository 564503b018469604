"""Access matrix rows for the knowledge base's agenda part (see tests/knowledgebase/access_rows.py).

The agenda and the questions are public. Asking takes an account. Answering is for members of an
approved initiative (`member`, `plain_member` of X, `other_member` of Y) and coordinators; an
empty answer is shown again with its errors (200). The asker (`person`) and coordinators mark the
answer that helped; its author (`member`) and coordinators remove it. A question that is not
published, and a removed answer, do not exist for anyone.
"""

from tests.access import Row, for_signed_in, only, same_for_all
from tests.personas import PERSONAS

ANSWERERS = {"member": 200, "plain_member": 200, "other_member": 200, "coordinator": 200}


def _post(url: str, allowed: dict[str, int]) -> Row:
    return only(url, allowed).posting()


def _gone(url: str) -> Row:
    return Row(url, dict.fromkeys(PERSONAS, 404) | {"visitor": 302}, "post")


ROWS: dict[str, Row | list[Row]] = {
    "knowledgebase:agenda": same_for_all("/knowledge/agenda/", 200),
    "knowledgebase:questions": [
        same_for_all("/knowledge/questions/", 200),
        same_for_all("/knowledge/questions/?page=999", 200),
    ],
    "knowledgebase:ask": for_signed_in("/knowledge/questions/ask/"),
    "knowledgebase:answer": [
        _post("/knowledge/{kb_network_question}/answer/", ANSWERERS),
        for_signed_in("/knowledge/{kb_network_question}/answer/", 405),
        _gone("/knowledge/{kb_draft_question}/answer/"),
        # A research question is not answered here.
        _gone("/knowledge/{kb_question}/answer/"),
    ],
    "knowledgebase:answer-helped": [
        _post("/knowledge/answers/{kb_answer}/helped/", {"person": 302, "coordinator": 302}),
        for_signed_in("/knowledge/answers/{kb_answer}/helped/", 405),
        _gone("/knowledge/answers/{kb_removed_answer}/helped/"),
        _gone("/knowledge/answers/{kb_hidden_answer}/helped/"),
    ],
    "knowledgebase:answer-remove": [
        _post("/knowledge/answers/{kb_answer}/remove/", {"member": 302, "coordinator": 302}),
        for_signed_in("/knowledge/answers/{kb_answer}/remove/", 405),
        _gone("/knowledge/answers/{kb_removed_answer}/remove/"),
        _gone("/knowledge/answers/{kb_hidden_answer}/remove/"),
    ],
}
