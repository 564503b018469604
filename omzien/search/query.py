"""What a person typed, as a condition and a rank over a model's two search vectors.

The syntax is that of a web search engine: words must all be found (AND); "words in quotes" must
be found in that order; -word leaves out what has the word; `or` between two words finds either.
Each word is found
- by its stem in the stemmed vector ("buurten" finds "buurt"),
- together with the other words of its word groups (the thesaurus: "initiatief" also finds
  "initiatieven" and "bewonersinitiatief"; "informele zorg" also finds "mantelzorg"),
- and, when no word group knows it, as the start of a longer word in the prefix vector ("moes"
  finds "moestuin", "Zuil" finds "Zuilen"), for words of at least MIN_PREFIX_LENGTH letters. A word
  a group knows is a whole word, and its group names the longer words that matter: so "buurt"
  is not also every "buurt..." word, which would match most of the directory and make
  PostgreSQL read the whole table instead of using the indexes (bench/search_plans.py).
Stop words ("de", "het", "voor") are left out; a search of only stop words says so.

    search = parse_search("eenzaamheid -Utrecht")
    Model.objects.filter(search.condition()).annotate(rank=search.rank())

One query looks up stop words and word groups (omzien.search.thesaurus); building the condition
and the rank takes none.
"""

import re
from dataclasses import dataclass
from functools import reduce
from typing import TYPE_CHECKING, Any

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import Expression, F, Q

from omzien.search.highlight import START, STOP
from omzien.search.thesaurus import Lookup, look_up
from omzien.search.vectors import CONFIG
from omzien.search.words import words_of

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler

MAX_TERMS = 8
MIN_PREFIX_LENGTH = 3
LONGEST_GROUP_TERM = 4  # words in a row that may together be one term of a word group
VECTOR = "search_vector"
PREFIX_VECTOR = "search_prefix_vector"

TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
OR = "or"


class Lexemes(SearchQuery):
    """A tsquery whose words PostgreSQL has already stemmed (omzien.search.thesaurus), taken as
    it is: stemming a stem again can change it."""

    def __init__(self, tsquery: str) -> None:
        super().__init__(tsquery, search_type="raw")

    def as_sql(
        self,
        compiler: "SQLCompiler",
        connection: "BaseDatabaseWrapper",
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> tuple[str, Any]:
        return super().as_sql(compiler, connection, template="(%(expressions)s)::tsquery")


@dataclass(frozen=True)
class Term:
    """One thing to find: a word, or words in this order."""

    words: tuple[str, ...]
    negated: bool = False
    stemmed: str = ""  # tsquery text for the stemmed vector: the term or any of its variants
    own: str = ""  # the same for the term alone, as typed: it ranks above its variants
    is_known: bool = False  # a word group has it

    @property
    def key(self) -> str:
        return " ".join(self.words)

    @property
    def can_be_a_prefix(self) -> bool:
        return (
            len(self.words) == 1 and len(self.words[0]) >= MIN_PREFIX_LENGTH and not self.is_known
        )

    def prefix(self) -> str:
        """tsquery text for the prefix vector; the word is only letters and digits."""
        return f"'{self.words[0]}':*"


@dataclass(frozen=True)
class Search:
    text: str
    # AND of clauses, each clause an OR of terms.
    clauses: tuple[tuple[Term, ...], ...] = ()
    stop_words: tuple[str, ...] = ()  # the stop words typed, which were left out
    only_stop_words: bool = False

    @property
    def is_empty(self) -> bool:
        """Nothing to search on: a condition would match everything."""
        return not self.clauses

    @property
    def can_rank(self) -> bool:
        """Something to find (not only words to leave out), so matches differ in rank."""
        return any(not term.negated for clause in self.clauses for term in clause)

    def condition(self, vector: str = VECTOR, prefix_vector: str = PREFIX_VECTOR) -> Q:
        """The rows that match; use only when not `is_empty`."""
        clauses = (
            reduce(lambda a, b: a | b, (_matches(term, vector, prefix_vector) for term in clause))
            for clause in self.clauses
        )
        return reduce(lambda a, b: a & b, clauses, Q())

    def rank(self, vector: str = VECTOR, prefix_vector: str = PREFIX_VECTOR) -> Expression:
        """Higher for more and better placed matches (weight A above B above C) of the words as
        typed; a match of only a word group's other words ranks below those."""
        found = [term for clause in self.clauses for term in clause if not term.negated]
        typed = " | ".join(f"({term.own})" for term in found if term.own)
        rank: Expression = SearchRank(F(vector), Lexemes(typed or "''"))
        prefixes = " | ".join(term.prefix() for term in found if term.can_be_a_prefix)
        if prefixes:
            rank = rank + SearchRank(F(prefix_vector), Lexemes(prefixes))
        return rank

    def headline(self, expression: Expression | str, **options: Any) -> SearchHeadline:
        """A snippet of `expression` (plain text, never HTML) with the words found between
        omzien.search.highlight's markers: the words typed, their word groups' words and the
        words they start. Annotate only the rows shown: PostgreSQL then makes it only for those.
        """
        found = [term for clause in self.clauses for term in clause if not term.negated]
        parts = [f"({term.stemmed})" for term in found if term.stemmed]
        parts += [term.prefix() for term in found if term.can_be_a_prefix]
        defaults: dict[str, Any] = {"max_words": 30, "min_words": 12, "max_fragments": 2}
        return SearchHeadline(
            expression,
            Lexemes(" | ".join(parts) or "''"),
            config=CONFIG,
            start_sel=START,
            stop_sel=STOP,
            fragment_delimiter=" … ",
            **(defaults | options),
        )


def _matches(term: Term, vector: str, prefix_vector: str) -> Q:
    stemmed = Q(**{vector: Lexemes(term.stemmed)})
    if term.negated:
        return ~stemmed
    if term.can_be_a_prefix:
        return stemmed | Q(**{prefix_vector: Lexemes(term.prefix())})
    return stemmed


def parse_search(text: str) -> Search:
    """The search for `text`: one query when there is something to look up, none otherwise."""
    clauses = _clauses(text)
    if not clauses:
        return Search(text)
    lookup = look_up(sorted(_candidate_keys(clauses)))
    joined = _joined(clauses, lookup)
    kept = [
        tuple(_stemmed(term, lookup) for term in clause if not lookup.is_stop_word(term.key))
        for clause in joined
    ]
    typed = [term for clause in clauses for term in clause if not term.negated]
    stop_words = [term.key for term in typed if lookup.is_stop_word(term.key)]
    found = [term for clause in kept for term in clause if not term.negated]
    return Search(
        text,
        tuple(clause for clause in kept if clause),
        stop_words=tuple(dict.fromkeys(stop_words)),
        only_stop_words=bool(typed) and not found,
    )


def _clauses(text: str) -> list[tuple[Term, ...]]:
    """The terms typed, grouped by `or`; at most MAX_TERMS."""
    clauses: list[list[Term]] = []
    join_next = False
    for match in TOKEN.finditer(text):
        minus_phrase, phrase, minus_word, word = match.groups()
        negated = bool(minus_phrase or minus_word)
        if word is not None and word.casefold() == OR and not negated:
            join_next = bool(clauses) and not clauses[-1][-1].negated
            continue
        words = tuple(words_of(phrase if phrase is not None else word))
        if not words:
            continue
        term = Term(words, negated)
        if join_next and not negated:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        join_next = False
        if sum(len(clause) for clause in clauses) >= MAX_TERMS:
            break
    return [tuple(clause) for clause in clauses]


def _is_plain_word(clause: tuple[Term, ...]) -> bool:
    return len(clause) == 1 and not clause[0].negated and len(clause[0].words) == 1


def _candidate_keys(clauses: list[tuple[Term, ...]]) -> set[str]:
    """Every term, and every run of up to LONGEST_GROUP_TERM plain words in a row."""
    keys = {term.key for clause in clauses for term in clause}
    for start in range(len(clauses)):
        run = []
        for clause in clauses[start : start + LONGEST_GROUP_TERM]:
            if not _is_plain_word(clause):
                break
            run.append(clause[0].key)
            keys.add(" ".join(run))
    return keys


def _joined(clauses: list[tuple[Term, ...]], lookup: Lookup) -> list[tuple[Term, ...]]:
    """Plain words in a row that together are a term of a word group ("informele zorg") become
    one term, so that they also find that group's other words ("mantelzorg")."""
    joined: list[tuple[Term, ...]] = []
    position = 0
    while position < len(clauses):
        for length in range(LONGEST_GROUP_TERM, 1, -1):
            run = clauses[position : position + length]
            if len(run) == length and all(_is_plain_word(clause) for clause in run):
                words = tuple(clause[0].words[0] for clause in run)
                if lookup.variants_of(" ".join(words)):
                    joined.append((Term(words),))
                    position += length
                    break
        else:
            joined.append(clauses[position])
            position += 1
    return joined


def _stemmed(term: Term, lookup: Lookup) -> Term:
    """The term with its tsquery: its own stems, and unless it is left out, its variants'."""
    variants = [] if term.negated else lookup.variants_of(term.key)
    forms = dict.fromkeys(lookup.lexemes.get(key, "") for key in [term.key, *variants])
    stemmed = " | ".join(f"({form})" for form in forms if form)
    own = lookup.lexemes.get(term.key, "")
    return Term(term.words, term.negated, stemmed, own, is_known=bool(variants))
