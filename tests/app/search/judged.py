"""The judged query set (``judged_queries.json``) and its two measures.

*success@3*: the share of queries with a relevant article (any grade) among the first
three results; *zero-result rate*: the share answered with nothing. Articles are named in
the set by a marker string found in exactly one article's text, resolved against the
archive being measured, so the set does not depend on article ids.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

JUDGED = Path(__file__).with_name("judged_queries.json")
TOP = 3


@dataclass(frozen=True)
class Judged:
    """One query with its relevant article ids and grades."""

    q: str
    kind: str
    relevant: dict[str, int]


@dataclass
class Score:
    """The measures over a set, and the queries that missed."""

    queries: int
    success_at_3: float
    zero_rate: float
    missed: list[str] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)


def load(texts: dict[str, str], path: Path = JUDGED) -> list[Judged]:
    """The set with markers resolved over ``texts`` (article id → all its text)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    ids = {}
    for name, marker in data["articles"].items():
        holders = [article for article, text in texts.items() if marker in text]
        if len(holders) != 1:
            raise ValueError(f"marker {marker!r} of {name} is in {len(holders)} articles")
        ids[name] = holders[0]
    return [Judged(item["q"], item["kind"], {ids[name]: grade for name, grade in item["relevant"].items()})
            for item in data["queries"]]


def measure(queries: Iterable[Judged], ranked: Callable[[str], list[str]]) -> Score:
    """Runs each query through ``ranked`` (query → article ids, best first)."""
    items = list(queries)
    hits = 0
    missed: list[str] = []
    empty: list[str] = []
    for item in items:
        found = ranked(item.q)
        if not found:
            empty.append(item.q)
        if set(found[:TOP]) & item.relevant.keys():
            hits += 1
        else:
            missed.append(item.q)
    count = max(len(items), 1)
    return Score(len(items), hits / count, len(empty) / count, missed, empty)
