"""The deployment of docs/DEPLOY.md, run for real on loopback: one PostgreSQL database, two
``devzone serve`` processes reading the published index, one ingest job publishing a new
snapshot (ingest/publish.py) while both servers are asked questions without a pause.

Each server must answer every request (no error, no refused connection) across the switch,
switch once — a search that found the new page never stops finding it — and both must
answer from the new snapshot when the job has finished.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.config import Settings
from ingest.pipeline import SAMPLE_CORPUS
from ingest.publish import published
from tests.postgres import throwaway_database

DEVZONE = [sys.executable, "-c", "from ingest.launch import main; main()"]
PAGES = sorted(SAMPLE_CORPUS.glob("*.txt"))
#: Only on a page the second job adds (as the crash tests know).
NEW_WORDS = "\"种鸡养殖\""  # quoted: the exact words, not a partial match


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def job(env: dict[str, str], *pages: Path) -> subprocess.Popen[str]:
    """The ingest job: the only writer, publishing its index (DEVZONE_PUBLISH_INDEX)."""
    return subprocess.Popen([*DEVZONE, "ingest", *map(str, pages)], env={**env, "DEVZONE_PUBLISH_INDEX": "1"},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment every process of the deployment shares: database and data volume."""
    with throwaway_database() as url:
        yield {**os.environ, "DEVZONE_DATABASE_URL": url, "DEVZONE_DATA_DIR": str(tmp_path / "volume")}


@pytest.fixture
def servers(shared: dict[str, str]) -> Iterator[list[str]]:
    """Two app servers on two loopback ports, started after a first job published an index."""
    first = job(shared, *PAGES[:2])
    _, err = first.communicate(timeout=180)
    assert first.returncode == 0, err
    ports = [free_port(), free_port()]
    env = {**shared, "DEVZONE_READ_ONLY": "1"}  # app servers never write: the job does
    processes = [subprocess.Popen([*DEVZONE, "serve", "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for port in ports]
    bases = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for base, process in zip(bases, processes, strict=True):
            wait_until_up(base, process)
        yield bases
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)


def wait_until_up(base: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, f"server at {base} exited: {process.stderr.read() if process.stderr else ''}"
        try:
            if httpx.get(f"{base}/api/search", params={"q": "开发区"}, timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    pytest.fail(f"server at {base} did not come up")


class Prober(threading.Thread):
    """Asks one server, without pause, for the new page's words and for a broad search."""

    def __init__(self, base: str) -> None:
        super().__init__(daemon=True)
        self.base, self.stop, self.errors = base, threading.Event(), list[str]()
        self.totals: list[int] = []

    def run(self) -> None:
        with httpx.Client(base_url=self.base, timeout=30) as client:
            while not self.stop.is_set():
                for params in ({"q": NEW_WORDS}, {"q": "开发区", "per_page": "5"}):
                    try:
                        response = client.get("/api/search", params=params)
                    except httpx.TransportError as exc:
                        self.errors.append(f"{params}: {type(exc).__name__}")
                        continue
                    if response.status_code != 200:
                        self.errors.append(f"{params}: {response.status_code} {response.text[:200]}")
                    elif params["q"] == NEW_WORDS:
                        self.totals.append(response.json()["total"])


def test_two_servers_switch_to_the_new_snapshot_without_an_error(
    shared: dict[str, str], servers: list[str]
) -> None:
    settings = Settings(data_dir=Path(shared["DEVZONE_DATA_DIR"]))
    before = published(settings)
    assert before is not None, "the first job published a snapshot"
    probers = [Prober(base) for base in servers]
    for prober in probers:
        prober.start()
    time.sleep(1.0)
    second = job(shared, *PAGES)
    _, err = second.communicate(timeout=300)
    time.sleep(1.0)
    for prober in probers:
        prober.stop.set()
        prober.join(timeout=60)
    assert second.returncode == 0, err
    after = published(settings)
    assert after is not None and after != before
    for prober in probers:
        assert prober.errors == [], f"{prober.base}: {prober.errors[:5]}"
        assert prober.totals and prober.totals[0] == 0 and prober.totals[-1] == 1
        switched = prober.totals.index(1)
        assert set(prober.totals[switched:]) == {1}, f"{prober.base} went back to the old snapshot"
    for base in servers:
        hits = httpx.get(f"{base}/api/search", params={"q": NEW_WORDS}).json()
        assert hits["total"] == 1
        assert httpx.get(f"{base}{hits['results'][0]['url']}").status_code == 200
