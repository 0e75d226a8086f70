"""Faults an unlucky operator meets (ingest/guard.py, ingest/purge.py, ingest/pipeline.py,
ingest/cli.py): a killed run's workers and log row, a full disk, two runs at once,
symbolic links, a search-schema change, and CLI failures in one line."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from app import models
from app.config import Settings
from app.db import session_scope
from app.search.schema import INDEX_NAME
from ingest import index, pipeline
from ingest.guard import ArchiveBusy, archive_lock
from ingest.pipeline import SAMPLE_CORPUS, expand_paths, ingest

DEVZONE = [sys.executable, "-c", "from ingest.launch import main; main()"]
PAGE = SAMPLE_CORPUS / "004_1f7bcc093c03989e.txt"

ORPHAN_SCRIPT = """
import sys, time
from ingest.pipeline import worker_pool
pool = worker_pool(2)
pids = [pool.submit(__import__("os").getpid).result() for _ in range(4)]
print(" ".join(map(str, sorted(set(pids)))), flush=True)
pool.submit(time.sleep, 60)
time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_workers_die_with_a_killed_parent() -> None:
    parent = subprocess.Popen([sys.executable, "-c", ORPHAN_SCRIPT], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert workers and all(_alive(pid) for pid in workers)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers), "worker processes outlived their parent"


def test_a_killed_run_is_marked_failed_by_the_next(empty_settings: Settings) -> None:
    ingest(empty_settings, [PAGE])
    with session_scope(empty_settings) as session:
        session.add(models.IngestRun(started_at=pipeline.utc_now(), status="running", messages=[]))
    ingest(empty_settings, [PAGE])
    with session_scope(empty_settings) as session:
        statuses = [(run.status, run.messages) for run in session.scalars(select(models.IngestRun))]
    assert [status for status, _ in statuses] == ["ok", "failed", "ok"]
    assert statuses[1][1] == [pipeline.INTERRUPTED]


def test_a_second_run_is_told_the_archive_is_busy(empty_settings: Settings) -> None:
    with archive_lock(empty_settings):
        with pytest.raises(ArchiveBusy, match="archive busy"):
            ingest(empty_settings, [PAGE])
    assert ingest(empty_settings, [PAGE]).added == 1  # the lock went with its holder


def test_busy_archive_is_one_line_on_the_command_line(empty_settings: Settings) -> None:
    with archive_lock(empty_settings):
        done = subprocess.run([*DEVZONE, "ingest", "--data-dir", str(empty_settings.data_dir), str(PAGE)],
                              capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and "archive busy" in done.stderr


def test_a_full_disk_cleans_up_and_says_what_to_do(empty_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    ingest(empty_settings, [PAGE])
    before = sorted(p.name for p in empty_settings.index_dir.iterdir())

    def full(settings: Settings, docs: object, **_: object) -> None:
        (settings.index_dir / f"{INDEX_NAME}_partialseg.seg").write_bytes(b"half")
        (settings.index_dir / "pool-x").mkdir()
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(index, "add_documents", full)
    with pytest.raises(OSError):
        ingest(empty_settings, [SAMPLE_CORPUS])
    assert sorted(p.name for p in empty_settings.index_dir.iterdir()) == before
    from ingest.cli import one_line

    message = one_line(OSError(errno.ENOSPC, "No space left on device"))
    assert "\n" not in message and "free some space" in message
    monkeypatch.undo()
    assert ingest(empty_settings, [SAMPLE_CORPUS]).added == 4  # the next run is not blocked


def test_symbolic_links_in_folders_are_skipped_with_a_message(tmp_path: Path, empty_settings: Settings) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "page.txt").write_bytes(PAGE.read_bytes())
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "linked-dir").symlink_to(SAMPLE_CORPUS, target_is_directory=True)
    skipped: list[str] = []
    assert expand_paths([folder], skipped=skipped) == [folder / "page.txt"]
    assert len(skipped) == 2 and all("symbolic link" in s for s in skipped)
    summary = ingest(empty_settings, [folder])
    assert summary.added == 1 and any("passwd.txt" in s for s in summary.skipped)


def test_a_missing_index_is_rebuilt_from_the_database(empty_settings: Settings) -> None:
    ingest(empty_settings, [PAGE])
    keys = index.indexed_keys(empty_settings)
    shutil.rmtree(empty_settings.index_dir)  # what a schema-version bump looks like: no index of this version
    assert not index.indexed_keys(empty_settings)
    assert pipeline.rebuild_missing_index(empty_settings)
    assert index.indexed_keys(empty_settings) == keys
    assert not pipeline.rebuild_missing_index(empty_settings)


def test_cli_failures_are_one_line_and_debug_shows_the_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    args = ["search", "--data-dir", str(blocker / "archive"), "x"]
    done = subprocess.run([*DEVZONE, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and done.stderr.startswith("devzone: ") and done.stderr.count("\n") == 1
    debug = subprocess.run([*DEVZONE, "--debug", *args], capture_output=True, text=True, timeout=120)
    assert debug.returncode != 0 and "Traceback" in debug.stderr
