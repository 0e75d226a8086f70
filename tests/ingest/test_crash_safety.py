"""A ``kill -9`` at any moment of an ingest leaves the archive exactly as it was before (or,
past the commit, exactly as it is after), readers keep working, and the next ingest
completes without manual clean-up."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ingest.pipeline import SAMPLE_CORPUS

DEVZONE = [sys.executable, "-c", "from ingest.cli import main; main()"]
PAGES = sorted(SAMPLE_CORPUS.glob("*.txt"))
#: Seconds after start at which the ingest is killed: interpreter start-up, reading,
#: segmenting, writing the database, writing the index.
KILL_AFTER = (0.5, 1.0, 1.5, 2.0, 3.0)


def devzone(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*DEVZONE, *map(str, args)], capture_output=True, text=True, check=True, timeout=120)


def export(data: Path) -> list[str]:
    return sorted(devzone("export", "--data-dir", data).stdout.splitlines())


def search_total(data: Path, query: str) -> int:
    return int(json.loads(devzone("search", "--json", "--data-dir", data, query).stdout)["total"])


@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], list[str]]:
    """A base archive of two pages, and the exports before and after adding the other three."""
    root = tmp_path_factory.mktemp("crash")
    base = root / "base"
    devzone("ingest", "--data-dir", base, *PAGES[:2])
    full = root / "full"
    shutil.copytree(base, full)
    devzone("ingest", "--data-dir", full, *PAGES)
    return base, export(base), export(full)


@pytest.mark.parametrize("delay", KILL_AFTER)
def test_kill_leaves_the_old_or_the_new_archive_and_the_next_run_heals(
    archives: tuple[Path, list[str], list[str]], tmp_path: Path, delay: float
) -> None:
    base, before, after = archives
    data = tmp_path / "archive"
    shutil.copytree(base, data)
    process = subprocess.Popen([*DEVZONE, "ingest", "--data-dir", str(data), *map(str, PAGES)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    process.kill()
    process.wait()

    state = export(data)
    assert state in (before, after)
    # 种鸡养殖 is only on a page the killed run was adding: search agrees with the database.
    assert search_total(data, "种鸡养殖") == (0 if state == before else 1)

    devzone("ingest", "--data-dir", data, *PAGES)
    assert export(data) == after
    assert search_total(data, "种鸡养殖") == 1
