"""What keeps one run from hurting another: the archive lock and workers that die with it.

One archive-wide lock (``.ingest.lock`` in the data dir, an ``flock``: the kernel drops it
when its holder dies, however it dies) lets one writing command — ingest, reprocess, remove
— run at a time; a second one waits ``wait`` seconds at most, then says the archive is busy.
Worker processes ask the kernel to kill them when their parent dies, so ``kill -9`` of a
run leaves no orphans holding memory.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a head start's child imports this module without the config's pydantic
    from app.config import Settings

LOCK_NAME = ".ingest.lock"
_PR_SET_PDEATHSIG = 1
_POLL_SECONDS = 0.2


class ArchiveBusy(RuntimeError):
    """Another command is writing to this archive."""


@contextmanager
def archive_lock(settings: Settings, *, wait: float = 0.0) -> Iterator[None]:
    """Holds the archive's write lock, waiting at most ``wait`` seconds for it."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    path = settings.data_dir / LOCK_NAME
    handle = open(path, "a+")  # noqa: SIM115 - held open for as long as the lock
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise ArchiveBusy(
                        f"archive busy: another ingest, reprocess or remove is writing to {settings.data_dir}; "
                        "run this again when it has finished"
                    ) from None
                time.sleep(_POLL_SECONDS)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")  # for people: who holds it
        handle.flush()
        yield
    finally:
        handle.close()  # closing releases the flock


def die_with_parent(parent: int | None = None) -> None:
    """In a worker process: be killed (SIGKILL) when the parent process dies.

    ``parent`` is the pid the worker expects as its parent: if that one is already gone
    (it died before this call), the worker exits at once.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if parent is not None and os.getppid() != parent:
        os._exit(1)
