"""``make bench [SIZE=5k|25k|100k]``: the archive measured at scale, beside FTS5 and Whoosh.

For each size (default: 5k and 25k) it generates report pages (:mod:`tests.bench.corpus`),
ingests them with ``devzone ingest`` once into ``bench-out/<size>/archive`` (reused by later
runs: building 25,000 articles takes minutes; ``BENCH_FRESH=1`` rebuilds), then times adding
one new file, ``GET /api/search`` over HTTP, and FTS5 trigram doing the same work on the same
articles. ``BENCH_WHOOSH=1`` also times this archive's Whoosh engine (building its index
from the database); plain Whoosh + jieba is built at 5k only. Each size's numbers are kept
in docs/bench/results.json, so the 100k point stays on the curve between its runs.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from tests.bench import measure, report
from tests.bench.corpus import REPO, SIZES, generate, page_text, query_set, sentences

OUT = REPO / "bench-out"


def prepare(size: str, pool: list[str]) -> tuple[Path, Path, dict[str, Any] | None]:
    """(pages, archive, ingest numbers when this run built the archive) for ``size``."""
    root = OUT / size
    pages, archive = root / "pages", root / "archive"
    if os.environ.get("BENCH_FRESH") == "1":
        shutil.rmtree(root, ignore_errors=True)
    files = SIZES[size]
    if not pages.is_dir() or len(list(pages.glob("*.txt"))) != files:
        shutil.rmtree(pages, ignore_errors=True)
        pages.mkdir(parents=True)
        generate(pages, files, pool)
        shutil.rmtree(archive, ignore_errors=True)
    if archive.is_dir():
        return pages, archive, None
    seconds, peak = measure.devzone_ingest(archive, pages)
    chars = sum(len(path.read_text(encoding="utf-8")) for path in pages.glob("*.txt"))
    return pages, archive, {"ingest_s": round(seconds, 1), "ingest_chars_per_s": chars / seconds, "ingest_peak_rss": peak}


#: New files added one ``devzone ingest`` at a time: every few adds tantivy merges small segments,
#: so one timing can be either kind; the median is the usual add, the max one that merged.
ADDS = 5


def add_one_file(root: Path, archive: Path, pool: list[str]) -> tuple[list[float], int]:
    """``devzone ingest`` of one new page into the archive, :data:`ADDS` times: (seconds each, peak RSS)."""
    extra = root / "extra"
    extra.mkdir(exist_ok=True)
    seconds, peak = [], 0
    for _ in range(ADDS):
        path = extra / f"added_{time.time_ns()}.txt"
        path.write_text(page_text(random.Random(time.time_ns()), pool), encoding="utf-8")
        took, rss = measure.devzone_ingest(archive, path)
        seconds.append(took)
        peak = max(peak, rss)
    return seconds, peak


def count_articles(archive: Path) -> int:
    import sqlite3

    with sqlite3.connect(archive / "archive.sqlite3") as connection:
        return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])


def bench_size(size: str, pool: list[str], queries: list[str], previous: dict[str, Any]) -> dict[str, Any]:
    """Every measurement of one size."""
    pages, archive, built = prepare(size, pool)
    migrated = upgrade(archive)  # an archive built by older code: migrate it before anything is timed
    print(f"[{size}] archive ready: {archive}" + (f" (migrated in {migrated:.1f} s)" if migrated else ""), flush=True)
    # The ingest rate and raw jieba's are compared as measured in the same minutes: an archive
    # reused from an earlier run keeps both from that run (the host's speed drifts by ±40 %).
    if built:
        built["jieba_chars_per_s"] = measure.raw_jieba(pages)
    carried = ("ingest_s", "ingest_chars_per_s", "ingest_peak_rss", "jieba_chars_per_s")
    ingest = built or {k: previous[k] for k in carried if k in previous}
    added, index_s = sync(archive, "tantivy")
    if added:  # an archive indexed by another engine: its tantivy index, built from the database
        print(f"[{size}] tantivy index built for {added:,} articles in {index_s:.1f} s", flush=True)
    adds, add_rss = add_one_file(archive.parent, archive, pool)
    print(f"[{size}] add one file: {', '.join(f'{s:.2f}' for s in adds)} s", flush=True)
    http_ms, totals, server_rss = measure.http_search(archive, queries)
    print(f"[{size}] HTTP: {report.summary(http_ms)}", flush=True)
    texts = measure.article_texts(archive)
    fts_path = archive.parent / "fts5.sqlite3"
    fts_path.unlink(missing_ok=True)
    fts = measure.fts5_search(measure.fts5_table(texts, fts_path), queries)
    fts_path.unlink(missing_ok=True)
    ours_ms, _ = measure.in_process(archive, list(fts), "tantivy")
    raw = sum(path.stat().st_size for path in pages.glob("*.txt"))
    result: dict[str, Any] = {
        **ingest,
        "when": date.today().isoformat(),
        "files": SIZES[size],
        "articles": count_articles(archive),
        "raw_bytes": raw,
        "add_one_s": round(statistics.median(adds), 2),
        "add_one_max_s": round(max(adds), 2),
        "add_one_rss": add_rss,
        "http": report.summary(http_ms),
        "server_rss": server_rss,
        "fts5_p95": report.p95([ms for values in fts.values() for ms in values]),
        "ours_p95_fts5_queries": report.p95(ours_ms),
        "fts5_answers": sorted(fts),
        # The database and tantivy's index: a Whoosh index left by an older run is not the archive's.
        "disk_bytes": sum(measure.disk_bytes(path) for path in [*archive.glob("archive.sqlite3*"),
                                                                 *archive.glob("index/tantivy_v*")]),
        "totals": totals,
    }
    result["tantivy_engine"] = {**report.summary(measure.in_process(archive, queries, "tantivy")[0]), "note": "default"}
    if os.environ.get("BENCH_WHOOSH") == "1":
        result["whoosh_engine"] = _whoosh_engine(archive, queries)
    if size == "5k" or os.environ.get("BENCH_PLAIN") == "1":
        seconds, plain_ms = measure.plain_whoosh(texts, archive.parent / "plain-whoosh", queries)
        shutil.rmtree(archive.parent / "plain-whoosh", ignore_errors=True)
        result["plain_whoosh"] = {**report.summary(plain_ms), "note": f"indexing took {seconds:.0f} s; words only, "
                                  "so 1-character and split words are not found"}
    elif "plain_whoosh" in previous:
        result["plain_whoosh"] = previous["plain_whoosh"]
    return result


def upgrade(archive: Path) -> float:
    """Seconds spent bringing ``archive`` to the newest migration (0 when it was current)."""
    from app.config import Settings
    from app.db import upgrade as upgrade_schema

    start = time.perf_counter()
    upgrade_schema(Settings(data_dir=archive))
    seconds = time.perf_counter() - start
    return seconds if seconds > 1 else 0.0


def sync(archive: Path, engine: str) -> tuple[int, float]:
    """``sync_index`` with ``engine``: (documents added, seconds)."""
    from app.config import Settings
    from app.db import session_scope
    from ingest.index import sync_index

    os.environ["DEVZONE_SEARCH_ENGINE"] = engine
    start = time.perf_counter()
    try:
        with session_scope(Settings(data_dir=archive)) as session:
            added, _ = sync_index(Settings(data_dir=archive), session)
    finally:
        os.environ.pop("DEVZONE_SEARCH_ENGINE", None)
    return added, time.perf_counter() - start


def _whoosh_engine(archive: Path, queries: list[str]) -> dict[str, Any]:
    sync(archive, "whoosh")
    return {**report.summary(measure.in_process(archive, queries, "whoosh")[0]), "note": "index of record before"}


def main() -> None:
    wanted = os.environ.get("SIZE") or (sys.argv[1] if len(sys.argv) > 1 else "5k,25k")
    sizes = [size.strip() for size in wanted.split(",") if size.strip()]
    unknown = [size for size in sizes if size not in SIZES]
    if unknown:
        raise SystemExit(f"unknown size {', '.join(unknown)}: choose from {', '.join(SIZES)}")
    pool = sentences()
    queries = query_set(pool)
    results = report.load()
    for size in sizes:
        results[size] = bench_size(size, pool, queries, results.get(size, {}))
        report.save(results)
    print(report.write(results, queries))
    print(f"written to {report.REPORT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
