"""Words as the search compares them: lower case, accents folded, only letters and digits.

Nothing typed reaches PostgreSQL's tsquery syntax except words made of letters and digits.
"""

import re
import unicodedata

WORD = re.compile(r"[^\W_]+")
MAX_WORD_LENGTH = 40


def fold(text: str) -> str:
    """Lower case without accents: "Coöperatie" -> "cooperatie", "ideeën" -> "ideeen"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words_of(text: str) -> list[str]:
    """The folded words in `text`, each cut to a sane length."""
    return [word[:MAX_WORD_LENGTH] for word in WORD.findall(fold(text))]


def key_of(text: str) -> str:
    """How a thesaurus term and a typed word (or words) are compared: "Informele  zorg!" ->
    "informele zorg"."""
    return " ".join(words_of(text))
