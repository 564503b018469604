"""Access matrix rows for the knowledge base's reading part (see tests/knowledgebase/access_rows.py).

"We did this too" is for members of an approved initiative (`member` and `plain_member` of X,
`other_member` of Y); an empty POST shows the page again with the form's message (200). A draft
takes no adoptions: a 404 for everyone signed in.
"""

from tests.access import Row, for_signed_in, same_for_all
from tests.personas import PERSONAS

MEMBERS = {"member": 200, "plain_member": 200, "other_member": 200}

ROWS: dict[str, Row | list[Row]] = {
    "knowledgebase:adopt": [
        for_signed_in("/knowledge/{kb_published}/adopt/", 403, **MEMBERS).posting(),
        for_signed_in("/knowledge/{kb_draft}/adopt/", 404).posting(),
        same_for_all("/knowledge/{kb_published}/adopt/", 405),
    ],
    "knowledgebase:feed": same_for_all("/knowledge/feed/", 200),
    "knowledgebase:feed-atom": same_for_all("/knowledge/feed/atom/", 200),
    "knowledgebase:kind-feed": [
        same_for_all("/knowledge/feed/practice/", 200),
        same_for_all("/knowledge/feed/atlantis/", 404),
    ],
    "knowledgebase:theme-feed": [
        same_for_all("/knowledge/themes/{kb_theme}/feed/", 200),
        same_for_all("/knowledge/themes/atlantis/feed/", 404),
    ],
    # The portal's sitemap (omzien/sitemaps.py), filled by every app.
    "sitemap": same_for_all("/sitemap.xml", 200),
    "sitemap-section": [
        same_for_all("/sitemap-knowledge.xml", 200),
        same_for_all("/sitemap-initiatives.xml", 200),
        same_for_all("/sitemap-meetings.xml", 200),
        same_for_all("/sitemap-atlantis.xml", 404),
    ],
}
assert set(PERSONAS) >= set(MEMBERS)
