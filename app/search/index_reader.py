"""One shared, read-only searcher per index directory, refreshed when the index changes.

Opening a Whoosh searcher costs a few milliseconds (table of contents, segment files); a
search costs tens. So searchers are kept, checked for freshness on each use, and used under
a lock: a Whoosh searcher reads through shared file objects and is not thread-safe.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.search.schema import open_index

_searchers: dict[str, Any] = {}
_locks: dict[str, threading.Lock] = {}
_registry_lock = threading.Lock()


@contextmanager
def open_searcher(index_dir: Path) -> Iterator[Any]:
    """The index's current searcher, held exclusively; ``None`` when there is no index."""
    path = str(index_dir.resolve())
    with _registry_lock:
        lock = _locks.setdefault(path, threading.Lock())
    with lock:
        yield _current(path, index_dir)


def _current(path: str, index_dir: Path) -> Any:
    searcher = _searchers.get(path)
    if searcher is not None:
        try:
            if searcher.up_to_date():
                return searcher
        except Exception:  # noqa: BLE001 - a replaced or removed index: reopen below
            pass
        # Not searcher.refresh(): it re-uses a segment's reader by segment id, keeping the
        # deletions the segment had when first opened (whoosh-reloaded 2.7.5).
        _forget(path)
    ix = open_index(index_dir)
    if ix is None:
        return None
    _searchers[path] = searcher = ix.searcher()
    return searcher


def _forget(path: str) -> None:
    searcher = _searchers.pop(path, None)
    if searcher is not None:
        try:
            searcher.close()
        except Exception:  # noqa: BLE001 - closing a dead searcher may fail; it is gone anyway
            pass


def close_all() -> None:
    """Closes every cached searcher (tests, shutdown)."""
    with _registry_lock:
        for path in list(_searchers):
            _forget(path)
