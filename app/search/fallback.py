"""Exact first, then words, never an empty page when the words exist: the search's tiers.

1. **literal** — the query as typed (with its place links and lower-ranked expansions); an
   unquoted literal also matches where it is printed with punctuation or spacing inside
   (:func:`punctuated`: 煤不露天焦不落地 holds in “煤不露天、焦不落地”), ranked with the rest;
2. **words** — when that finds nothing, every unquoted clause is asked as its jieba words,
   all of which must occur; the first :data:`RERANK` candidates are ranked by proximity: the
   typed text with punctuation and spacing skipped (煤不露天焦不落地 holds in “煤不露天、焦不
   落地”), then all words in one sentence, then in one paragraph;
3. **most** — when still nothing, any of the words, keeping articles that hold at least half
   of them, most first, each with its coverage (“3/4”); only the first :data:`RERANK`
   candidates are read, so past that the total is a lower bound (``Outcome.estimated``).

Quoted clauses stay exact literals in every tier. :func:`run_tiers` is engine-free: it asks
the engine through ``run`` and reads article texts through ``texts``.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from app.search import ranking
from app.search.analyzer import fold, variants
from app.search.query import Clause, Names, ParsedQuery, parse

#: Candidates ranked by proximity or coverage in the word tiers.
RERANK = 200
#: Candidates read for a literal printed with punctuation inside (see :func:`punctuated`).
PUNCTUATED = 50
#: Characters a literal keeps once punctuation is skipped, for it to be looked for that way.
LOOSE_MIN = 3
#: Words too common to ask for on their own when a clause falls back to its words.
STOP_WORDS = frozenset("的了是在和与及也都就吗呢吧啊么个有之从对把被")
_NOT_TEXT = re.compile(r"[\W_]+")
_SENTENCE = re.compile(r"[。！？；!?;\n]")

Engine = Callable[[ParsedQuery, Any], tuple[int, list[ranking.Found], dict[str, Any]]]
Texts = Callable[[list[str]], dict[str, list[str]]]


@dataclass
class Outcome:
    """What the tiers found: the tier that answered, the query it asked, the page and notes."""

    tier: str  # literal | words | most
    parsed: ParsedQuery
    total: int
    found: list[ranking.Found]
    facets: dict[str, Any]
    #: index key → how the article matched: (label, coverage such as "2/3" or "").
    notes: dict[str, tuple[str, str]] = field(default_factory=dict)
    words: list[str] = field(default_factory=list)
    #: ``total`` counts only the first :data:`RERANK` candidates (the most-words tier, when
    #: more of the articles hold some of the words): at least this many.
    estimated: bool = False


def compact(text: str) -> str:
    """``text`` folded with punctuation and whitespace removed: the tiers' view of it."""
    return _NOT_TEXT.sub("", fold(text))


def relaxable(clause: Clause) -> bool:
    return not clause.exclude and not clause.quoted and " OR " not in clause.text


def clause_words(clause: Clause) -> list[str]:
    """The words a clause falls back to: jieba's cut minus stop words (all of it if that
    leaves nothing)."""
    words = [w for w in dict.fromkeys(clause.words) if compact(w)]
    kept = [w for w in words if w not in STOP_WORDS]
    return kept or words


def _rewrite(parsed: ParsedQuery, *, join: str) -> tuple[str, list[str]] | None:
    """The query text with relaxable clauses as words (``join`` " " = all, " OR " = any)."""
    kept: list[str] = []
    words: list[str] = []
    for clause in parsed.clauses:
        if relaxable(clause) and (len(clause_words(clause)) > 1 or join != " "):
            words.extend(w for w in clause_words(clause) if w not in words)
        elif clause.exclude:
            kept.append(f'-"{clause.literals[0]}"')
        else:
            kept.append(clause.text if not clause.quoted else f'"{clause.literals[0]}"')
    if not words or (join == " " and len(words) < 2 and not kept):
        return None
    return " ".join([*kept, join.join(words)]), words


def loose(text: str) -> str:
    """``text`` folded with punctuation and spacing skipped, except between two digits
    (3.6亿 is not 36亿): how an unquoted literal is matched across “、” and the like."""
    folded = fold(text)
    return _NOT_TEXT.sub(lambda m: m.group() if _between_digits(folded, m) else "", folded)


@functools.lru_cache(maxsize=256)
def loose_pattern(phrase: str) -> re.Pattern[str]:
    """A pattern finding ``phrase`` (already :func:`loose`) in *unfolded* text the way
    ``loose(text).count(phrase)`` would: each character as any of its printed forms, with
    punctuation or spacing allowed between two characters unless both are digits. Folding
    and stripping every candidate paragraph cost more than the search itself at scale."""
    # A run loose() keeps (between two digits: 3.6) is matched exactly, nothing inside it.
    kept = [char.isdigit() or bool(_NOT_TEXT.fullmatch(char)) for char in phrase]
    parts = []
    for i, char in enumerate(phrase):
        if i and not (kept[i - 1] and kept[i]):
            parts.append(r"[\W_]*")
        forms = variants(char)
        parts.append(re.escape(forms) if len(forms) == 1 else "[" + "".join(re.escape(c) for c in forms) + "]")
    return re.compile("".join(parts))


def _between_digits(text: str, found: re.Match[str]) -> bool:
    start, end = found.span()
    return 0 < start and end < len(text) and text[start - 1].isdigit() and text[end].isdigit()


def punctuated(parsed: ParsedQuery, names: Names, params: Any, run: Engine, texts: Texts) -> None:
    """Sets ``also_keys`` of each unquoted clause (3+ characters, 2+ words): the articles
    among the first :data:`PUNCTUATED` holding all its words but not its literal that print
    the literal with punctuation or spacing inside. Quoted clauses stay exactly literal."""
    probe = replace(params, page=1, per_page=PUNCTUATED, sort="relevance", facets=False)
    for clause in parsed.positive:
        phrase = loose(clause.literals[0]) if clause.literals else ""
        words = [loose(word) for word in clause_words(clause)]
        if not relaxable(clause) or len(phrase) < LOOSE_MIN or len([w for w in words if w]) < 2:
            continue
        query = " ".join([*(f'"{word}"' for word in words if word), f'-"{clause.literals[0]}"'])
        _, found, _ = run(parse(query, names), probe)
        by_key = texts([item.key for item in found]) if found else {}
        pattern = loose_pattern(phrase)
        for key, items in by_key.items():
            count = sum(len(pattern.findall(text)) for text in items)
            if count:
                clause.also_keys[key] = count


def run_tiers(parsed: ParsedQuery, names: Names, params: Any, run: Engine, texts: Texts) -> Outcome:
    """The first tier that finds something (see the module docstring)."""
    punctuated(parsed, names, params, run, texts)
    total, found, facets = run(parsed, params)
    outcome = Outcome("literal", parsed, total, found, facets)
    if total or not any(relaxable(clause) for clause in parsed.positive):
        return outcome
    for tier, join in (("words", " "), ("most", " OR ")):
        rewritten = _rewrite(parsed, join=join)
        if rewritten is None:
            continue
        relaxed = parse(rewritten[0], names)
        groups = [_alternatives(parse(word, names).clauses[0]) for word in rewritten[1]]
        outcome = _ranked(tier, relaxed, parsed, (rewritten[1], groups), params, run, texts)
        if outcome.total:
            return outcome
    return Outcome("literal", parsed, 0, [], facets)


def _ranked(tier: str, relaxed: ParsedQuery, typed: ParsedQuery, asked: tuple[list[str], list[list[str]]],
            params: Any, run: Engine, texts: Texts) -> Outcome:
    words, groups = asked
    first = replace(params, page=1, per_page=RERANK)
    total, found, facets = run(relaxed, first)
    if not found:
        return Outcome(tier, relaxed, 0, [], facets, words=words)
    by_key = texts([item.key for item in found])
    phrases = [loose(clause.literals[0]) for clause in typed.positive if relaxable(clause)]
    notes: dict[str, tuple[str, str]] = {}
    keys: dict[str, tuple[int, int]] = {}
    for item in found:
        level, covered = proximity(by_key.get(item.key, []), groups, phrases)
        notes[item.key] = (_label(tier, level), f"{covered}/{len(groups)}" if tier == "most" else "")
        keys[item.key] = (covered, level)
    estimated = False
    if tier == "most":
        need = max(1, math.ceil(len(groups) / 2))
        estimated = total > len(found)  # candidates past the first RERANK were never read
        found = [item for item in found if keys[item.key][0] >= need]
        total = len(found)
    if params.sort == "relevance":
        found.sort(key=lambda item: (-keys[item.key][0], -keys[item.key][1], -item.score))
    start = (max(params.page, 1) - 1) * params.per_page
    return Outcome(tier, relaxed, total, found[start : start + params.per_page], facets, notes, words, estimated)


def _alternatives(clause: Clause) -> list[str]:
    return [compact(literal) for literal in clause.matching if compact(literal)]


def proximity(texts: Sequence[str], groups: list[list[str]], phrases: list[str]) -> tuple[int, int]:
    """(level, groups covered) of an article's texts: level 3 when a typed phrase (:func:`loose`)
    occurs with punctuation skipped, 2 when every group occurs in one sentence, 1 in one paragraph."""
    folded = [compact(text) for text in texts]
    covered = sum(1 for group in groups if any(alt in text for text in folded for alt in group))
    if phrases and all(any(phrase in loose(text) for text in texts) for phrase in phrases):
        return 3, covered

    def holds_all(part: str) -> bool:
        return all(any(alt in part for alt in group) for group in groups)

    sentences = (compact(s) for text in texts for s in _SENTENCE.split(fold(text)))
    if any(holds_all(sentence) for sentence in sentences):
        return 2, covered
    if any(holds_all(text) for text in folded):
        return 1, covered
    return 0, covered


_LABELS = {3: "literal_ignoring_punctuation", 2: "words_same_sentence", 1: "words_same_paragraph", 0: "words"}


def _label(tier: str, level: int) -> str:
    return "most_words" if tier == "most" and level < 3 else _LABELS[level]


class _Folded:
    """An article's paragraphs folded with whitespace removed, each only when first asked
    for: a literal is mostly found in the title or the opening paragraphs."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.done: list[str] = []

    def __iter__(self) -> Iterator[str]:
        yield from list(self.done)
        for text in self.texts[len(self.done):]:
            self.done.append("".join(fold(text).split()))
            yield self.done[-1]


def literal_notes(parsed: ParsedQuery, by_key: dict[str, list[str]]) -> dict[str, tuple[str, str]]:
    """Literal-tier labels: ``literal`` when every positive clause's typed literals occur as
    printed, ``literal_ignoring_punctuation`` when some occur only with punctuation inside,
    else ``expansion`` (a place link or a thesaurus word)."""
    notes = {}
    for key, texts in by_key.items():
        plain = _Folded(texts)
        label = "literal"
        for clause in parsed.positive:
            if any(lit in text for text in plain for lit in clause.literals):
                continue
            punctuated = key in clause.also_keys and label != "expansion"
            label = "literal_ignoring_punctuation" if punctuated else "expansion"
        notes[key] = (label, "")
    return notes
