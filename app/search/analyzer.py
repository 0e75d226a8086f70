"""The one analyzer: text folding, jieba words and character grams, for indexing and querying.

Everything the index stores and everything a query looks up passes through :func:`fold`, so
a term is normalised the same way on both sides:

* **Folding** maps each character on its own (traditional → simplified by OpenCC's ``t2s``
  character table, full-width → half-width, lower case). It never changes the text's length,
  so offsets found in folded text are offsets into the stored text, and — because it works
  character by character, without OpenCC's phrase context — a substring of a text always
  folds to a substring of the folded text. That is what makes literal recall exact.
* **Words** (:func:`cut_words`; Whoosh's :class:`app.search.tokenizers.WordTokenizer`) are
  jieba's precise-mode cuts (never search-mode fragments), positions counted in tokens,
  punctuation dropped, single Latin letters and numbers kept. They drive ranking; the cuts
  come from ``rjieba`` (the Rust port), proved identical to Python jieba on the corpus by
  ``tests/app/search/test_analyzer.py``.
* **Grams** (:func:`char_grams`, Whoosh's :class:`app.search.tokenizers.GramTokenizer`;
  :func:`char_counts` and :func:`bigram_positions` are its fast paths) are every character
  and every pair of adjacent characters, positioned by character, whitespace skipped, never
  across a segment break (``\\n``: a paragraph boundary). A literal of 1 or 2 characters is
  one gram; a longer one occurs where its :func:`covering_bigrams` sit at the right
  distances. So the gram fields alone decide matches: 100% recall for any substring of 1+
  characters, and no article that holds only the pieces.
"""

from __future__ import annotations

import json
import re
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

#: Joins the segments (title, kicker, subtitle, paragraphs) of one indexed text.
SEGMENT_BREAK = "\n"
#: Positions skipped at a segment break so that no phrase can span two paragraphs.
SEGMENT_GAP = 8

# Terms jieba must keep whole whatever the gazetteer says; the gazetteer's names and the
# domain vocabulary from ``app.places`` are added to these when that module is available.
_BUILTIN_TERMS = (
    "开发区", "经开区", "高新区", "农高区", "示范区", "综改区", "转型综改区", "产业园区",
    "经济技术开发区", "高新技术产业开发区", "农业高新技术产业示范区", "煤化工", "碳达峰",
    "碳中和", "循环经济", "高质量发展", "营商环境", "招商引资", "专精特新", "新质生产力",
    "承诺制", "标准地", "一枚印章管审批", "晋中国家农业高新技术产业示范区",
)

_CJK_RANGES = ((0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F))


class _FoldTable(dict[int, int]):
    """``str.translate`` table: CJK filled from OpenCC at build time, the rest on demand."""

    def __missing__(self, code: int) -> int:
        char = chr(code)
        if char == "\u3000":
            folded = " "
        elif 0xFF01 <= code <= 0xFF5E:
            folded = chr(code - 0xFEE0)
        else:
            folded = char
        lowered = folded.lower()
        # A few characters lower-case to two (İ → i̇); keep them so lengths never change.
        result = ord(lowered) if len(lowered) == 1 else ord(folded)
        self[code] = result
        return result


_fold_table: _FoldTable | None = None
_simplified_table: dict[int, int] = {}
#: Re-entrant: building the jieba cutter folds the domain terms, which builds the fold table.
_lock = threading.RLock()


#: OpenCC's t2s table, one character at a time, as :func:`opencc_pairs` derives it; written
#: by ``tools/build_fold_table.py`` so a process does not convert 30,000 characters at start.
T2S_FILE = Path(__file__).resolve().parent.parent / "data" / "t2s_chars.json"


def opencc_pairs() -> dict[str, str]:
    """Every CJK character OpenCC's ``t2s`` turns into one other character → that character."""
    import opencc

    converter = opencc.OpenCC("t2s")
    chars = [chr(code) for start, end in _CJK_RANGES for code in range(start, end + 1)]
    # One character per line: OpenCC converts each without phrase context, which is the
    # per-character mapping folding needs (see the module docstring).
    converted = converter.convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):
        return {}
    return {before: after for before, after in zip(chars, converted, strict=True) if len(after) == 1 and after != before}


def _build_fold_table() -> _FoldTable:
    pairs = json.loads(T2S_FILE.read_text(encoding="utf-8"))["pairs"]
    table = _FoldTable()
    table.update((ord(before), ord(after)) for before, after in zip(pairs[::2], pairs[1::2], strict=True))
    return table


def _table() -> _FoldTable:
    global _fold_table, _simplified_table
    table = _fold_table
    if table is None:
        with _lock:
            if _fold_table is None:
                built = _build_fold_table()
                # Before any lookup adds width and case entries, the table is t2s alone.
                _simplified_table = dict(built)
                _fold_table = built
            table = _fold_table
    return table


def fold(text: str) -> str:
    """``text`` folded for matching: t2s, full-width → half-width, lower case; same length."""
    return text.translate(_table())


_traditional: dict[str, str] = {}


def variants(char: str) -> str:
    """Every character that :func:`fold` makes ``char`` (itself first): its traditional,
    full-width and upper-case forms — so a pattern can match unfolded text directly."""
    table = _table()
    if not _traditional:
        with _lock:
            reverse: dict[str, str] = {}
            for before, after in _simplified_table.items():
                reverse[chr(after)] = reverse.get(chr(after), "") + chr(before)
            _traditional.update(reverse)
    candidates = [char, *_traditional.get(char, "")]
    for candidate in list(candidates):
        for form in (candidate.upper(), candidate.lower()):
            candidates.append(form)
            if "!" <= form <= "~":
                candidates.append(chr(ord(form) + 0xFEE0))
    kept = [c for c in dict.fromkeys(candidates) if c.translate(table) == char]
    return "".join(kept)


def simplified(text: str) -> str:
    """``text`` with traditional characters made simplified, one for one (same length);
    everything else, punctuation and width included, as it was."""
    _table()
    return text.translate(_simplified_table)


# ---------------------------------------------------------------------------- words


_jieba: Any = None


def domain_terms() -> list[str]:
    """The user dictionary: built-in terms plus ``app.places`` names, folded, longest first."""
    terms: set[str] = set(_BUILTIN_TERMS)
    try:
        from app import places
    except ImportError:  # the gazetteer module is optional for the analyzer
        places = None  # type: ignore[assignment]
    if places is not None:
        provider = getattr(places, "domain_terms", None)
        if callable(provider):
            try:
                terms.update(str(term) for term in provider())
            except Exception:  # noqa: BLE001 - a broken gazetteer must not break search
                pass
    folded = {fold(term).strip() for term in terms}
    return sorted((t for t in folded if len(t) >= 2 and not any(c.isspace() for c in t)),
                  key=lambda t: (-len(t), t))


def user_word_freq(cutter: Any, term: str) -> int:
    """The frequency a user-dictionary term is added with, the same for jieba and rjieba."""
    return max(int(cutter.suggest_freq(term)), 1) + 1


def load_user_dict(cutter: Any, terms: Iterable[str], *, reference: Any = None) -> None:
    """Adds ``terms`` to a jieba-like ``cutter`` with explicit, implementation-free freqs.

    The freqs come from ``reference``, an rjieba with the default dictionary only (a new
    one when not given; ``cutter`` itself when it is such a fresh rjieba: every freq is
    taken before the first word is added, so none depends on load order).
    """
    if reference is None:
        import rjieba

        reference = rjieba.Jieba()
    freqs = [(term, user_word_freq(reference, term)) for term in terms]
    for term, freq in freqs:
        cutter.add_word(term, freq, None)


def _cutter() -> Any:
    global _jieba
    if _jieba is None:
        with _lock:
            if _jieba is None:
                # The module's own instance, built when it is imported: a second Jieba()
                # would load the dictionary again (~0.1 s of every ``devzone ingest``).
                # Nothing else in the process cuts with it, so the domain terms are ours.
                import rjieba

                load_user_dict(rjieba, domain_terms(), reference=rjieba)  # freqs taken before any word is added
                _jieba = rjieba
    return _jieba


def _is_word(text: str) -> bool:
    return any(char.isalnum() for char in text)


# Python jieba hands a run of characters it has no word for to its HMM step, which cuts
# non-Han text into ``[a-zA-Z0-9]+(\.\d+)?%?`` pieces and single characters; rjieba keeps
# such runs whole (``1-3``, ``2024-05-01``, ``x_y``). Re-cutting them the Python way makes
# the two identical (proved on the corpus by the analyzer's tests).
_JIEBA_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
_HAN = re.compile("[\u4e00-\u9fd5]")


def _python_jieba_pieces(cutter: Any, word: str, start: int) -> Iterator[tuple[str, int, int]]:
    if len(word) == 1 or _HAN.search(word) or cutter.has_word(word) or _JIEBA_SKIP.fullmatch(word):
        yield word, start, start + len(word)
        return
    offset = start
    for piece in _JIEBA_SKIP.split(word):
        if _JIEBA_SKIP.fullmatch(piece):
            yield piece, offset, offset + len(piece)
        else:
            yield from ((char, offset + i, offset + i + 1) for i, char in enumerate(piece))
        offset += len(piece)


#: Texts already cut by :func:`cut_words` in another process → its words (an ingest's head
#: start cuts a new file's paragraphs while the run opens the archive; see
#: :mod:`ingest.head_start`). Only this function's own output is ever put here.
_cut_ahead: dict[str, list[tuple[str, int, int]]] = {}


def remember_cuts(cuts: dict[str, list[tuple[str, int, int]]]) -> None:
    """Keep ``cuts`` (text → :func:`cut_words` of it, made elsewhere) for this process."""
    _cut_ahead.update(cuts)


def cut_words(text: str) -> list[tuple[str, int, int]]:
    """Folded jieba words of ``text`` with their character offsets; punctuation dropped."""
    if (ahead := _cut_ahead.get(text)) is not None:
        return list(ahead)
    cutter = _cutter()
    words = []
    for word, start, _ in cutter.tokenize(fold(text)):
        if word.isalnum() and "\u4e00" <= word[0] <= "\u9fd5":  # most words: Han, kept whole
            words.append((word, start, start + len(word)))
            continue
        for piece in _python_jieba_pieces(cutter, word, start):
            if _is_word(piece[0]):
                words.append(piece)
    return words


# ---------------------------------------------------------------------------- grams


def char_grams(
    text: str, *, unigrams: bool = True, bigrams: bool = True
) -> Iterator[tuple[str, int, int, int]]:
    """(gram, position, start, end) for every character and adjacent pair of ``text``.

    Positions count non-space characters; a segment break adds :data:`SEGMENT_GAP` and no
    pair spans it. ``start``/``end`` are offsets into ``text`` (folding keeps them).
    """
    folded = fold(text)
    pos = 0
    prev: tuple[str, int] | None = None  # previous non-space char in this segment
    for index, char in enumerate(folded):
        if char == SEGMENT_BREAK:
            prev = None
            pos += SEGMENT_GAP
            continue
        if char.isspace():
            continue
        if bigrams and prev is not None:
            yield prev[0] + char, pos - 1, prev[1], index + 1
        if unigrams:
            yield char, pos, index, index + 1
        prev = (char, index)
        pos += 1


def _segments(text: str) -> Iterator[str]:
    # Each segment with its whitespace removed: the grams' view of the text.
    for segment in fold(text).split(SEGMENT_BREAK):
        yield "".join(segment.split())


def char_counts(text: str) -> dict[str, int]:
    """Character → occurrences (whitespace skipped); the unigram half of :func:`char_grams`."""
    counts: defaultdict[str, int] = defaultdict(int)
    for chars in _segments(text):
        for char in chars:
            counts[char] += 1
    return counts


def bigram_positions(text: str) -> dict[str, list[int]]:
    """Bigram → ascending positions, exactly as :func:`char_grams` gives them; the index's fast path."""
    postings: defaultdict[str, list[int]] = defaultdict(list)
    pos = 0
    for chars in _segments(text):
        for offset in range(len(chars) - 1):
            postings[chars[offset : offset + 2]].append(pos + offset)
        pos += len(chars) + SEGMENT_GAP
    return postings


def literal_chars(literal: str) -> str:
    """A query literal as the grams see it: folded, whitespace removed (so ``50万吨`` finds
    ``50 万吨``, as the index skips whitespace too)."""
    return "".join(fold(literal).split())


def covering_bigrams(chars: str) -> list[tuple[int, str]]:
    """(offset, bigram) pairs that together cover every character of ``chars`` (3+ long).

    ``chars`` occurs at position p exactly when each bigram occurs at p + offset: every
    second bigram, plus the last one when the length is odd.
    """
    offsets = list(range(0, len(chars) - 1, 2))
    if offsets[-1] != len(chars) - 2:
        offsets.append(len(chars) - 2)
    return [(offset, chars[offset : offset + 2]) for offset in offsets]


def __getattr__(name: str) -> Any:
    # The Whoosh tokenizers live in app.search.tokenizers, so that indexing and searching
    # with tantivy never load Whoosh. Whoosh indexes written before the move name this
    # module in their pickled schema: this keeps them opening.
    if name in ("WordTokenizer", "GramTokenizer"):
        from app.search import tokenizers

        return getattr(tokenizers, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
