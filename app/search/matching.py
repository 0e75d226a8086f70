"""Reading the index: which documents hold a literal, how often, and their column values.

Whoosh is the storage here, not the query engine: its phrase machinery is ~10× too slow
for hundreds of overlapping bigrams per article, so literals are matched by reading posting
lists a block at a time and intersecting positions in plain Python sets. Everything works
per segment (a :class:`Leaf`); document numbers are the segment's own.

Per-segment column data (keys, dates, places, title block) is cached by segment id:
segments never change once written, only their deletion sets do, and those are read anew
for every search.
"""

from __future__ import annotations

import threading
from array import array
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from whoosh.codec.whoosh3 import W3LeafMatcher

from app.search.analyzer import SEGMENT_BREAK, covering_bigrams
from app.search.filters import FIELDS

_CACHE_SEGMENTS = 64


@dataclass(frozen=True)
class SegmentData:
    """Column values of every document in one segment, by document number."""

    keys: list[str]
    article_ids: list[str]
    dates: list[str]
    sources: list[str]
    zones: list[tuple[str, ...]]
    cities: list[tuple[str, ...]]
    #: Folded title block, whitespace removed, segments joined by SEGMENT_BREAK.
    heads: list[str]
    #: Characters indexed (the ``chars`` field length), for length normalisation.
    lengths: list[int]
    #: Each filter field's values (app.search.filters.FIELDS), by document number.
    values: dict[str, list[tuple[str, ...]]]


@dataclass
class Leaf:
    """One segment as seen by one search."""

    reader: Any
    data: SegmentData
    deleted: frozenset[int]

    def live(self) -> Iterable[int]:
        return (doc for doc in range(len(self.data.keys)) if doc not in self.deleted)


_cache: OrderedDict[str, SegmentData] = OrderedDict()
_cache_lock = threading.Lock()


def leaves(searcher: Any) -> list[Leaf]:
    """The searcher's segments with their (cached) column data and current deletions."""
    found = []
    for reader, _ in searcher.reader().leaf_readers():
        if reader.doc_count_all() == 0:
            continue
        segid = reader.segment().segment_id()
        with _cache_lock:
            data = _cache.get(segid)
            if data is not None:
                _cache.move_to_end(segid)
        if data is None:
            data = _load_segment(reader)
            with _cache_lock:
                _cache[segid] = data
                while len(_cache) > _CACHE_SEGMENTS:
                    _cache.popitem(last=False)
        deleted = reader.deleted_docs_set if reader.has_deletions() else frozenset()
        found.append(Leaf(reader=reader, data=data, deleted=frozenset(deleted)))
    return found


def _column(reader: Any, name: str) -> list[Any]:
    if not reader.has_column(name):
        return [None] * reader.doc_count_all()
    return list(reader.column_reader(name))


def _values(column: list[Any], *, many: bool) -> list[tuple[str, ...]]:
    # A list column holds space-separated bytes; a single-valued one the value itself.
    if many:
        return [tuple(value.decode("utf-8").split()) if value else () for value in column]
    return [(value,) if value else () for value in column]


def _load_segment(reader: Any) -> SegmentData:
    count = reader.doc_count_all()
    heads = []
    for value in _column(reader, "head_col"):
        text = value.decode("utf-8") if value else ""
        heads.append(SEGMENT_BREAK.join("".join(part.split()) for part in text.split(SEGMENT_BREAK)))
    values = {item.name: _values(_column(reader, item.whoosh_column), many=item.many) for item in FIELDS}
    return SegmentData(
        keys=[value or "" for value in _column(reader, "key")],
        article_ids=[value or "" for value in _column(reader, "article_id")],
        dates=[value[0] if value else "" for value in values["date"]],
        sources=[value[0] if value else "" for value in values["source"]],
        zones=values["zone"],
        cities=values["city"],
        heads=heads,
        lengths=[reader.doc_field_length(doc, "chars", 0) for doc in range(count)],
        values=values,
    )


def _postings(leaf: Leaf, field: str, text: str) -> tuple[list[int], list[float], list[bytes]]:
    """Every live posting of a term: document numbers, weights, encoded values."""
    reader = leaf.reader
    try:
        if (field, text) not in reader:
            return [], [], []
        matcher = reader.postings(field, text)
    except Exception:  # noqa: BLE001 - an unknown field or term simply matches nothing
        return [], [], []
    matcher = getattr(matcher, "child", matcher)  # deletions are filtered below instead
    ids: list[int] = []
    weights: list[float] = []
    values: list[bytes] = []
    if isinstance(matcher, W3LeafMatcher):
        # Whole blocks at a time: the block's arrays instead of a method call per posting.
        while not matcher._atend:
            matcher._read_ids()
            matcher._read_weights()
            matcher._read_values()
            ids.extend(matcher._ids)
            weights.extend(matcher._weights)
            values.extend(matcher._values)
            matcher._next_block()
    else:
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            values.append(matcher.value())
            matcher.next()
    if leaf.deleted:
        keep = [i for i, doc in enumerate(ids) if doc not in leaf.deleted]
        return [ids[i] for i in keep], [weights[i] for i in keep], [values[i] for i in keep]
    return ids, weights, values


def term_weights(leaf: Leaf, field: str, text: str) -> dict[int, float]:
    """Document → weight (the term's count) for one term of one field."""
    ids, weights, _ = _postings(leaf, field, text)
    return dict(zip(ids, weights, strict=True))


def literal_counts(leaf: Leaf, chars: str, *, within: set[int] | None = None) -> dict[int, int]:
    """Document → occurrences of ``chars`` (folded, whitespace removed) in any one segment.

    ``within`` restricts the answer (and the position work) to those documents.
    """
    if not chars:
        return {}
    if len(chars) <= 2:
        field = "chars" if len(chars) == 1 else "bigrams"
        weights = term_weights(leaf, field, chars)
        return {doc: int(w) for doc, w in weights.items() if within is None or doc in within}
    cover = covering_bigrams(chars)
    lists = {gram: _postings(leaf, "bigrams", gram) for gram in {gram for _, gram in cover}}
    if any(not lists[gram][0] for gram in lists):
        return {}
    # Documents holding every covering bigram, rarest first; then positions for those only.
    order = sorted(lists, key=lambda gram: len(lists[gram][0]))
    candidates = set(lists[order[0]][0])
    if within is not None:
        candidates &= within
    for gram in order[1:]:
        candidates.intersection_update(lists[gram][0])
        if not candidates:
            return {}
    values = {gram: {doc: value for doc, value in zip(ids, vals, strict=True) if doc in candidates}
              for gram, (ids, _, vals) in lists.items()}
    decode = _decode_positions
    counts: dict[int, int] = {}
    anchor_offset, anchor = cover[0]
    rest = cover[1:]
    for doc in candidates:
        starts = {p - anchor_offset for p in decode(values[anchor][doc])}
        for offset, gram in rest:
            starts.intersection_update(p - offset for p in decode(values[gram][doc]))
            if not starts:
                break
        if starts:
            counts[doc] = len(starts)
    return counts


def _decode_positions(value: bytes) -> list[int]:
    return array("I", value).tolist()
