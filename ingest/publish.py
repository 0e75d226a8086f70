"""Index snapshots for a shared deployment: a run's index reaches every server at once.

With ``DEVZONE_PUBLISH_INDEX`` an ingest writes its own working index (``index-work``) and,
once the database has committed, publishes it: the working index is copied into
``index-snapshots/<name>`` — hard links, since index segment files are never changed once
written, only replaced — and ``index`` becomes a symbolic link to that snapshot through one
``rename``, which POSIX makes atomic. A server resolves ``index`` on each search, so the
next search after the rename reads the new snapshot whole and no search ever sees half of
one. The newest :data:`KEEP` snapshots stay on disk for searches still reading an older one.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

from app.config import Settings

SNAPSHOTS = "index-snapshots"
POINTER = "index"
#: Snapshots kept: the published one and the one before it (a search may still be on it).
KEEP = 2
#: Lock files belong to one index's writer or reader and are never part of a snapshot.
_LOCK_MARKERS = (".tantivy-", "WRITELOCK", ".lock")


def publish_index(settings: Settings) -> Path:
    """Publishes ``settings.index_dir`` as a new snapshot, switches ``index`` to it and
    removes snapshots older than the :data:`KEEP` newest. Returns the snapshot's folder."""
    root = settings.data_dir / SNAPSHOTS
    root.mkdir(parents=True, exist_ok=True)
    name = f"{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}-{os.getpid()}"
    snapshot = root / name
    settings.index_dir.mkdir(parents=True, exist_ok=True)  # an archive with nothing indexed yet
    shutil.copytree(settings.index_dir, snapshot, copy_function=_link_or_copy,
                    ignore=lambda _folder, names: [n for n in names if any(m in n for m in _LOCK_MARKERS)])
    _switch(settings.data_dir / POINTER, Path(SNAPSHOTS) / name)
    _prune(root, keep=KEEP)
    return snapshot


def published(settings: Settings) -> Path | None:
    """The snapshot ``index`` points at, or ``None`` when nothing was published."""
    pointer = settings.data_dir / POINTER
    return pointer.resolve() if pointer.is_symlink() else None


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed: a copy is as good
        shutil.copy2(source, target)


def _switch(pointer: Path, target: Path) -> None:
    # A relative link, so the data volume can be mounted at any path in each container.
    if pointer.is_dir() and not pointer.is_symlink():
        raise RuntimeError(f"{pointer} is a folder, not a published snapshot; move it away to publish here")
    staged = pointer.with_name(f".{pointer.name}.{os.getpid()}.new")
    staged.unlink(missing_ok=True)
    staged.symlink_to(target, target_is_directory=True)
    os.replace(staged, pointer)


def _prune(root: Path, *, keep: int) -> None:
    snapshots = sorted(path for path in root.iterdir() if path.is_dir())
    for old in snapshots[:-keep]:
        shutil.rmtree(old, ignore_errors=True)
