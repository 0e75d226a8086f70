"""What a failed run leaves in the index folder, removed (Open ONI's ``purge_batch`` idea).

A run that fails part-way — a full disk, a kill, a crashed worker — may leave spill pools
and segment files that no table of contents names. They hold no data anyone reads, but
they hold disk space, and on a full disk that makes every later run fail too. The database
side needs nothing: its transaction rolled back.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from app.config import Settings

POOL_PREFIX = "pool-"


def discard_partial(settings: Settings) -> int:
    """Removes spill pools and unreferenced segment files; returns how many paths went.

    Call only while holding the archive lock (no other writer can be mid-commit).
    """
    from app.search.schema import INDEX_NAME  # Whoosh, loaded only when a run failed

    index_dir = settings.index_dir
    if not index_dir.is_dir():
        return 0
    removed = 0
    for pool in index_dir.glob(POOL_PREFIX + "*"):
        shutil.rmtree(pool, ignore_errors=True)
        removed += 1
    live = _live_prefixes(index_dir)
    for path in index_dir.glob(f"{INDEX_NAME}_*"):
        if path.is_file() and not path.name.endswith("WRITELOCK") and not path.name.startswith(live):
            path.unlink(missing_ok=True)
            removed += 1
    for spill in index_dir.glob("*.run"):
        spill.unlink(missing_ok=True)
        removed += 1
    return removed


def _live_prefixes(index_dir: Path) -> tuple[str, ...]:
    from app.search.schema import open_index

    try:
        ix = open_index(index_dir)
    except Exception:  # noqa: BLE001 - an unreadable index: keep everything, a person decides
        return ("",)
    if ix is None:
        return ()
    return tuple(segment.segment_id() for segment in ix._segments())  # "<indexname>_<segid>"
