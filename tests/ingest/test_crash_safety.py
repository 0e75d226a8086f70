"""A ``kill -9`` at any moment of an ingest leaves the archive exactly as it was before (or,
past the commit, exactly as it is after), readers keep working, and the next ingest
completes without manual clean-up."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ingest.guard import LOCK_NAME
from ingest.pipeline import SAMPLE_CORPUS

DEVZONE = [sys.executable, "-c", "from ingest.launch import main; main()"]
#: When the ingest is killed, as a share of a measured run's work (from taking the archive
#: lock to exiting): reading, segmenting, writing the database, writing the index.
KILL_AT = (0.05, 0.3, 0.55, 0.8)


def devzone(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*DEVZONE, *map(str, args)], capture_output=True, text=True, check=True, timeout=120)


def export(data: Path) -> list[str]:
    return sorted(devzone("export", "--data-dir", data).stdout.splitlines())


def search_total(data: Path, query: str) -> int:
    """Articles holding ``query`` literally (quoted: the word fallback must not count here)."""
    return int(json.loads(devzone("search", "--json", "--data-dir", data, f'"{query}"').stdout)["total"])


def start_ingest(data: Path, pages: Path) -> tuple[subprocess.Popen[bytes], float]:
    """An ingest of the folder ``pages`` into ``data``, once it holds the archive lock (its
    work has begun). A folder, not the files: files named on the command line get a head
    start (:mod:`ingest.head_start`) that segments them before the lock is taken, leaving too
    short a window after it for a kill to land reliably on a busy machine."""
    process = subprocess.Popen([*DEVZONE, "ingest", "--data-dir", str(data), str(pages)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    lock = data / LOCK_NAME
    deadline = time.monotonic() + 60
    while not (lock.exists() and lock.read_text().strip() == str(process.pid)):
        assert process.poll() is None, "the ingest ended before it took the archive lock"
        assert time.monotonic() < deadline, "the ingest never took the archive lock"
        time.sleep(0.01)
    return process, time.monotonic()


@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], list[str], float]:
    """A base archive of two pages, the exports before and after adding the other three, and
    how long adding them took once the lock was held (the window a kill must land in)."""
    root = tmp_path_factory.mktemp("crash")
    base = root / "base"
    devzone("ingest", "--data-dir", base, *sorted(pages_folder(root).glob("*.txt"))[:2])
    full = root / "full"
    shutil.copytree(base, full)
    process, began = start_ingest(full, pages_folder(root))
    assert process.wait(timeout=120) == 0
    return base, export(base), export(full), time.monotonic() - began


def pages_folder(root: Path) -> Path:
    """The sample corpus (its pages and what its manifest states), copied under ``root``."""
    folder = root / "pages"
    if not folder.is_dir():
        shutil.copytree(SAMPLE_CORPUS, folder)
    return folder


def kill_mid_run(base: Path, data: Path, delay: float) -> None:
    """Kills an ingest ``delay`` seconds into its work; fails unless the kill landed while it
    ran (a slower or faster machine shifts the window, so a late kill is tried again earlier)."""
    for _ in range(4):
        shutil.rmtree(data, ignore_errors=True)
        shutil.copytree(base, data)
        process, began = start_ingest(data, pages_folder(base.parent))
        time.sleep(max(0.0, began + delay - time.monotonic()))
        process.kill()
        if process.wait() == -signal.SIGKILL:
            return
        delay /= 2
    pytest.fail("every kill came after the ingest had finished: the test never tested a crash")


@pytest.mark.parametrize("share", KILL_AT)
def test_kill_leaves_the_old_or_the_new_archive_and_the_next_run_heals(
    archives: tuple[Path, list[str], list[str], float], tmp_path: Path, share: float
) -> None:
    base, before, after, work = archives
    data = tmp_path / "archive"
    kill_mid_run(base, data, share * work)

    state = export(data)
    assert state in (before, after)
    # 种鸡养殖 is only on a page the killed run was adding: search agrees with the database.
    assert search_total(data, "种鸡养殖") == (0 if state == before else 1)

    devzone("ingest", "--data-dir", data, pages_folder(base.parent))
    assert export(data) == after
    assert search_total(data, "种鸡养殖") == 1
