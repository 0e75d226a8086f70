"""The tantivy index: one document per article version, keyed by ``Article.index_key``.

The analyzer's grams (:mod:`app.search.analyzer`) are computed here in Python, with C-level
string operations, and handed to tantivy as whitespace-separated tokens, so tantivy's own
``whitespace`` tokenizer sees exactly the grams the Whoosh index holds:

* ``g1`` — every character (frequencies only);
* ``g2`` — every adjacent pair, positioned one per pair, so a literal of 3+ characters is a
  phrase of its :func:`covering_bigrams` at their offsets. Segments are separated by two
  filler tokens: covering bigrams are at most two apart, so no phrase can span a break.
* ``t1``/``t2`` (title) and ``h1``/``h2`` (kicker, subtitle) hold the same for the title
  block: they only rank (matching reads ``g1``/``g2``, which hold the title block too).
* ``words`` — jieba's precise cut of the paragraphs, for the ranking's word term.

Filters and facets (the fields of :data:`app.search.filters.FIELDS`) are raw-tokenised fast
fields; ``date`` is an integer ``YYYYMMDD`` (0 when unknown). Tantivy commits atomically,
so the crash-safe ordering of docs/ARCHITECTURE.md holds as it does with Whoosh.
"""

from __future__ import annotations

import contextlib
import hashlib
import operator
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import tantivy

from app.search.analyzer import SEGMENT_BREAK, cut_words, fold
from app.search.documents import IndexDoc
from app.search.filters import FIELDS

#: Bumped when the schema or the gram layout changes: a new folder, filled by ``sync_index``.
TANTIVY_VERSION = 1
INDEX_NAME = f"tantivy_v{TANTIVY_VERSION}"
#: Filler between segments in the bigram fields (one character: never a bigram).
SEPARATOR = "\x01 \x01"
WRITER_HEAP = 64_000_000
#: Keys read per aggregation page when listing the index's keys.
#: tantivy's default cap on the buckets of one aggregation is 65,000; stay below it.
BUCKET_LIMIT = 60_000
#: Every character an index key is made of (ids are base32 in lower case, ``a-…:…``).
KEY_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789-:_."

_GRAM_FIELDS = ("g1", "g2", "t1", "t2", "h1", "h2")
#: Raw fields in schema order (an index opens only with the order it was created with): the
#: keys, ``zone1`` (the article's first zone, for ranking) and the filter table's fields
#: (app.search.filters.FIELDS; ``date`` is the integer field below), a new one appended.
_LAYOUT = ("key", "article_id", "zone", "zone1", "city", "source", "year")
_RAW_FIELDS = _LAYOUT + tuple(item.name for item in FIELDS if not item.is_date and item.name not in _LAYOUT)


def build_schema() -> Any:
    """The schema every tantivy index of this archive is created with."""
    builder = tantivy.SchemaBuilder()
    for name in _RAW_FIELDS:
        builder.add_text_field(name, stored=name in ("key", "article_id"), fast=True, tokenizer_name="raw",
                               index_option="basic")
    for name in _GRAM_FIELDS:
        option = "position" if name.endswith("2") else "freq"
        builder.add_text_field(name, tokenizer_name="whitespace", index_option=option)
    builder.add_text_field("words", tokenizer_name="whitespace", index_option="freq")
    builder.add_integer_field("date", fast=True, indexed=True)
    return builder.build()


def index_path(index_dir: Path) -> Path:
    return index_dir / INDEX_NAME


_indexes: dict[str, Any] = {}
_lock = threading.Lock()


def open_index(index_dir: Path, *, create: bool = False) -> Any:
    """The archive's tantivy index (shared per folder); ``None`` when there is none and
    ``create`` is false."""
    path = index_path(index_dir)
    key = str(path.resolve())
    with _lock:
        found = _indexes.get(key)
        if found is not None and (path / "meta.json").exists():
            return found
        _indexes.pop(key, None)
        if not (path / "meta.json").exists():
            if not create:
                return None
            path.mkdir(parents=True, exist_ok=True)
        opened = path if os.access(path, os.W_OK) else _read_only_view(path)
        index = tantivy.Index(build_schema(), path=str(opened), reuse=True)
        # A published snapshot that was replaced and removed (ingest/publish.py): let go of it.
        for stale in [known for known in _indexes if not Path(known, "meta.json").exists()]:
            del _indexes[stale]
            view = _views.pop(stale, None)
            if view is not None:
                shutil.rmtree(view, ignore_errors=True)
        _indexes[key] = index
        if opened != path:
            _views[key] = opened
        return index


#: Read-only indexes (a copied archive, a read-only volume) → their writable views.
_views: dict[str, Path] = {}


def _read_only_view(path: Path) -> Path:
    """A private folder of links to a read-only index's files. Opening an index makes tantivy
    create its lock files beside them, which a read-only folder refuses; the links let it put
    them here instead, while every byte is still read (mmap) from the index itself."""
    view = Path(tempfile.mkdtemp(prefix="devzone-index-view-"))
    for item in path.iterdir():
        if not item.name.startswith(".tantivy-"):  # lock files: the view makes its own
            (view / item.name).symlink_to(item.resolve())
    return view


def forget(index_dir: Path) -> None:
    """Drops the cached handle (tests that delete an archive's folder)."""
    with _lock:
        _indexes.pop(str(index_path(index_dir).resolve()), None)


def compact_segments(segments: Iterable[str]) -> list[str]:
    """Each segment folded with its whitespace removed: the grams' view of the text."""
    found = []
    for segment in segments:
        chars = "".join(fold(segment.replace(SEGMENT_BREAK, " ")).split())
        if chars:
            found.append(chars)
    return found


def unigram_text(segments: list[str]) -> str:
    """Every character as a token."""
    return " ".join("".join(segments))


def bigram_text(segments: list[str]) -> str:
    """Every adjacent pair as a token, one position each; segments kept apart by filler."""
    return f" {SEPARATOR} ".join(" ".join(map(operator.add, chars, chars[1:])) for chars in segments if len(chars) > 1)


def word_text(paragraphs: list[str]) -> str:
    words = (word for text in paragraphs for word, _, _ in cut_words(text))
    return " ".join(word for word in words if word.isalnum() or not any(char.isspace() for char in word))


def to_document(doc: IndexDoc) -> Any:
    """The tantivy document of one :class:`IndexDoc`."""
    head = doc.head_segments()
    everything = compact_segments([*head, *doc.paragraphs])
    title = compact_segments(head[:1])
    rest = compact_segments(head[1:])
    values: dict[str, Any] = {
        "key": doc.key,
        "article_id": doc.article_id,
        "g1": unigram_text(everything),
        "g2": bigram_text(everything),
        "t1": unigram_text(title),
        "t2": bigram_text(title),
        "h1": unigram_text(rest),
        "h2": bigram_text(rest),
        "words": word_text(doc.paragraphs),
        "date": int(doc.date.replace("-", "")[:8]) if doc.date and doc.date[:4].isdigit() else 0,
    }
    document = tantivy.Document(**{name: value for name, value in values.items() if value not in ("", None)})
    for field in FIELDS:  # the filter table's fields (app.search.filters)
        if not field.is_date:
            for value in field.values(doc):
                document.add_text(field.name, value)
    if doc.zones:
        document.add_text("zone1", doc.zones[0])
    return document


def add_documents(index_dir: Path, docs: Iterable[IndexDoc]) -> int:
    """Adds ``docs`` and commits once; on error nothing is committed. Returns how many."""
    stream = iter(docs)
    first = next(stream, None)
    if first is None:
        return 0
    index = open_index(index_dir, create=True)
    known = _cached_keys(index_dir)
    added: set[str] = set()
    with _committing(index) as writer:
        for doc in _chain(first, stream):
            writer.add_document(to_document(doc))
            added.add(doc.key)
    _remember_keys(index_dir, None if known is None else known | added)
    index.reload()
    return len(added)


@contextlib.contextmanager
def _committing(index: Any) -> Iterator[Any]:
    """A writer (holding the index's writer lock until dropped) whose changes are committed
    together when the block ends, or rolled back if it raises."""
    writer = index.writer(WRITER_HEAP, 1)
    try:
        yield writer
        writer.commit()
    except BaseException:
        writer.rollback()
        raise
    finally:
        writer.wait_merging_threads()


def _chain(first: IndexDoc, rest: Iterable[IndexDoc]) -> Iterable[IndexDoc]:
    yield first
    yield from rest


def delete_keys(index_dir: Path, keys: Iterable[str]) -> int:
    """Deletes the documents with these keys and commits; returns how many keys were asked for."""
    wanted = sorted(set(keys))
    index = open_index(index_dir)
    if not wanted or index is None:
        return 0
    known = _cached_keys(index_dir)
    with _committing(index) as writer:
        for key in wanted:
            writer.delete_documents_by_term("key", key)
    _remember_keys(index_dir, None if known is None else known - set(wanted))
    index.reload()
    return len(wanted)


# The index's keys as of one commit (meta.json's identity): an ingest asks for them three
# times (heal, add, delete), and a writer that just committed knows what it changed.
_key_cache: dict[str, tuple[bytes, frozenset[str]]] = {}


def _generation(index_dir: Path) -> bytes | None:
    # meta.json names every segment, its deletions and the commit's opstamp: a few KB.
    try:
        return hashlib.sha256((index_path(index_dir) / "meta.json").read_bytes()).digest()
    except OSError:
        return None


def _cached_keys(index_dir: Path) -> frozenset[str] | None:
    found = _key_cache.get(str(index_path(index_dir)))
    return found[1] if found is not None and found[0] == _generation(index_dir) else None


def _remember_keys(index_dir: Path, keys: Iterable[str] | None) -> None:
    generation = _generation(index_dir)
    if keys is None or generation is None:
        _key_cache.pop(str(index_path(index_dir)), None)
    else:
        _key_cache[str(index_path(index_dir))] = (generation, frozenset(keys))


def indexed_keys(index_dir: Path) -> set[str]:
    """The keys of every live document (terms aggregations over the ``key`` fast field)."""
    index = open_index(index_dir)
    if index is None:
        return set()
    known = _cached_keys(index_dir)
    if known is not None:
        return set(known)
    generation = _generation(index_dir)
    index.reload()
    searcher = index.searcher()
    keys = _keys_with_prefix(index, searcher, "", searcher.num_docs)
    if len(keys) != searcher.num_docs:
        raise RuntimeError(f"the index lists {len(keys):,} keys for {searcher.num_docs:,} documents")
    if generation is not None and generation == _generation(index_dir):
        _key_cache[str(index_path(index_dir))] = (generation, frozenset(keys))
    return keys


def _keys_with_prefix(index: Any, searcher: Any, prefix: str, count: int) -> set[str]:
    # One terms aggregation answers at most BUCKET_LIMIT buckets (tantivy refuses more), so
    # an archive past that is listed prefix by prefix, each part small enough for one.
    if count == 0:
        return set()
    query = (tantivy.Query.all_query() if not prefix
             else tantivy.Query.regex_query(index.schema, "key", re.escape(prefix) + ".*"))
    if count <= BUCKET_LIMIT:
        spec = {"keys": {"terms": {"field": "key", "size": count, "segment_size": count}}}
        return {bucket["key"] for bucket in searcher.aggregate(query, spec)["keys"]["buckets"]}
    keys = {prefix} if prefix and searcher.search(tantivy.Query.term_query(index.schema, "key", prefix), 1).count else set()
    for char in KEY_ALPHABET:
        longer = prefix + char
        part = tantivy.Query.regex_query(index.schema, "key", re.escape(longer) + ".*")
        keys |= _keys_with_prefix(index, searcher, longer, searcher.search(part, 1, count=True).count)
    return keys
