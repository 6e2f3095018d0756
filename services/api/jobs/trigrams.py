"""Which search terms the trigram index can narrow (docs/api.md, "search").

The list's search compares search keys (``jobs.models.name_search_key``)
with ``LIKE '%<key>%'``, served by a pg_trgm GIN index.  A term from which
pg_trgm extracts no trigram cannot use it: the query would read the whole
table, so ``jobs.filters`` refuses such a term (a 400).
"""

from __future__ import annotations

from jobs.models import SEARCH_LETTERS, SEARCH_SEPARATORS

_SEARCH_KEY = str.maketrans(SEARCH_SEPARATORS, SEARCH_LETTERS)
NO_TRIGRAM_MESSAGE = (
    "Search needs 3 letters or digits in a row, or 1 after another character "
    "(spaces and - _ . / # count as letters); %(value)r has none the index "
    "can use."
)


def has_trigram(term: str) -> bool:
    """Tell whether pg_trgm extracts a trigram from ``LIKE '%<key(term)>%'``.

    pg_trgm's rule for a LIKE pattern (``generate_wildcard_trgm``): each run
    of letters or digits is a word, padded with 2 blanks where a literal
    character (not the ``%`` wildcard) precedes it and 1 where one follows;
    a word yields trigrams once it is 3 characters long with its padding.
    """
    key = term.upper().translate(_SEARCH_KEY)
    start = None
    for index, char in enumerate([*key, ""]):
        if char and char.isalnum():
            if start is None:
                start = index
            continue
        if start is not None:
            padded = index - start + (2 if start > 0 else 0) + (char != "")
            if padded >= 3:
                return True
            start = None
    return False
