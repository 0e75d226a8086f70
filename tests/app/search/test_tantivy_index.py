"""The tantivy index's grams: the analyzer's grams as tokens, segments kept apart."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from app import models
from app.config import Settings
from app.db import session_scope
from app.search import tantivy_index
from app.search.analyzer import bigram_positions, char_counts
from app.search.service import SearchParams, search
from app.search.tantivy_index import SEPARATOR, bigram_text, compact_segments, unigram_text

from .conftest import Spec

Build = Callable[[list[Spec]], Settings]


def test_grams_are_the_analyzers_grams() -> None:
    text = "長治 高新區\nＰＭ２．５治理"
    segments = compact_segments(text.split("\n"))
    assert segments == ["长治高新区", "pm2.5治理"]
    assert sorted(unigram_text(segments).split()) == sorted(c for c, n in char_counts(text).items() for _ in range(n))
    tokens = bigram_text(segments).split(" ")
    bigrams = sorted(token for token in tokens if len(token) == 2)
    assert bigrams == sorted(g for g, positions in bigram_positions(text).items() for _ in positions)
    assert SEPARATOR in bigram_text(segments)


def test_a_literal_never_spans_two_segments(make_archive: Build) -> None:
    # 高新 ends the title and 区长 opens the paragraph: 高新区长 is in neither.
    settings = make_archive([Spec("a-1", "长治高新", ["区长讲话"]), Spec("a-2", "长治", ["高新区长讲话"])])
    # Quoted: unquoted, a query without a literal match falls back to its words (issue 10).
    for query in ('"高新区长"', '"新区"', '"治高新区"'):
        found = {hit.article_id for hit in search(settings, SearchParams(q=query)).results}
        assert found == ({"a-2"} if query != '"治高新区"' else set()), query


def test_totals_are_exact_and_pages_do_not_overlap(make_archive: Build) -> None:
    settings = make_archive([Spec(f"a-{i}", f"第{i}篇", ["共同的句子。"]) for i in range(25)])
    seen: list[str] = []
    for page in (1, 2, 3):
        results = search(settings, SearchParams(q="共同", page=page, per_page=10))
        assert results.total == 25
        seen += [hit.article_id for hit in results.results]
    assert sorted(seen) == sorted(f"a-{i}" for i in range(25))


def test_sorting_by_date_is_newest_first(make_archive: Build) -> None:
    settings = make_archive([Spec("a-old", "旧闻", ["园区"], date="2020-01-01"),
                             Spec("a-new", "新闻", ["园区"], date="2024-01-01"),
                             Spec("a-none", "无日期", ["园区"], date=None)])
    results = search(settings, SearchParams(q="园区", sort="date"))
    assert [hit.article_id for hit in results.results][:2] == ["a-new", "a-old"]


def test_keys_past_one_aggregations_bucket_cap_are_all_listed(
    make_archive: Build, search_engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # tantivy refuses a terms aggregation of more than 65,000 buckets: a 100,000-article
    # archive failed its ingest. Past the cap, keys are listed prefix by prefix.
    if search_engine != "tantivy":
        pytest.skip("the tantivy index's own listing")
    settings = make_archive([Spec(f"a-{i}", f"第{i}篇", ["园区"]) for i in range(40)])
    with session_scope(settings) as session:
        stored = set(session.scalars(select(models.Article.index_key)))
    assert len(stored) == 40
    tantivy_index._key_cache.clear()
    monkeypatch.setattr(tantivy_index, "BUCKET_LIMIT", 3)
    assert tantivy_index.indexed_keys(settings.index_dir) == stored
