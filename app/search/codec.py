"""The index's on-disk codec: Whoosh's W3 format, written with less per-posting work.

Files are byte-compatible with :class:`whoosh.codec.whoosh3.W3Codec`; what changes is the
writing: no per-posting type assertions, no per-posting document-length lookups (their only
use is Whoosh's block-quality scoring, which :mod:`app.search.matching` does not use) and
light compression. Together with the index stage's pool this triples indexing speed.

Segments pickle their codec into the index's table of contents, so readers import this
module too: it must stay importable under this name.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import marshal
import os
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from typing import Any

from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3PostingsWriter
from whoosh.writing import SegmentWriter


class _LeanPostingsWriter(W3PostingsWriter):  # type: ignore[misc]
    def add_posting(self, id_: int, weight: float, vbytes: bytes, length: int | None = None) -> None:
        # W3PostingsWriter.add_posting minus assertions and length statistics.
        block: Any = self  # the base class is untyped
        if len(block._ids) >= block._blocklimit:
            block._write_block()
        block._ids.append(id_)
        block._weights.append(weight)
        block._maxweight = max(block._maxweight, weight)
        if vbytes:
            block._values.append(vbytes)


class _LeanFieldWriter(W3FieldWriter):  # type: ignore[misc]
    def add_postings(self, schema: Any, lengths: Any, items: Any) -> None:
        if not isinstance(items, GroupedPostings):
            super().add_postings(schema, lengths, items)
            return
        # A term's postings go into the postings writer's block buffers a block at a time
        # (what add_posting would do one posting at a time).
        lastfn = None
        for fieldname, text, docnums, weights, values in items.groups():
            if fieldname != lastfn:
                if lastfn is not None:
                    self.finish_field()
                self.start_field(fieldname, schema[fieldname])
                lastfn = fieldname
            self.start_term(text)
            postings: Any = self._postwriter
            size = postings._blocklimit
            for start in range(0, len(docnums), size):
                if postings._ids:
                    postings._write_block()
                chunk = weights[start : start + size]
                postings._ids.extend(docnums[start : start + size])
                postings._weights.extend(chunk)
                postings._maxweight = max(postings._maxweight, max(chunk))
                postings._values.extend(value for value in values[start : start + size] if value)
            self.finish_term()
        if lastfn is not None:
            self.finish_field()


class LeanCodec(W3Codec):  # type: ignore[misc]
    """W3 files without length statistics; see the module docstring."""

    length_stats = False

    def __init__(self) -> None:
        super().__init__(blocklimit=128, compression=1, inlinelimit=1)

    def field_writer(self, storage: Any, segment: Any) -> W3FieldWriter:
        return _LeanFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> W3PostingsWriter:
        return _LeanPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )


_Group = tuple[str, bytes, "array[int]", "array[float]", list[bytes]]


class GroupedPostings:
    """A pool's postings, term by term; iterating gives Whoosh's posting tuples."""

    def __init__(self, groups: Iterator[_Group]) -> None:
        self._groups = groups

    def groups(self) -> Iterator[_Group]:
        return self._groups

    def __iter__(self) -> Iterator[tuple[str, bytes, int, float, bytes]]:
        for fieldname, text, docnums, weights, values in self._groups:
            for docnum, weight, value in zip(docnums, weights, values, strict=True):
                yield fieldname, text, docnum, weight, value


class TermPool:
    """Whoosh's posting pool, grouped by term instead of sorted posting by posting.

    Documents arrive in document-number order, so appending each posting to its term's
    arrays keeps every posting list sorted; only the distinct terms are sorted at the end.
    Past ``limit`` buffered postings the pool spills a sorted run to ``tempdir`` and merges
    the runs term by term at the end, so memory stays flat however much is indexed.
    """

    def __init__(self, tempdir: str, *, limit: int = 1_500_000) -> None:
        self.tempdir = tempdir
        self.limit = limit
        self.fieldnames: set[str] = set()
        self._terms: dict[tuple[str, bytes], tuple[array[int], array[float], list[bytes]]] = {}
        self._count = 0
        self._runs: list[str] = []

    def add_field(self, fieldname: str, docnum: int, items: Iterable[tuple[bytes, int, float, bytes]]) -> None:
        """Adds one document's postings for one field (``FieldType.index`` output)."""
        terms = self._terms
        count = 0
        for text, _, weight, value in items:
            lists = terms.get((fieldname, text))
            if lists is None:
                lists = terms[fieldname, text] = (array("I"), array("f"), [])
            lists[0].append(docnum)
            lists[1].append(weight)
            lists[2].append(value)
            count += 1
        self.fieldnames.add(fieldname)
        self._count += count
        if self._count >= self.limit:
            self._spill()

    def add(self, item: tuple[str, bytes, int, float, bytes]) -> None:
        fieldname, text, docnum, weight, value = item
        lists = self._terms.get((fieldname, text))
        if lists is None:
            lists = self._terms[fieldname, text] = (array("I"), array("f"), [])
            self.fieldnames.add(fieldname)
        lists[0].append(docnum)
        lists[1].append(weight)
        lists[2].append(value)
        self._count += 1
        if self._count >= self.limit:
            self._spill()

    def _spill(self) -> None:
        fd, path = tempfile.mkstemp(suffix=".run", dir=self.tempdir)
        with os.fdopen(fd, "wb") as run:
            for key in sorted(self._terms):
                docnums, weights, values = self._terms[key]
                marshal.dump((key, docnums.tobytes(), weights.tobytes(), values), run)
        self._runs.append(path)
        self._terms = {}
        self._count = 0

    def _groups(self) -> Iterator[_Group]:
        if not self._runs:
            for key in sorted(self._terms):
                yield (*key, *self._terms[key])
            return
        if self._terms:
            self._spill()
        # heapq.merge is stable: a term's records come run by run, i.e. in document order.
        records = heapq.merge(*(_read_run(path) for path in self._runs), key=lambda record: record[0])
        for key, group in itertools.groupby(records, key=lambda record: record[0]):
            docnums, weights, values = array("I"), array("f"), []
            for _, docbytes, weightbytes, runvalues in group:
                docnums.frombytes(docbytes)
                weights.frombytes(weightbytes)
                values.extend(runvalues)
            yield (*key, docnums, weights, values)

    def iter_postings(self) -> GroupedPostings:
        return GroupedPostings(self._groups())

    def cleanup(self) -> None:
        for path in self._runs:
            with contextlib.suppress(OSError):
                os.remove(path)
        self._runs = []
        self._terms = {}


def _read_run(path: str) -> Iterator[Any]:
    with open(path, "rb") as run:
        while True:
            try:
                yield marshal.load(run)
            except EOFError:
                return


#: Seconds a writer waits for the index lock.
LOCK_TIMEOUT = 60.0


class LeanSegmentWriter(SegmentWriter):  # type: ignore[misc]
    """A segment writer with :class:`LeanCodec` and a :class:`TermPool`.

    ``add_document`` is Whoosh's minus what this schema never uses (document and field
    boosts, spelling fields, term vectors, ``_stored_`` overrides), handing each field's
    postings to the pool in one call. ``lock=False`` is for worker processes building
    extra segments under a parent writer that holds the index's lock.
    """

    def __init__(self, ix: Any, *, tempdir: str, lock: bool = True) -> None:
        # Another ingest may hold the lock for a while: wait for it rather than fail at once.
        super().__init__(ix, _lk=lock, codec=LeanCodec(), timeout=LOCK_TIMEOUT if lock else 0.0)
        self.pool = TermPool(tempdir)

    def add_document(self, **fields: Any) -> None:
        self._check_state()
        schema = self.schema
        docnum = self.docnum
        perdoc = self.perdocwriter
        names = sorted(fields)
        self._check_fields(schema, names)
        perdoc.start_doc(docnum)
        try:
            for name in names:
                value = fields[name]
                field = schema[name]
                length = 0
                if field.indexed:
                    items = list(field.index(value))
                    self.pool.add_field(name, docnum, items)
                    if field.scorable:
                        length = sum(item[1] for item in items)
                perdoc.add_field(name, field, value if field.stored else None, length)
                if field.column_type is not None:
                    perdoc.add_column_value(name, field.column_type, field.to_column_value(value))
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1
