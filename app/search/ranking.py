"""Which documents a parsed query matches (per segment) and how they rank (across segments).

Matching is exact: a document matches when, for every positive clause, one of the clause's
literals occurs in it, and no literal of a negative clause does. A query of negative
clauses only matches everything else. Scoring is described in :mod:`app.search.service`;
collection statistics (idf, average length) are taken over all segments so a document's
score does not depend on which segment it landed in.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from app.search.filters import FACETS
from app.search.matching import Leaf, literal_counts, term_weights
from app.search.query import Clause, Names, ParsedQuery

K1 = 1.2
B = 0.75
TITLE_BONUS = 3.0
HEAD_BONUS = 1.5
ZONE_BONUS = 2.0
PRIMARY_ZONE_BONUS = 1.0
CITY_BONUS = 0.5
WORD_WEIGHT = 0.5
#: An expansion's occurrence (a county's other name, a thesaurus word) counts this much of
#: the typed literal's: it matches, but below the words the reader typed.
EXPANSION_WEIGHT = 0.3


@dataclass
class Found:
    """A matching document: its key, score and what facets and sorting need."""

    key: str
    score: float
    date: str
    source: str
    zones: tuple[str, ...]
    cities: tuple[str, ...]
    #: The facets' index fields (app.search.filters.FACETS) → the document's values there.
    facets: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass
class LeafMatch:
    """One segment's matching documents and each positive clause's counts there."""

    leaf: Leaf
    docs: set[int]
    counts: list[dict[int, float]]  # per positive clause: document → occurrences (expansions weighted)
    words: dict[str, dict[int, float]]  # jieba word → document → count in the body


def match(leaf: Leaf, parsed: ParsedQuery, live: set[int]) -> LeafMatch:
    """The documents of ``live`` that satisfy ``parsed`` in this segment."""
    docs = set(live)
    counts: list[dict[int, float]] = []
    for clause in parsed.positive:
        found: dict[int, float] = {}
        for literal in clause.matching:
            weight = 1.0 if literal in clause.literals else EXPANSION_WEIGHT
            for doc, count in literal_counts(leaf, literal, within=docs).items():
                found[doc] = found.get(doc, 0) + weight * count
        if clause.also_keys:  # printed with punctuation inside: as literal as the rest
            for doc in docs - found.keys():
                if leaf.data.keys[doc] in clause.also_keys:
                    found[doc] = clause.also_keys[leaf.data.keys[doc]]
        zones = {clause.linked_zone, *clause.linked_zones} - {None}
        cities = set(clause.linked_cities)
        if zones or cities:
            for doc in docs - found.keys():
                if zones.intersection(leaf.data.zones[doc]) or cities.intersection(leaf.data.cities[doc]):
                    found[doc] = 0  # about the place without naming it: matches, ranks on its bonus
        docs &= found.keys()
        counts.append(found)
        if not docs:
            return LeafMatch(leaf, set(), [], {})
    for clause in parsed.negative:
        for literal in clause.literals:
            docs -= literal_counts(leaf, literal, within=docs).keys()
    words = {word: term_weights(leaf, "body", word) for word in _words(parsed.positive)}
    return LeafMatch(leaf, docs, counts, words)


def _words(clauses: Iterable[Clause]) -> list[str]:
    found: list[str] = []
    for clause in clauses:
        found.extend(word for word in clause.words if len(word) >= 2 and word not in found)
    return found


def score(matches: list[LeafMatch], parsed: ParsedQuery, names: Names) -> list[Found]:
    """Scores every matching document with collection-wide statistics."""
    total = sum(len(m.leaf.data.keys) - len(m.leaf.deleted) for m in matches) or 1
    length_sum = sum(sum(m.leaf.data.lengths) for m in matches)
    avg_length = max(length_sum / max(sum(len(m.leaf.data.keys) for m in matches), 1), 1.0)
    positive = parsed.positive
    clause_idf = [_idf(total, sum(len(m.counts[i]) for m in matches if m.counts)) for i in range(len(positive))]
    words = _words(positive)
    word_idf = {w: _idf(total, sum(len(m.words.get(w, {})) for m in matches)) for w in words}
    zone_sets = [_zones_containing(clause, names) for clause in positive]
    city_sets = [_cities_containing(clause, names) for clause in positive]
    facet_fields = set(FACETS.values())
    found: list[Found] = []
    for m in matches:
        data = m.leaf.data
        for doc in m.docs:
            norm = 1 - B + B * (data.lengths[doc] or 1) / avg_length
            value = 0.0
            for i, clause in enumerate(positive):
                bonus = _bonus(clause, data.heads[doc], data.zones[doc], data.cities[doc], zone_sets[i], city_sets[i])
                value += clause_idf[i] * (_saturate(m.counts[i].get(doc, 0), norm) + bonus)
            for word in words:
                value += WORD_WEIGHT * word_idf[word] * _saturate(m.words[word].get(doc, 0), norm)
            found.append(Found(key=data.keys[doc], score=value, date=data.dates[doc], source=data.sources[doc],
                               zones=data.zones[doc], cities=data.cities[doc],
                               facets={name: data.values[name][doc] for name in facet_fields}))
    return found


def _idf(total: int, df: int) -> float:
    return math.log(1 + total / max(df, 1))


def _saturate(tf: float, norm: float) -> float:
    return tf * (K1 + 1) / (tf + K1 * norm) if tf else 0.0


def _bonus(
    clause: Clause, head: str, zones: tuple[str, ...], cities: tuple[str, ...],
    zone_set: frozenset[str], city_set: frozenset[str],
) -> float:
    bonus = 0.0
    title, _, rest = head.partition("\n")
    if any(literal in title for literal in clause.literals):
        bonus += TITLE_BONUS
    elif any(literal in rest for literal in clause.literals):
        bonus += HEAD_BONUS
    if zones and zone_set.intersection(zones):
        bonus += ZONE_BONUS + (PRIMARY_ZONE_BONUS if zones[0] in zone_set else 0.0)
    if cities and city_set.intersection(cities):
        bonus += CITY_BONUS
    return bonus


def _zones_containing(clause: Clause, names: Names) -> frozenset[str]:
    # 交城 is part of 交城经济开发区: articles about that zone rank above passing mentions.
    literals = [literal for literal in clause.literals if len(literal) >= 2]
    return frozenset(z.slug for name, z in names.zones.items() if any(lit in name for lit in literals))


def _cities_containing(clause: Clause, names: Names) -> frozenset[str]:
    literals = [literal for literal in clause.literals if len(literal) >= 2]
    return frozenset(slug for name, (slug, _) in names.cities.items() if any(lit in name for lit in literals))


def order(found: list[Found], sort: str) -> None:
    """Sorts in place: by score (newest first among equals), or by date — ``date`` newest
    first, ``oldest`` oldest first with undated articles last — best first among equals."""
    found.sort(key=lambda item: item.key)
    if sort == "date":
        found.sort(key=lambda item: -item.score)
        found.sort(key=lambda item: item.date or "", reverse=True)
    elif sort == "oldest":
        found.sort(key=lambda item: -item.score)
        found.sort(key=lambda item: (not item.date, item.date or ""))
    else:
        found.sort(key=lambda item: item.date or "", reverse=True)
        found.sort(key=lambda item: -item.score)
