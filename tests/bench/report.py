"""The growth curve: every size's last measurements, kept in docs/bench/results.json, drawn
as a table and a plot in docs/BENCHMARKS.md (only between its bench markers: the decision
text above them is written by hand)."""

from __future__ import annotations

import json
import statistics
from typing import Any

from tests.bench.corpus import REPO

RESULTS = REPO / "docs" / "bench" / "results.json"
PLOT = REPO / "docs" / "bench" / "growth.png"
REPORT = REPO / "docs" / "BENCHMARKS.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
ORDER = ["5k", "25k", "100k"]


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def summary(values: list[float]) -> dict[str, float]:
    """p50 / p95 / max in milliseconds, rounded."""
    return {"p50": round(statistics.median(values), 1), "p95": round(p95(values), 1), "max": round(max(values), 1)}


def load() -> dict[str, Any]:
    return json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}


def save(results: dict[str, Any]) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _sizes(results: dict[str, Any]) -> list[str]:
    return [size for size in ORDER if size in results]


def _mib(value: float) -> str:
    return f"{value / 2**20:,.0f} MiB"


def _adds(r: dict[str, Any]) -> str:
    """The median add, and the slowest when the run timed several (older runs timed one)."""
    slowest = f" ({r['add_one_max_s']:.2f} s)" if "add_one_max_s" in r else ""
    return f"{r['add_one_s']:.2f} s{slowest}"


def table(results: dict[str, Any]) -> list[str]:
    """The curve as Markdown rows, one per size."""
    lines = [
        "| size | articles | raw text | ingest chars/s (× raw jieba) | ingest peak RSS | add one file: median (max) of 5 | "
        "search p50 / p95 / max over HTTP | FTS5 p95 · ours on the same queries (in process) | "
        "server RSS | data dir (× raw) | measured |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for size in _sizes(results):
        r = results[size]
        http = r["http"]
        ingest = (f"{r['ingest_chars_per_s']:,.0f} ({r['ingest_chars_per_s'] / r['jieba_chars_per_s']:.2f}×) | "
                  f"{_mib(r['ingest_peak_rss'])}") if "ingest_chars_per_s" in r else "not measured | not measured"
        lines.append(
            f"| {size} | {r['articles']:,} | {r['raw_bytes'] / 1e6:.1f} MB | {ingest} | "
            f"{_adds(r)} | {http['p50']} / {http['p95']} / {http['max']} ms | "
            f"{r['fts5_p95']:.1f} · {r['ours_p95_fts5_queries']:.1f} ms | {_mib(r['server_rss'])} | "
            f"{r['disk_bytes'] / 1e6:,.0f} MB ({r['disk_bytes'] / r['raw_bytes']:.2f}×) | {r['when']} |"
        )
    return lines


def baselines(results: dict[str, Any]) -> list[str]:
    """In-process comparisons that are not measured at every size."""
    lines = []
    for size in _sizes(results):
        r = results[size]
        for name, label in (("whoosh_engine", "this archive's Whoosh engine (`DEVZONE_SEARCH_ENGINE=whoosh`)"),
                            ("tantivy_engine", "this archive's tantivy engine"),
                            ("plain_whoosh", "plain Whoosh + jieba ChineseAnalyzer (count + top 10 + highlights)")):
            if name in r:
                s = r[name]
                lines.append(f"| {size} | {label} | {s['p50']} / {s['p95']} / {s['max']} ms | {s.get('note', '')} |")
    if not lines:
        return []
    return ["| size | engine, in process | p50 / p95 / max | note |", "| --- | --- | --- | --- |", *lines]


def targets(results: dict[str, Any]) -> list[str]:
    """The issue's targets, checked against the last measurements of each size."""
    found = []
    for size, limit in (("25k", 100.0), ("100k", 150.0)):
        if size in results:
            r = results[size]
            found.append((f"{size}: search p95 ≤ {limit:.0f} ms over HTTP ({r['http']['p95']} ms)",
                          r["http"]["p95"] <= limit))
            if size == "25k":
                found.append((f"25k: p95 ≤ 1× FTS5 p95 on the queries FTS5 answers ({r['ours_p95_fts5_queries']:.1f} "
                              f"vs {r['fts5_p95']:.1f} ms)", r["ours_p95_fts5_queries"] <= r["fts5_p95"]))
    for size in _sizes(results):
        r = results[size]
        found.append((f"{size}: add one file ≤ 1 s, median of the adds ({_adds(r)})", r["add_one_s"] <= 1.0))
        if "ingest_chars_per_s" in r:
            ratio = r["ingest_chars_per_s"] / r["jieba_chars_per_s"]
            found.append((f"{size}: ingest ≥ 0.6× raw jieba ({ratio:.2f}×)", ratio >= 0.6))
        peak = max(r.get("ingest_peak_rss", 0), r["add_one_rss"], r["server_rss"])
        found += [
            (f"{size}: RSS < 1 GB (ingest {_mib(r.get('ingest_peak_rss', r['add_one_rss']))}, "
             f"server {_mib(r['server_rss'])})", peak < 2**30),
            (f"{size}: data dir ≤ 3× raw text ({r['disk_bytes'] / r['raw_bytes']:.2f}×)",
             r["disk_bytes"] <= 3 * r["raw_bytes"]),
        ]
    return [f"- [{'x' if ok else ' '}] {name}" for name, ok in found]


def plot(results: dict[str, Any]) -> bool:
    """docs/bench/growth.png: p50/p95 over HTTP and FTS5 p95 against articles; False without matplotlib."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    sizes = _sizes(results)
    if not sizes:
        return False
    x = [results[s]["articles"] for s in sizes]
    figure, axes = plt.subplots(figsize=(7, 4), dpi=100)
    for label, values in (("p50 over HTTP", [results[s]["http"]["p50"] for s in sizes]),
                          ("p95 over HTTP", [results[s]["http"]["p95"] for s in sizes]),
                          ("FTS5 trigram p95 (its queries)", [results[s]["fts5_p95"] for s in sizes]),
                          ("ours p95 on FTS5's queries", [results[s]["ours_p95_fts5_queries"] for s in sizes])):
        axes.plot(x, values, marker="o", label=label)
    axes.axhline(100, color="grey", linestyle=":", label="25k target (100 ms)")
    axes.set_xscale("log")
    axes.set_xlabel("articles")
    axes.set_ylabel("ms")
    axes.set_title("Search latency as the archive grows")
    axes.legend(fontsize=8)
    figure.tight_layout()
    PLOT.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(PLOT)
    plt.close(figure)
    return True


def render(results: dict[str, Any], queries: list[str]) -> str:
    """The generated part of docs/BENCHMARKS.md."""
    lines = [BEGIN, "", "## The growth curve (`make bench`, `make bench SIZE=100k`)", "", *table(results), ""]
    if PLOT.exists():
        lines += ["![search latency against archive size](bench/growth.png)", ""]
    extra = baselines(results)
    if extra:
        lines += ["### Other engines on the same archives", "", *extra, ""]
    lines += ["### Targets", "", *targets(results), "", "Queries: " + ", ".join(f"`{q}`" for q in queries), "", END]
    return "\n".join(lines)


def write(results: dict[str, Any], queries: list[str]) -> str:
    """Saves the results, redraws the plot and replaces the marked part of BENCHMARKS.md."""
    save(results)
    plot(results)
    generated = render(results, queries)
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else "# Benchmarks\n"
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + generated + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip() + "\n\n" + generated + "\n"
    REPORT.write_text(text, encoding="utf-8")
    return generated
