"""The measurements ``make bench`` takes: ingest, add one file, search over HTTP, baselines.

Everything runs on 127.0.0.1 with bounded loops; timings never become test assertions.
Baselines do the same work as the archive's search on the same article texts: FTS5 trigram
(exact total + top 10 by bm25 + a snippet each) and plain Whoosh with jieba's analyzer.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from tests.bench.corpus import REPO

DEVZONE = REPO / ".venv" / "bin" / "devzone"
REPEATS = 3  # each query, timed (after one warm round)
TOP = 10


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


def devzone_ingest(data_dir: Path, *paths: Path) -> tuple[float, int]:
    """``devzone ingest`` as a user runs it: (wall seconds, peak RSS of the process tree)."""
    start = time.perf_counter()
    process = subprocess.Popen([str(DEVZONE), "ingest", "--data-dir", str(data_dir), *map(str, paths)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    with TreeMemory(process.pid) as memory:
        _, err = process.communicate(timeout=4 * 3600)
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"devzone ingest failed:\n{err}")
    return seconds, memory.peak


def disk_bytes(path: Path) -> int:
    """Bytes of a file, or of every file under a folder."""
    if path.is_file():
        return path.stat().st_size
    return sum(item.stat().st_size for item in path.rglob("*") if item.is_file())


def raw_jieba(pages: Path, files: int = 300) -> float:
    """Python jieba (precise mode, HMM) chars/s over the lines of the first ``files`` pages."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    paths = sorted(pages.glob("*.txt"))[:files]
    lines = [line for path in paths for line in path.read_text(encoding="utf-8").splitlines()]
    start = time.perf_counter()
    for line in lines:
        for _ in jieba.cut(line):
            pass
    return sum(map(len, lines)) / (time.perf_counter() - start)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http_search(data_dir: Path, queries: list[str]) -> tuple[list[float], dict[str, int], int]:
    """Milliseconds per ``GET /api/search`` (keep-alive), each query's total, server peak RSS."""
    port = free_port()
    code = ("import uvicorn; from pathlib import Path; from app.config import Settings; from app.main import create_app; "
            f"uvicorn.run(create_app(Settings(data_dir=Path({str(data_dir)!r}))), host='127.0.0.1', port={port}, "
            "log_level='warning')")
    server = subprocess.Popen([sys.executable, "-c", code], cwd=REPO)
    try:
        with TreeMemory(server.pid) as memory:
            connection = _connect(port)
            totals = {query: int(_get(connection, query)["total"]) for query in queries}  # warm
            timings = []
            for _ in range(REPEATS):
                for query in queries:
                    start = time.perf_counter()
                    _get(connection, query)
                    timings.append((time.perf_counter() - start) * 1000)
        return timings, totals, memory.peak
    finally:
        server.terminate()
        server.wait(timeout=30)


def _connect(port: int) -> http.client.HTTPConnection:
    deadline = time.monotonic() + 120
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            _get(connection, "开发区")
            return connection
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _get(connection: http.client.HTTPConnection, query: str) -> dict[str, object]:
    connection.request("GET", "/api/search?" + urllib.parse.urlencode({"q": query, "per_page": TOP}))
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise SystemExit(f"/api/search?q={query!r} answered {response.status}: {body[:300]!r}")
    return json.loads(body)  # type: ignore[no-any-return]


def article_texts(data_dir: Path) -> list[tuple[str, str]]:
    """(article id, title block and paragraphs joined by newlines) for every article.

    Paragraph texts are stored deflated (:mod:`app.storage`), so they are joined here, not in SQL.
    """
    from app.storage import unpack

    archive = sqlite3.connect(data_dir / "archive.sqlite3")
    heads = archive.execute("SELECT id, coalesce(title, ''), coalesce(kicker, ''), coalesce(subtitle, '') FROM articles")
    texts = {str(article_id): [title, kicker, subtitle] for article_id, title, kicker, subtitle in heads}
    for article_id, stored in archive.execute("SELECT article_id, text FROM paragraphs ORDER BY article_id, ordinal"):
        texts[str(article_id)].append(unpack(stored))
    archive.close()
    return [(article_id, "\n".join(parts)) for article_id, parts in texts.items()]


def fts5_table(texts: list[tuple[str, str]], target: Path) -> sqlite3.Connection:
    """An FTS5 trigram table of the articles."""
    connection = sqlite3.connect(target)
    connection.execute("CREATE VIRTUAL TABLE docs USING fts5(article_id UNINDEXED, body, tokenize='trigram')")
    connection.executemany("INSERT INTO docs VALUES (?, ?)", texts)
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
        target.append('"' + token.lstrip("-").strip('"').replace('"', '""') + '"')
    expression = " ".join(positive) or '""'
    return expression + "".join(f" NOT {item}" for item in negative)


def fts5_search(connection: sqlite3.Connection, queries: list[str]) -> dict[str, list[float]]:
    """Milliseconds per query (exact count + top 10 by bm25 with snippets) for the queries
    FTS5 can answer (trigrams: every term of 3+ characters)."""
    timings: dict[str, list[float]] = {}
    for repeat in range(REPEATS + 1):
        for query in queries:
            expression = fts5_expression(query)
            start = time.perf_counter()
            try:
                total = connection.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (expression,)).fetchone()[0]
                connection.execute("SELECT article_id, snippet(docs, 1, '<mark>', '</mark>', '…', 20) FROM docs "
                                   f"WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT {TOP}", (expression,)).fetchall()
            except sqlite3.OperationalError:
                total = 0
            elapsed = (time.perf_counter() - start) * 1000
            if repeat and total:  # the first round warms the page cache
                timings.setdefault(query, []).append(elapsed)
    return timings


def plain_whoosh(texts: list[tuple[str, str]], target: Path, queries: list[str]) -> tuple[float, list[float]]:
    """Stock Whoosh with jieba's ChineseAnalyzer: (index seconds, ms per query: count + top 10 + highlights)."""
    from jieba.analyse import ChineseAnalyzer
    from whoosh import fields, index, qparser

    schema = fields.Schema(article_id=fields.ID(stored=True), body=fields.TEXT(analyzer=ChineseAnalyzer(), stored=True))
    target.mkdir()
    ix = index.create_in(str(target), schema)
    start = time.perf_counter()
    writer = ix.writer(limitmb=256)
    for article_id, text in texts:
        writer.add_document(article_id=article_id, body=text)
    writer.commit()
    seconds = time.perf_counter() - start
    timings = []
    with ix.searcher() as searcher:
        parser = qparser.QueryParser("body", schema)
        for repeat in range(REPEATS + 1):
            for query in queries:
                began = time.perf_counter()
                results = searcher.search(parser.parse(query), limit=TOP)
                len(results)
                for hit in results:
                    hit.highlights("body")
                if repeat:
                    timings.append((time.perf_counter() - began) * 1000)
    return seconds, timings


def in_process(data_dir: Path, queries: list[str], engine: str) -> tuple[list[float], dict[str, int]]:
    """Milliseconds per ``service.search`` call with ``engine``, and each query's total."""
    from app.config import Settings
    from app.search.service import SearchParams, search

    previous = os.environ.get("DEVZONE_SEARCH_ENGINE")
    os.environ["DEVZONE_SEARCH_ENGINE"] = engine
    try:
        settings = Settings(data_dir=data_dir)
        totals = {query: search(settings, SearchParams(q=query, per_page=TOP)).total for query in queries}
        timings = []
        for _ in range(REPEATS):
            for query in queries:
                start = time.perf_counter()
                search(settings, SearchParams(q=query, per_page=TOP))
                timings.append((time.perf_counter() - start) * 1000)
        return timings, totals
    finally:
        if previous is None:
            os.environ.pop("DEVZONE_SEARCH_ENGINE", None)
        else:
            os.environ["DEVZONE_SEARCH_ENGINE"] = previous
