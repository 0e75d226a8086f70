"""The head start of a small ingest: which command lines get one, and that a run stores
exactly what it would have stored without it — using the child's work only when it was done
for the very file, bytes, name and stated facts the run planned."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app import models
from app.config import Settings
from app.db import session_scope
from app.search import analyzer
from ingest import head_start, pipeline, stages
from ingest.pipeline import SAMPLE_CORPUS, ingest

PAGE = SAMPLE_CORPUS / "002_4d37290c3898b9a3.txt"


pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="a head start forks")


@pytest.fixture(autouse=True)
def _no_head_start_left(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(head_start, "_started", None)
    monkeypatch.setattr(analyzer, "_cut_ahead", {})  # no cuts left by an earlier test
    monkeypatch.setattr(head_start, "cores", lambda: 2)  # a one-CPU runner tests it too
    yield


def stored(settings: Settings) -> list[tuple[str, str]]:
    with session_scope(settings) as session:
        return sorted((pid, text) for pid, text in session.execute(select(models.Paragraph.id, models.Paragraph.text)))


def refuse_inline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the run fail if it processes a file itself (the head start must have)."""

    def inline(job: pipeline.Job) -> object:
        raise AssertionError(f"{job.name} was processed in the run, not in the head start")

    monkeypatch.setattr(pipeline, "_process_or_refuse", inline)


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["devzone", "ingest", "a.txt"], ["a.txt"]),
        (["devzone", "ingest", "--data-dir", "b.txt", "a.txt"], ["a.txt"]),
        (["devzone", "ingest", "a.txt", "--", "-c.txt"], ["a.txt", "-c.txt"]),
        (["devzone", "ingest", "a.txt", "folder"], []),  # a folder: a batch, for the worker pool
        (["devzone", "ingest", "a.txt", "missing.txt"], []),
        (["devzone", "ingest", "--help", "a.txt"], []),
        (["devzone", "export", "a.txt"], []),
        (["devzone"], []),
    ],
)
def test_only_a_small_ingest_of_files_gets_a_head_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str], named: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("a.txt", "b.txt", "-c.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    assert head_start.files_named(argv) == [Path(name) for name in named]


def test_more_files_than_a_head_start_takes_are_left_to_the_pool(tmp_path: Path) -> None:
    files = [tmp_path / f"{i}.txt" for i in range(head_start.MOST_FILES + 1)]
    for path in files:
        path.write_text("x", encoding="utf-8")
    assert head_start.files_named(["devzone", "ingest", *map(str, files)]) == []
    assert len(head_start.files_named(["devzone", "ingest", *map(str, files[:-1])])) == head_start.MOST_FILES


#: A command that starts a head start on a named pipe (the child blocks reading it), prints
#: the child's pid, then waits to be killed.
STUCK_CHILD = """
import sys, time
from pathlib import Path
from ingest import head_start
ahead = head_start.start([Path(sys.argv[1])])
print(ahead.pid, flush=True)
time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_the_child_dies_with_a_killed_command(tmp_path: Path) -> None:
    fifo = tmp_path / "stuck.txt"
    os.mkfifo(fifo)
    command = subprocess.Popen([sys.executable, "-c", STUCK_CHILD, str(fifo)], stdout=subprocess.PIPE, text=True)
    assert command.stdout is not None
    child = int(command.stdout.readline())
    assert _alive(child)
    command.kill()
    command.wait()
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child), "the head start's child outlived the killed command"


def test_a_head_started_run_stores_what_a_plain_run_stores(
    tmp_path: Path, empty_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / PAGE.name
    shutil.copy(PAGE, page)
    plain = Settings(data_dir=tmp_path / "plain")
    ingest(plain, [page])
    assert head_start.start([page]) is not None
    refuse_inline(monkeypatch)
    summary = ingest(empty_settings, [page])
    assert (summary.added, summary.skipped) == (1, [])
    assert stored(empty_settings) == stored(plain)


def test_the_run_indexes_with_the_words_the_child_cut(
    tmp_path: Path, empty_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / PAGE.name
    shutil.copy(PAGE, page)
    ahead = head_start.start([page])
    assert ahead is not None and ahead.cuts()  # the child has finished: patches below are the run's alone

    def no_cutter() -> object:
        raise AssertionError("the run loaded jieba to cut a paragraph the child had cut")

    monkeypatch.setattr(analyzer, "_cutter", no_cutter)
    assert ingest(empty_settings, [page]).added == 1


def test_a_file_changed_after_the_head_start_is_processed_again(
    tmp_path: Path, empty_settings: Settings
) -> None:
    page = tmp_path / PAGE.name
    page.write_text(PAGE.read_text("utf-8"), encoding="utf-8")
    ahead = head_start.start([page])
    assert ahead is not None
    ahead.cuts()  # the child has finished with the old text
    page.write_text(PAGE.read_text("utf-8").replace("阳光明媚", "天气晴好"), encoding="utf-8")
    ingest(empty_settings, [page])
    texts = "".join(text for _, text in stored(empty_settings))
    assert "天气晴好" in texts and "阳光明媚" not in texts


def test_a_failed_head_start_leaves_the_work_to_the_run(
    tmp_path: Path, empty_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / PAGE.name
    shutil.copy(PAGE, page)

    def broken(**kwargs: object) -> object:
        raise RuntimeError("a rule that crashes")

    with monkeypatch.context() as patch:
        patch.setattr(stages, "process_or_refuse", broken)  # the forked child inherits this
        ahead = head_start.start([page])
    assert ahead is not None and ahead.cuts() == {}
    summary = ingest(empty_settings, [page])
    assert (summary.added, summary.skipped) == (1, [])
    assert stored(empty_settings)


def test_a_junk_file_is_refused_the_same_way_with_a_head_start(
    tmp_path: Path, empty_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    junk = tmp_path / "empty.txt"
    junk.write_bytes(b"")
    head_start.start([junk])
    refuse_inline(monkeypatch)
    summary = ingest(empty_settings, [junk])
    assert summary.added == 0 and [Path(m.split(":")[0]).name for m in summary.skipped] == ["empty.txt"]


def test_a_run_with_nothing_to_do_neither_waits_for_the_child_nor_leaves_it_behind(
    tmp_path: Path, empty_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / PAGE.name
    shutil.copy(PAGE, page)
    ingest(empty_settings, [page])

    def stuck(**kwargs: object) -> object:
        time.sleep(60)
        raise AssertionError("unreachable")

    with monkeypatch.context() as patch:
        patch.setattr(stages, "process_or_refuse", stuck)
        ahead = head_start.start([page])
    assert ahead is not None

    def no_waiting(self: head_start.HeadStart) -> object:
        raise AssertionError("the run waited for the answer of a child it had no job for")

    monkeypatch.setattr(head_start.HeadStart, "answer", no_waiting)
    assert ingest(empty_settings, [page]).unchanged == 1
    assert not _alive(ahead.pid)  # killed and reaped: no zombie left for an init to collect


def test_a_caller_ignoring_sigchld_still_gets_the_answer(
    tmp_path: Path, empty_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With SIGCHLD ignored the kernel reaps the child itself and waitpid has nothing to wait for.
    page = tmp_path / PAGE.name
    shutil.copy(PAGE, page)
    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        ahead = head_start.start([page])
        assert ahead is not None
        refuse_inline(monkeypatch)
        assert ingest(empty_settings, [page]).added == 1
    finally:
        signal.signal(signal.SIGCHLD, previous)
