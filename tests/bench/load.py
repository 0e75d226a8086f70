"""``make bench`` (also ``python -m tests.bench.load``): the archive under load on loopback.

16 clients, each with its own keep-alive connection, ask one ``devzone serve`` for a mix of
searches (JSON and the HTML page) and pages (home, zones, a zone, an article, a passage and
their JSON twins) as fast as they are answered, for 60 seconds — once alone, once while
``devzone ingest`` adds 200 new files to the same archive. Reported: requests per second,
p50 / p95 / p99 latency and errors (any status but 200, any refused or timed-out request),
in the "Load" section of docs/BENCHMARKS.md. ``LOAD_SECONDS`` / ``LOAD_CLIENTS`` /
``LOAD_FILES`` change the bounds (a quick check of the bench itself).

The archive is generated once into ``bench-out/load/base`` (1,000 pages) and copied for each
run, so the ingest always adds the same 200 files to the same archive.
"""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import httpx

from tests.bench import measure, report
from tests.bench.corpus import REPO, generate, query_set, sentences

OUT = REPO / "bench-out" / "load"
SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
CLIENTS = int(os.environ.get("LOAD_CLIENTS", "16"))
NEW_FILES = int(os.environ.get("LOAD_FILES", "200"))
#: The load during an ingest lasts until the ingest is over, but never longer than this.
MAX_SECONDS = 900.0
BASE_FILES = 1_000
BEGIN, END = "<!-- load:begin -->", "<!-- load:end -->"
DEVZONE = [sys.executable, "-c", "from ingest.launch import main; main()"]


@dataclass
class Phase:
    """One load run: what was asked, how long each answer took, what went wrong."""

    name: str
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    ingest_s: float | None = None

    def row(self) -> str:
        done = len(self.latencies_ms)
        ordered = sorted(self.latencies_ms) or [0.0]

        def pct(p: float) -> float:
            return ordered[min(len(ordered) - 1, int(p * len(ordered)))]

        during = f" (ingest took {self.ingest_s:.0f} s)" if self.ingest_s is not None else ""
        return (f"| {self.name}{during} | {done:,} | {done / self.seconds:.1f} | {pct(0.50):.0f} | {pct(0.95):.0f} | "
                f"{pct(0.99):.0f} | {ordered[-1]:.0f} | {len(self.errors)} |")


def prepare(pool: list[str]) -> Path:
    """The base archive (built once), copied afresh for this run; returns the copy."""
    base, pages = OUT / "base", OUT / "pages"
    if not (base / "archive.sqlite3").exists():
        shutil.rmtree(OUT, ignore_errors=True)
        pages.mkdir(parents=True)
        generate(pages, BASE_FILES, pool)
        measure.devzone_ingest(base, pages)
    work = OUT / "work"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(base, work, ignore=shutil.ignore_patterns("*.lock"))
    return work


def new_files(pool: list[str]) -> Path:
    folder = OUT / "new"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    generate(folder, NEW_FILES, pool, seed=99)
    return folder


def targets(archive: Path, queries: list[str]) -> list[str]:
    """The mix of URLs: half searches, half pages; ids drawn from the archive itself."""
    with sqlite3.connect(archive / "archive.sqlite3") as connection:
        articles = [row[0] for row in connection.execute("SELECT id FROM articles ORDER BY id LIMIT 200")]
        passages = [row[0] for row in connection.execute("SELECT id FROM paragraphs ORDER BY id LIMIT 200")]
        zones = [row[0] for row in connection.execute("SELECT slug FROM zones ORDER BY slug LIMIT 50")]
    rng = random.Random(11)
    urls = [f"/api/search?{httpx.QueryParams({'q': q})}" for q in queries]
    urls += [f"/search?{httpx.QueryParams({'q': q})}" for q in queries[::2]]
    pages = ["/", "/zones", "/api/zones"]
    pages += [f"/zones/{slug}" for slug in rng.sample(zones, min(10, len(zones)))]
    pages += [f"/articles/{a}" for a in rng.sample(articles, 15)] + [f"/api/articles/{a}" for a in rng.sample(articles, 10)]
    pages += [f"/p/{p}" for p in rng.sample(passages, 15)] + [f"/api/passages/{p}" for p in rng.sample(passages, 5)]
    return urls + pages[: len(urls)]


async def client(base: str, urls: list[str], seed: int, busy: Callable[[], bool], phase: Phase) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        while busy():
            url = rng.choice(urls)
            start = time.perf_counter()
            try:
                response = await http.get(url)
                await response.aread()
            except httpx.HTTPError as exc:
                phase.errors.append(f"{url}: {type(exc).__name__}")
                continue
            phase.latencies_ms.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                phase.errors.append(f"{url}: {response.status_code}")


async def load(base: str, urls: list[str], phase: Phase, job: subprocess.Popen[str] | None) -> None:
    """The clients, for :data:`SECONDS` and, during an ingest, until it has finished too."""
    start = time.monotonic()

    def busy() -> bool:
        now = time.monotonic()
        ingesting = job is not None and job.poll() is None and now < start + MAX_SECONDS
        return now < start + SECONDS or ingesting

    await asyncio.gather(*(client(base, urls, seed, busy, phase) for seed in range(CLIENTS)))
    phase.seconds = time.monotonic() - start


def run_phase(base: str, urls: list[str], name: str, ingest: list[str] | None = None) -> Phase:
    phase = Phase(name)
    log = OUT / "ingest.log"  # a file, not a pipe: nobody reads a pipe while the load runs
    with log.open("w") as err:
        job = subprocess.Popen(ingest, stdout=subprocess.DEVNULL, stderr=err, text=True) if ingest else None
    started = time.monotonic()
    ended: list[float] = []
    if job is not None:
        threading.Thread(target=_record_end, args=(job, ended), daemon=True).start()
    asyncio.run(load(base, urls, phase, job))
    if job is not None:
        job.wait(timeout=1800)
        phase.ingest_s = (ended[0] if ended else time.monotonic()) - started
        if job.returncode != 0:
            phase.errors.append(f"ingest failed: {log.read_text().strip()[-300:]}")
    return phase


def _record_end(job: subprocess.Popen[str], ended: list[float]) -> None:
    job.wait()
    ended.append(time.monotonic())


def serve(archive: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = measure.free_port()
    server = subprocess.Popen([*DEVZONE, "serve", "--data-dir", str(archive), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/zones", timeout=10).status_code == 200:
                return server, base
        except httpx.HTTPError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("the server did not come up")


def write(phases: list[Phase], articles: int) -> str:
    lines = [
        BEGIN, "", "## Load (`tests/bench/load.py`)", "",
        f"{CLIENTS} clients on loopback, {SECONDS:.0f} s per run, each with a keep-alive connection, asking one "
        f"`devzone serve` (one process) over an archive of {articles:,} articles for a mix of searches (`/api/search`, "
        "`/search`) and pages (home, zones, a zone, articles, passages and their JSON twins) as fast as they are "
        f"answered; the second run while `devzone ingest` adds {NEW_FILES} new files to the same archive (and for as long as it does, if that is longer). "
        f"Run on {date.today().isoformat()} on this machine (2 cores shared with other work, so the server, the "
        "clients and the ingest share them too).", "",
        "| run | requests | per second | p50 ms | p95 ms | p99 ms | max ms | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        *(phase.row() for phase in phases), "",
    ]
    for phase in phases:
        if phase.errors:
            lines.append(f"Errors in \"{phase.name}\" (first 5): " + "; ".join(phase.errors[:5]))
    lines.append(END)
    generated = "\n".join(lines)
    text = report.REPORT.read_text(encoding="utf-8")
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + generated + text[text.index(END) + len(END):]
    else:
        text = text.rstrip() + "\n\n" + generated + "\n"
    report.REPORT.write_text(text, encoding="utf-8")
    return generated


def main() -> None:
    pool = sentences()
    archive = prepare(pool)
    folder = new_files(pool)
    with sqlite3.connect(archive / "archive.sqlite3") as connection:
        articles = int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    urls = targets(archive, query_set(pool))
    server, base = serve(archive)
    try:
        alone = run_phase(base, urls, "alone")
        during = run_phase(base, urls, "during an ingest",
                           ingest=[*DEVZONE, "ingest", "--data-dir", str(archive), str(folder)])
    finally:
        server.terminate()
        server.wait(timeout=30)
    sys.stdout.write(write([alone, during], articles) + "\n")
    if alone.errors or during.errors:
        raise SystemExit("errors under load: see docs/BENCHMARKS.md")


if __name__ == "__main__":
    main()
