"""Issue 10's measure: the judged query set on the sample archive, both engines."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import models
from app.config import Settings
from app.db import session_scope
from app.search.service import SearchParams, search

from .judged import load, measure

MIN_SUCCESS_AT_3 = 0.95
MAX_ZERO_RATE = 0.02


def article_texts(settings: Settings) -> dict[str, str]:
    """Article id → its title block and paragraphs, joined."""
    with session_scope(settings) as session:
        articles = session.scalars(select(models.Article).options(selectinload(models.Article.paragraphs))).all()
        return {a.id: "\n".join([*(t for t in (a.title, a.kicker, a.subtitle) if t), *(p.text for p in a.paragraphs)])
                for a in articles}


def ranked_ids(settings: Settings, query: str) -> list[str]:
    """The archive's first page for ``query``, as article ids."""
    return [hit.article_id for hit in search(settings, SearchParams(q=query, per_page=10, facets=False)).results]


def test_the_judged_set_is_answered(sample_settings: Settings) -> None:
    score = measure(load(article_texts(sample_settings)), lambda q: ranked_ids(sample_settings, q))
    assert len(load(article_texts(sample_settings))) >= 60
    assert score.zero_rate <= MAX_ZERO_RATE, f"no results for {score.empty}"
    assert score.success_at_3 >= MIN_SUCCESS_AT_3, f"no relevant article in the top 3 for {score.missed}"


@pytest.mark.sqlite_only  # copies the archive's SQLite file
@pytest.mark.parametrize("engine", ["whoosh"])
def test_the_judged_set_on_whoosh(sample_settings: Settings, engine: str, monkeypatch: pytest.MonkeyPatch,
                                  tmp_path_factory: pytest.TempPathFactory) -> None:
    """The same thresholds when the archive's index is Whoosh's."""
    import sqlite3

    from ingest.index import sync_index

    copy = Settings(data_dir=tmp_path_factory.mktemp("judged-whoosh"))
    with sqlite3.connect(sample_settings.database_path) as source, sqlite3.connect(copy.database_path) as target:
        source.backup(target)
    monkeypatch.setenv("DEVZONE_SEARCH_ENGINE", engine)
    with session_scope(copy) as session:
        sync_index(copy, session)
    score = measure(load(article_texts(copy)), lambda q: ranked_ids(copy, q))
    assert score.zero_rate <= MAX_ZERO_RATE, f"no results for {score.empty}"
    assert score.success_at_3 >= MIN_SUCCESS_AT_3, f"no relevant article in the top 3 for {score.missed}"
