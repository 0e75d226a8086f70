"""``make bench``: ingest and search timed against raw jieba and SQLite FTS5 on the same text.

Generates report pages from the sample corpus' sentences (≥1,000 files, ~6 M characters),
ingests them with ``devzone ingest`` (a quarter, a half and all of them, each into a fresh
archive, sampling the process tree's memory), tokenises the same text with Python jieba,
times ``GET /api/search`` on a loopback server and the same queries on an FTS5 trigram
table of the same articles, then prints the ratios and writes docs/BENCHMARKS.md.

Everything runs on 127.0.0.1 with bounded loops; timings never become test assertions.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "ingest" / "sample_corpus"
DEVZONE = REPO / ".venv" / "bin" / "devzone"
REPORT = REPO / "docs" / "BENCHMARKS.md"
FILES = int(os.environ.get("BENCH_FILES", "1000"))
CHARS_PER_FILE = 6_000
REPEATS = 5  # each query, over HTTP and on FTS5
FIXED_QUERIES = ["交城", "煤化工", "经开区", "碳达峰 试点", "長治高新區", "晋中国家农业高新技术产业示范区",
                 '"高质量发展"', "循环经济", "PM2.5", "3.6亿元", "5G", "MEMS", "开发区 -煤化工", "焦化 OR 钢铁", "园"]


def sentences() -> list[str]:
    text = "".join(path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt")))
    return [s for s in re.split(r"(?<=[。！？])", re.sub(r"\s+", "", text)) if 6 <= len(s) <= 200]


def generate(folder: Path, count: int, pool: list[str]) -> int:
    """Writes ``count`` report pages (articles: title, blank line, paragraphs); returns chars."""
    rng = random.Random(2024)
    total = 0
    for number in range(count):
        articles = []
        size = 0
        while size < CHARS_PER_FILE:
            title = rng.choice(pool)[:rng.randint(8, 16)].rstrip("，。、")
            paragraphs = ["".join(rng.choice(pool) for _ in range(rng.randint(2, 5))) for _ in range(rng.randint(3, 7))]
            size += len(title) + sum(map(len, paragraphs))
            articles.append("\n\n".join([title, *paragraphs]))
        text = "\n\n\n".join(articles) + "\n"
        (folder / f"{number:05d}_bench.txt").write_text(text, encoding="utf-8")
        total += len(text)
    return total


class TreeMemory:
    """Samples the resident memory of a process and its descendants (Linux /proc)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, sum(_rss(pid) for pid in _tree(self.pid)))


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                todo.extend(int(child) for child in (task / "children").read_text().split())
        except OSError:
            continue
    return pids


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


@dataclass
class IngestRun:
    files: int
    chars: int
    seconds: float
    peak_rss: int


def ingest(data_dir: Path, pages: Path, files: int, chars: int) -> IngestRun:
    start = time.perf_counter()
    process = subprocess.Popen([str(DEVZONE), "ingest", "--data-dir", str(data_dir), str(pages)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    with TreeMemory(process.pid) as memory:
        _, err = process.communicate(timeout=3600)
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"devzone ingest failed:\n{err}")
    return IngestRun(files, chars, seconds, memory.peak)


def index_stage(data_dir: Path, target: Path) -> tuple[int, float]:
    """The index stage alone: the archive's documents re-indexed into a fresh index."""
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from app.config import Settings
    from app.db import session_scope
    from app.models import Article
    from app.search.documents import doc_from_row
    from ingest.index import add_documents

    with session_scope(Settings(data_dir=data_dir)) as session:
        rows = session.scalars(select(Article).options(
            selectinload(Article.paragraphs), selectinload(Article.places), selectinload(Article.source))).all()
        docs = [doc_from_row(row) for row in rows]
    chars = sum(len(text) for doc in docs for text in [*doc.head_segments(), *doc.paragraphs])
    start = time.perf_counter()
    add_documents(Settings(data_dir=target), docs)
    return chars, time.perf_counter() - start


def subset(source: Path, target: Path, count: int) -> int:
    target.mkdir()
    chars = 0
    for path in sorted(source.glob("*.txt"))[:count]:
        (target / path.name).symlink_to(path)
        chars += len(path.read_text(encoding="utf-8"))
    return chars


def raw_jieba(pages: Path) -> tuple[int, float]:
    """Python jieba (precise mode, HMM) over every line of the pages: (chars, seconds)."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    lines = [line for path in sorted(pages.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    start = time.perf_counter()
    for line in lines:
        for _ in jieba.cut(line):
            pass
    return sum(map(len, lines)), time.perf_counter() - start


def query_set(pool: list[str]) -> list[str]:
    """Fixed queries plus substrings of the text: 1–2 characters, jieba words, long phrases."""
    import jieba

    rng = random.Random(7)
    words = sorted({w for s in pool for w in jieba.cut(s) if len(w) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", w)})
    queries = list(FIXED_QUERIES)
    queries += [rng.choice(words) for _ in range(15)]
    for _ in range(10):
        sentence = rng.choice(pool)
        start = rng.randrange(max(1, len(sentence) - 8))
        queries.append(sentence[start : start + rng.choice([1, 2, 6, 8])])
    return queries


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http_search(data_dir: Path, queries: list[str]) -> list[float]:
    """Milliseconds per ``GET /api/search`` (keep-alive) on a server started for this run."""
    port = free_port()
    code = ("import uvicorn; from pathlib import Path; from app.config import Settings; from app.main import create_app; "
            f"uvicorn.run(create_app(Settings(data_dir=Path({str(data_dir)!r}))), host='127.0.0.1', port={port}, "
            "log_level='warning')")
    server = subprocess.Popen([sys.executable, "-c", code], cwd=REPO)
    try:
        connection = _connect(port)
        timings = []
        for query in queries:
            _get(connection, query)  # warm: first use of each query's posting lists
        for _ in range(REPEATS):
            for query in queries:
                start = time.perf_counter()
                _get(connection, query)
                timings.append((time.perf_counter() - start) * 1000)
        return timings
    finally:
        server.terminate()
        server.wait(timeout=30)


def _connect(port: int) -> http.client.HTTPConnection:
    deadline = time.monotonic() + 60
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            _get(connection, "开发区")
            return connection
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _get(connection: http.client.HTTPConnection, query: str) -> dict[str, object]:
    connection.request("GET", "/api/search?" + urllib.parse.urlencode({"q": query}))
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise SystemExit(f"/api/search?q={query!r} answered {response.status}: {body[:300]!r}")
    return json.loads(body)  # type: ignore[no-any-return]


def fts5_table(data_dir: Path, target: Path) -> sqlite3.Connection:
    """An FTS5 trigram table of the archive's articles (title block and paragraphs)."""
    archive = sqlite3.connect(data_dir / "archive.sqlite3")
    rows = archive.execute(
        "SELECT a.id, coalesce(a.title, '') || char(10) || coalesce(a.kicker, '') || char(10) || "
        "coalesce(a.subtitle, '') || char(10) || coalesce(group_concat(p.text, char(10)), '') "
        "FROM articles a LEFT JOIN paragraphs p ON p.article_id = a.id GROUP BY a.id"
    ).fetchall()
    archive.close()
    connection = sqlite3.connect(target)
    connection.execute("CREATE VIRTUAL TABLE docs USING fts5(article_id UNINDEXED, body, tokenize='trigram')")
    connection.executemany("INSERT INTO docs VALUES (?, ?)", rows)
    connection.commit()
    return connection


def fts5_expression(query: str) -> str:
    """The nearest FTS5 MATCH expression: phrases ANDed, OR kept, ``-x`` as NOT."""
    positive, negative = [], []
    for token in re.findall(r'"[^"]*"|\S+', query):
        if token == "OR":
            positive.append("OR")
            continue
        target = negative if token.startswith("-") and len(token) > 1 else positive
        text = token.lstrip("-").strip('"')
        target.append('"' + text.replace('"', '""') + '"')
    expression = " ".join(positive).replace(" OR ", " OR ") or '""'
    return expression + "".join(f" NOT {item}" for item in negative)


def fts5_search(connection: sqlite3.Connection, queries: list[str]) -> tuple[list[float], dict[str, int]]:
    """Milliseconds per query (total count + top 20 by bm25), and each query's total."""
    totals: dict[str, int] = {}
    timings = []
    for repeat in range(REPEATS + 1):
        for query in queries:
            expression = fts5_expression(query)
            start = time.perf_counter()
            try:
                total = connection.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (expression,)).fetchone()[0]
                connection.execute("SELECT article_id, snippet(docs, 1, '<mark>', '</mark>', '…', 20) FROM docs "
                                   "WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 20", (expression,)).fetchall()
            except sqlite3.OperationalError:
                total = 0
            if repeat:  # the first round warms the page cache
                timings.append((time.perf_counter() - start) * 1000)
            totals[query] = total
    return timings, totals


def service_totals(data_dir: Path, queries: list[str]) -> tuple[list[float], dict[str, int]]:
    """Milliseconds per in-process ``service.search`` call, and each query's total."""
    from app.config import Settings
    from app.search.service import SearchParams, search

    settings = Settings(data_dir=data_dir)
    totals = {query: search(settings, SearchParams(q=query)).total for query in queries}
    timings = []
    for query in queries:
        start = time.perf_counter()
        search(settings, SearchParams(q=query))
        timings.append((time.perf_counter() - start) * 1000)
    return timings, totals


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def main() -> None:
    pool = sentences()
    with tempfile.TemporaryDirectory(prefix="devzone-bench-") as temp:
        root = Path(temp)
        pages = root / "pages"
        pages.mkdir()
        chars = generate(pages, FILES, pool)
        print(f"generated {FILES} files, {chars:,} characters", flush=True)
        runs = []
        for share in (4, 2, 1):
            count = FILES // share
            part = pages if share == 1 else root / f"pages-{count}"
            part_chars = chars if share == 1 else subset(pages, part, count)
            runs.append(ingest(root / f"archive-{count}", part, count, part_chars))
            print(f"ingest {count} files: {runs[-1].seconds:.1f} s, peak {runs[-1].peak_rss / 2**20:.0f} MiB", flush=True)
        jieba_chars, jieba_seconds = raw_jieba(pages)
        print(f"raw jieba: {jieba_chars / jieba_seconds:,.0f} chars/s", flush=True)
        data_dir = root / f"archive-{FILES}"
        stage_chars, stage_seconds = index_stage(data_dir, root / "reindex")
        print(f"index stage alone: {stage_chars / stage_seconds:,.0f} chars/s", flush=True)
        queries = query_set(pool)
        http_ms = http_search(data_dir, queries)
        local_ms, ours = service_totals(data_dir, queries)
        fts_ms, theirs = fts5_search(fts5_table(data_dir, root / "fts.sqlite3"), queries)
        stage_rate = stage_chars / stage_seconds
        report = render(runs, jieba_chars / jieba_seconds, stage_rate, queries, http_ms, local_ms, fts_ms, ours, theirs)
    print(report)
    REPORT.write_text(report, encoding="utf-8")
    print(f"written to {REPORT.relative_to(REPO)}")


def render(
    runs: list[IngestRun], jieba_rate: float, stage_rate: float, queries: list[str], http_ms: list[float], local_ms: list[float],
    fts_ms: list[float], ours: dict[str, int], theirs: dict[str, int],
) -> str:
    full = runs[-1]
    rate = full.chars / full.seconds
    ingest_ratio = rate / jieba_rate
    memory_ratio = full.peak_rss / max(runs[0].peak_rss, 1)
    search_p95, fts_p95 = p95(http_ms), p95(fts_ms)
    fts_missed = [q for q in queries if theirs[q] == 0 and ours[q] > 0]
    verdict = {
        f"ingest ≥ 0.3× raw jieba chars/s ({ingest_ratio:.2f}×)": ingest_ratio >= 0.3,
        f"search p95 ≤ 150 ms over HTTP ({search_p95:.1f} ms)": search_p95 <= 150,
        f"search p95 ≤ 5× FTS5 p95 ({search_p95 / fts_p95:.1f}×)": search_p95 <= 5 * fts_p95,
        f"ingest memory flat: peak at {runs[-1].files} files / at {runs[0].files} files = {memory_ratio:.2f} (≤ 1.5)":
            memory_ratio <= 1.5,
    }
    lines = [
        "# Benchmarks", "",
        "Produced by `make bench` (`python -m tests.bench.run`); numbers from the last run on this machine "
        f"({os.cpu_count()} cores). Pages are generated from the sample corpus' sentences.", "",
        "## Ingest (`devzone ingest`, fresh archive each time)", "",
        "| files | characters | seconds | chars/s | peak RSS (process tree) |", "| --- | --- | --- | --- | --- |",
        *(f"| {r.files} | {r.chars:,} | {r.seconds:.1f} | {r.chars / r.seconds:,.0f} | {r.peak_rss / 2**20:.0f} MiB |"
          for r in runs),
        "", f"Raw Python jieba (precise mode, HMM) on the same text: {jieba_rate:,.0f} chars/s. "
        f"Ingest / raw jieba = **{ingest_ratio:.2f}×**. The index stage alone (the same documents "
        f"re-indexed by `ingest.index.add_documents`): {stage_rate:,.0f} chars/s = "
        f"**{stage_rate / jieba_rate:.2f}×** raw jieba.", "",
        f"## Search ({len(queries)} queries × {REPEATS}, {len(queries) * REPEATS} requests)", "",
        "| | p50 ms | p95 ms | max ms |", "| --- | --- | --- | --- |",
        *(f"| {name} | {statistics.median(v):.1f} | {p95(v):.1f} | {max(v):.1f} |" for name, v in
          (("`GET /api/search` over HTTP (loopback)", http_ms), ("`service.search` in process", local_ms),
           ("SQLite FTS5 trigram (count + top 20 by bm25, in process)", fts_ms))),
        "", f"FTS5 found nothing for {len(fts_missed)} queries that have matches: "
        + (", ".join(f"`{q}` ({ours[q]})" for q in fts_missed) or "none") + ".", "",
        "## Targets", "", *(f"- [{'x' if ok else ' '}] {name}" for name, ok in verdict.items()), "",
        "Queries: " + ", ".join(f"`{q}`" for q in queries), "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
