"""The reader's vocabulary: the domain thesaurus and pinyin place names, as query expansions.

The thesaurus is project data (``app/data/thesaurus.json``, versioned with the code): groups
of words that mean the same thing in development-zone reporting (太阳能 ↔ 光伏, 污水 ↔ 废水),
and one-way groups from a slogan or an everyday word to what the reports print (放管服 →
简政放权). :func:`expansions` answers the other words of a word's groups; the search matches
them as well as the typed word but ranks them lower (:data:`app.search.ranking.EXPANSION_WEIGHT`).

Pinyin input works for place names only (jiaocheng → 交城): a table from toneless pinyin to
the gazetteer's city, county and zone short names, built by :func:`pinyin_places`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from app.search.analyzer import literal_chars

DATA_FILE = Path(__file__).resolve().parents[1] / "data" / "thesaurus.json"
#: Expansions kept per word: a broad group must not turn one word into dozens of literals.
MAX_EXPANSIONS = 8


@lru_cache(maxsize=2)
def _table(path: Path = DATA_FILE) -> dict[str, tuple[str, ...]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    table: dict[str, list[str]] = {}
    for group in data.get("groups", []):
        words = [literal_chars(word) for word in group]
        for word in words:
            found = table.setdefault(word, [])
            found.extend(other for other in words if other != word and other not in found)
    for group in data.get("one_way", []):
        head, *rest = (literal_chars(word) for word in group)
        found = table.setdefault(head, [])
        found.extend(other for other in rest if other != head and other not in found)
    return {word: tuple(others[:MAX_EXPANSIONS]) for word, others in table.items()}


def expansions(chars: str) -> tuple[str, ...]:
    """The words the thesaurus gives for ``chars`` (folded, no whitespace); () when none."""
    return _table().get(chars, ())


def pinyin_places(names: Iterable[str]) -> dict[str, str]:
    """Toneless pinyin (lower case, no separators) → place name, for ``names`` of 2+ characters.

    A pinyin spelling two names share (two homophones) is left out rather than guessed.
    """
    from app.places import pinyin_slug

    found: dict[str, str] = {}
    clashes: set[str] = set()
    for name in names:
        if len(name) < 2:
            continue
        key = pinyin_slug(name)
        if not key:
            continue
        if key in found and found[key] != name:
            clashes.add(key)
        found.setdefault(key, name)
    return {key: name for key, name in found.items() if key not in clashes}
