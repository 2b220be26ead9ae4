"""What a query may ask for, said plainly before Whoosh runs it.

Whoosh reads anything: an unknown `field:` becomes words, `year:abc` becomes
nothing, a stored-only field fails with its internals, `AND OR NOT` becomes a
search for "and" and "not", and `?*` expands to every word of the index (tens
of seconds). These checks turn each into a one-line message that says what
was not understood.
"""

from __future__ import annotations

import itertools
import re

from whoosh import query as wq
from whoosh.reading import IndexReader

FIELDS = {"year": "year", "lang": "lang", "language": "lang", "theme": "themes", "themes": "themes",
          "report": "report", "id": "report", "text": "text"}
"""Field names a user may type, and the index field each one searches."""
OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
LANGS = ("zh", "en")
MAX_WILDCARD_WORDS = 1000
"""Words one query's wildcards may stand for, together (each is one more posting list to walk)."""

_QUOTED = re.compile(r'"[^"]*"?')
_FIELD = re.compile(r"(?<![\w:.\-/])([^\W\d]\w*):(\S*)")
_YEAR = re.compile(r"\d{4}|[\[{].*")


class QueryProblem(ValueError):
    """A query that cannot be searched as typed; str() says what was not understood."""


def check_text(text: str) -> None:
    """Refuse queries of only operators, unknown fields and values a field cannot hold."""
    bare = _QUOTED.sub(" ", text)
    words = re.findall(r"[^\s()]+", bare)
    if words and len(text.strip()) == len(bare.strip()) and all(w in OPERATORS for w in words):
        raise QueryProblem(f"{text.strip()!r} holds only operators ({', '.join(sorted(set(words)))}): "
                           "add a word to search for.")
    for match in _FIELD.finditer(bare):
        name, value = match.group(1), match.group(2).strip("()")
        field = FIELDS.get(name)
        if field is None:
            raise QueryProblem(f"Unknown field {name + ':'!r}: search fields are year:, lang:, theme: and report: "
                               f'(to search for the text itself, put it in quotes: "{match.group(0)}").')
        if field == "year" and value and not _YEAR.fullmatch(value):
            raise QueryProblem(f"year: takes a year such as year:2024 or a range such as year:[2020 TO 2024], "
                               f"not {value!r}.")
        if field == "lang" and value and value.lower() not in LANGS:
            raise QueryProblem(f"lang: takes {' or '.join(LANGS)}, not {value!r}.")


def check_expansion(q: wq.Query, reader: IndexReader, limit: int = MAX_WILDCARD_WORDS) -> None:
    """Refuse wildcards that stand for more than `limit` words of the index together.

    Counting stops at the limit, so the check itself stays cheap. Single
    Chinese characters (prefixes of the `cjk` bigrams) are bounded by the
    character set and are not counted.
    """
    left = limit
    for leaf in _multi_terms(q):
        words = sum(1 for _ in itertools.islice(leaf.expanded_terms(reader), left + 1))
        left -= words
        if left < 0:
            pattern = getattr(leaf, "text", "") + ("*" if isinstance(leaf, wq.Prefix) else "")
            raise QueryProblem(f"The wildcards match more than {limit:,} different words (at {pattern!r}): "
                               "use more letters before the * or ?, e.g. carb* rather than c*.")


def _multi_terms(q: wq.Query) -> list[wq.MultiTerm]:
    found: list[wq.MultiTerm] = []
    stack = [q]
    while stack:
        node = stack.pop()
        if isinstance(node, wq.MultiTerm):
            if getattr(node, "fieldname", None) != "cjk":
                found.append(node)
        else:
            stack.extend(node.children())
    return found
