"""The index stage: article versions into the search index at ``settings.index_dir``.

The engine is :func:`app.search.engine.current`: tantivy (``app.search.tantivy_index``,
compiled, one writer) by default, or Whoosh, whose writing is described below.

Documents are keyed by ``Article.index_key`` (id + content hash), so adding a new version
never disturbs the old one until :func:`sync_index` deletes what the database no longer
names; search ignores keys the database does not hold, which makes every ordering of
crashes safe (see docs/ARCHITECTURE.md).

Large batches are indexed by worker processes, one new segment each, under the parent's
index lock: analysis and posting writing are pure Python, so a second core is the only
way to double the speed. Each worker's memory is bounded by its pool's spill limit.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import multiprocessing
import os
import queue
import shutil
import tempfile
import traceback
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.config import Settings
from app.models import Article
from app.search import engine
from app.search.documents import IndexDoc, doc_from_row

if TYPE_CHECKING:
    from app.search.codec import LeanSegmentWriter

# Whoosh and tantivy are each imported by the functions that use them: a run on one engine
# does not pay for loading the other.

#: Below this many documents, starting worker processes costs more than it saves.
PARALLEL_MIN_DOCS = 400
#: Documents handed to a worker at a time.
BATCH_SIZE = 40
#: Articles loaded from the database at a time by :func:`sync_index`.
SYNC_CHUNK = 500
_POLL_SECONDS = 1.0
POOL_PREFIX = "pool-"


class IndexingError(RuntimeError):
    """A worker process failed while indexing; the index is left as it was."""


def add_documents(settings: Settings, docs: Iterable[IndexDoc], *, procs: int | None = None) -> None:
    """Adds ``docs`` to the index and commits (one writer; workers for large batches).

    Nothing is visible to searchers until the commit; on error the writer is cancelled and
    the index keeps its previous state.
    """
    if engine.current() == "tantivy":
        from app.search import tantivy_index

        tantivy_index.add_documents(settings.index_dir, docs)
        return
    from app.search.codec import LeanSegmentWriter
    from app.search.schema import open_or_create_index

    stream = iter(docs)
    head = list(itertools.islice(stream, PARALLEL_MIN_DOCS))
    if not head:
        return
    procs = procs if procs is not None else min(2, os.cpu_count() or 1)
    ix = open_or_create_index(settings.index_dir)
    writer = LeanSegmentWriter(ix, tempdir=str(settings.index_dir))  # takes the index lock
    _remove_stale_pools(settings.index_dir)  # safe: whoever made them no longer holds the lock
    tempdir = tempfile.mkdtemp(prefix=POOL_PREFIX, dir=settings.index_dir)
    writer.pool.tempdir = tempdir
    try:
        if procs < 2 or len(head) < PARALLEL_MIN_DOCS:
            _add_in_process(writer, head)
        else:
            _add_with_workers(ix, writer, tempdir, itertools.chain(head, stream), procs)
    finally:
        shutil.rmtree(tempdir, ignore_errors=True)


def _remove_stale_pools(index_dir: Path) -> None:
    for path in index_dir.glob(POOL_PREFIX + "*"):
        shutil.rmtree(path, ignore_errors=True)


def _add_in_process(writer: LeanSegmentWriter, docs: list[IndexDoc]) -> None:
    try:
        with _gc_paused():
            for doc in docs:
                writer.add_document(**doc.fields())
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    # The pool holds millions of small containers; cyclic GC passes over them cost ~15%
    # and can free nothing (postings hold no cycles).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _add_with_workers(ix: Any, writer: LeanSegmentWriter, tempdir: str, docs: Iterator[IndexDoc], procs: int) -> None:
    from whoosh.writing import MERGE_SMALL

    # The parent's writer holds the index lock; workers write segments under it.
    context = multiprocessing.get_context("spawn")  # no inherited locks or DB connections
    jobs: Any = context.Queue(maxsize=procs * 2)  # bounded: the producer waits, memory stays flat
    results: Any = context.Queue()
    workers = [
        context.Process(
            target=_worker, args=(str(ix.storage.folder), ix.indexname, tempdir, jobs, results), daemon=True
        )
        for _ in range(procs)
    ]
    try:
        for worker in workers:
            worker.start()

        def alive() -> bool:
            return all(worker.is_alive() for worker in workers)

        for batch in _batched(docs, BATCH_SIZE):
            _put(jobs, batch, alive)
        for _ in workers:
            _put(jobs, None, alive)
        segments = [segment for segment in (_get(results, workers) for _ in workers) if segment]
        for worker in workers:
            worker.join()
    except BaseException:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
        writer.cancel()
        raise
    writer.commit(mergetype=lambda w, existing: MERGE_SMALL(w, existing) + segments)


def _batched(items: Iterator[IndexDoc], size: int) -> Iterator[list[IndexDoc]]:
    while batch := list(itertools.islice(items, size)):
        yield batch


def _put(jobs: Any, item: list[IndexDoc] | None, alive: Callable[[], bool]) -> None:
    while True:
        try:
            jobs.put(item, timeout=_POLL_SECONDS)
            return
        except queue.Full:
            if not alive():
                raise IndexingError("an indexing worker died") from None


def _get(results: Any, workers: list[Any]) -> Any:
    while True:
        try:
            status, payload = results.get(timeout=_POLL_SECONDS)
        except queue.Empty:
            if not all(worker.is_alive() or worker.exitcode == 0 for worker in workers):
                raise IndexingError("an indexing worker died") from None
            continue
        if status != "ok":
            raise IndexingError(f"an indexing worker failed:\n{payload}")
        return payload


def _worker(index_dir: str, indexname: str, tempdir: str, jobs: Any, results: Any) -> None:
    """Worker process: documents from ``jobs`` into one new segment, sent back on ``results``."""
    from ingest.guard import die_with_parent

    die_with_parent()  # a killed ingest leaves no indexing workers behind
    gc.disable()  # see _gc_paused
    try:
        from whoosh import index as whoosh_index

        from app.search.codec import LeanSegmentWriter

        ix = whoosh_index.open_dir(index_dir, indexname)
        writer = LeanSegmentWriter(ix, tempdir=tempdir, lock=False)
        while (batch := jobs.get()) is not None:
            for doc in batch:
                writer.add_document(**doc.fields())
        # Whoosh's own multi-segment writer finishes sub-segments the same way.
        segment = writer._finalize_segment() if writer.docnum else None
        results.put(("ok", segment))
    except BaseException:
        results.put(("error", traceback.format_exc()))


def delete_keys(settings: Settings, keys: Iterable[str]) -> int:
    """Deletes the documents with these keys; returns how many keys were asked for."""
    if engine.current() == "tantivy":
        from app.search import tantivy_index

        return tantivy_index.delete_keys(settings.index_dir, keys)
    from app.search.codec import LeanSegmentWriter
    from app.search.schema import open_index, open_or_create_index

    wanted = sorted(set(keys))
    if not wanted or open_index(settings.index_dir) is None:
        return 0
    ix = open_or_create_index(settings.index_dir)
    writer = LeanSegmentWriter(ix, tempdir=str(settings.index_dir))  # deleting adds no postings
    try:
        for key in wanted:
            writer.delete_by_term("key", key)
    except BaseException:
        writer.cancel()
        raise
    writer.commit(merge=False)
    return len(wanted)


def indexed_keys(settings: Settings) -> set[str]:
    """The keys of every live (not deleted) document in the index."""
    if engine.current() == "tantivy":
        from app.search import tantivy_index

        return tantivy_index.indexed_keys(settings.index_dir)
    from app.search.schema import open_index

    ix = open_index(settings.index_dir)
    if ix is None:
        return set()
    keys: set[str] = set()
    with ix.searcher() as searcher:
        for reader, _ in searcher.reader().leaf_readers():
            column = reader.column_reader("key")
            deleted = reader.deleted_docs_set if reader.has_deletions() else frozenset()
            keys.update(column[docnum] for docnum in range(reader.doc_count_all()) if docnum not in deleted)
    return keys


def sync_index(settings: Settings, session: Session) -> tuple[int, int]:
    """Makes the index hold exactly the database's ``index_key``s; returns (added, deleted).

    Adds articles the index lacks (built with :func:`doc_from_row`, a chunk at a time) and
    deletes documents the database no longer names — what a crash may have left behind.
    """
    in_db = set(session.scalars(select(Article.index_key)))
    in_index = indexed_keys(settings)
    added = add_keys(settings, session, sorted(in_db - in_index))
    orphans = in_index - in_db
    if orphans:
        delete_keys(settings, orphans)
    return added, len(orphans)


def _docs_for(session: Session, keys: list[str]) -> Iterator[IndexDoc]:
    for start in range(0, len(keys), SYNC_CHUNK):
        chunk = keys[start : start + SYNC_CHUNK]
        articles = session.scalars(
            select(Article)
            .where(Article.index_key.in_(chunk))
            .options(selectinload(Article.paragraphs), selectinload(Article.places), selectinload(Article.source))
        ).all()
        # The identity map holds rows weakly: a chunk is freed once its documents are built.
        yield from (doc_from_row(article) for article in articles)



def add_missing(settings: Settings, session: Session) -> int:
    """Adds the article versions ``session`` can see but the index lacks; returns how many.

    Called inside an ingest's transaction, before it commits, so the new versions are in
    the index by the time the database names them (old ones stay until :func:`sync_index`).
    """
    in_db = set(session.scalars(select(Article.index_key)))
    return add_keys(settings, session, sorted(in_db - indexed_keys(settings)))


def add_keys(settings: Settings, session: Session, keys: list[str]) -> int:
    """Adds the article versions with these keys, as ``session`` sees them; returns how many."""
    if keys:
        add_documents(settings, _docs_for(session, keys))
    return len(keys)


def doc_count(settings: Settings) -> int:
    """How many live documents the index holds (0 when there is no index)."""
    if engine.current() == "tantivy":
        from app.search import tantivy_index

        found = tantivy_index.open_index(settings.index_dir)
        if found is None:
            return 0
        found.reload()
        return int(found.searcher().num_docs)
    from app.search.schema import open_index

    ix = open_index(settings.index_dir)
    return 0 if ix is None else int(ix.doc_count())
