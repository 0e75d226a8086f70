"""Finding and marking a query's literals in stored text (never Whoosh's highlighter).

Folding keeps lengths, and a literal's characters are matched with whitespace skipped (as
the index does) — or, where that finds nothing, punctuation too (an unquoted literal printed
with 、 inside, see :func:`app.search.fallback.punctuated`) — so each hit is mapped back to the exact characters of the stored text it
covers, spaces inside it included. Everything outside ``<mark>`` is escaped.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from app.search.analyzer import fold, variants
from app.search.fallback import LOOSE_MIN, loose, loose_pattern

#: Characters of context a snippet shows around its first hit (before, total).
SNIPPET_BEFORE = 60
SNIPPET_LENGTH = 200


_SPACE = re.compile(r"\s")


class _Compact:
    """A text folded with whitespace removed, and where each kept character came from."""

    def __init__(self, text: str) -> None:
        folded = fold(text)
        if _SPACE.search(folded) is None:  # the common case: no mapping needed
            self.compact, self.offsets = folded, None
        else:
            self.offsets = [index for index, char in enumerate(folded) if not _SPACE.match(char)]
            self.compact = _SPACE.sub("", folded)

    def spans(self, literals: Iterable[str]) -> list[tuple[int, int]]:
        found = []
        for literal in literals:
            start = self.compact.find(literal) if literal else -1
            while start >= 0:
                end = start + len(literal)
                if self.offsets is None:
                    found.append((start, end))
                else:
                    found.append((self.offsets[start], self.offsets[end - 1] + 1))
                start = self.compact.find(literal, start + 1)
        return _merge(found)


def find_spans(text: str, literals: Iterable[str]) -> list[tuple[int, int]]:
    """Merged, sorted (start, end) character spans of ``text`` where any literal occurs.

    ``literals`` are folded and whitespace-free (see ``analyzer.literal_chars``).
    """
    return _Compact(text).spans(literals)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def mark(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` escaped, with each span wrapped in ``<mark>``."""
    out = []
    last = 0
    for start, end in spans:
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(escape(text[last:]))
    return "".join(out)


@dataclass(frozen=True)
class Passage:
    """A paragraph's hits: how many clauses it satisfies and how often."""

    index: int
    clauses: int
    hits: int
    spans: list[tuple[int, int]]


def score_passage(index: int, text: str, clause_literals: list[list[str]]) -> Passage:
    """The hits of each clause's literals in one paragraph."""
    spans: list[tuple[int, int]] = []
    clauses = 0
    hits = 0
    compact = _Compact(text)
    for literals in clause_literals:
        found = compact.spans(literals)
        if not found:  # printed with punctuation inside? Mark the characters as printed.
            found = _merge([match.span() for pattern in _loose_patterns(tuple(literals))
                            for match in pattern.finditer(text)])
        if found:
            clauses += 1
            hits += len(found)
            spans.extend(found)
    return Passage(index=index, clauses=clauses, hits=hits, spans=_merge(spans))


@functools.lru_cache(maxsize=256)
def _loose_patterns(literals: tuple[str, ...]) -> list[re.Pattern[str]]:
    # The fallback's own pattern (each character in its printed forms, punctuation skipped
    # but not inside a number) run on the printed text: no second folded copy of a paragraph
    # that, like most, holds none of it.
    kept = [loose(literal) for literal in literals]
    return [loose_pattern(phrase) for phrase in kept if len(phrase) >= LOOSE_MIN]


def best_passage(texts: list[str], clause_literals: list[list[str]]) -> Passage | None:
    """The paragraph satisfying the most clauses, then with the most hits; first on ties."""
    best: Passage | None = None
    # A paragraph printing no form of any literal's first character cannot hold it: most
    # paragraphs of a long article are passed over without being folded.
    firsts = "".join({variants(literal[0]) for literals in clause_literals for literal in literals if literal})
    for index, text in enumerate(texts):
        if not any(char in text for char in firsts):
            continue
        passage = score_passage(index, text, clause_literals)
        if passage.hits and (best is None or (passage.clauses, passage.hits) > (best.clauses, best.hits)):
            best = passage
    return best


def snippet(text: str, spans: list[tuple[int, int]]) -> str:
    """A window of ``text`` around its first hit, escaped and marked, with … where cut."""
    if len(text) <= SNIPPET_LENGTH:
        return mark(text, spans)
    first = spans[0][0] if spans else 0
    start = max(0, min(first - SNIPPET_BEFORE, len(text) - SNIPPET_LENGTH))
    end = min(len(text), start + SNIPPET_LENGTH)
    if spans and spans[0][1] > end:  # never cut the first hit in half
        end = spans[0][1]
    inside = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    body = mark(text[start:end], inside)
    return ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")
