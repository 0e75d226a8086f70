"""The grep oracle: for hundreds of random substrings of stored text, the search returns
exactly the articles whose title, kicker, subtitle or one paragraph contains it.

"Contains" is plain substring search after the analyzer's folding (traditional →
simplified, full-width → half-width, lower case) with whitespace ignored — the matching
rules the search promises. Substrings are 1–6 characters, drawn with a fixed seed, and
asked quoted: unquoted, a place name also matches the articles filed under the place, a
thesaurus word its equivalents, and a query without a literal match falls back to its
words (issue 10; tested in test_service.py and test_fallback.py). Quoted stays exact.
"""

from __future__ import annotations

import random
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import selectinload

from app import models
from app.config import Settings
from app.db import session_scope
from app.places import load_gazetteer
from app.search.analyzer import literal_chars
from app.search.service import SearchParams, search
from ingest.index import sync_index

from .conftest import Spec, add_articles

SAMPLES = 400
CORPUS = Path(__file__).resolve().parents[3] / "ingest" / "sample_corpus"


def stored_texts(settings: Settings) -> dict[str, list[str]]:
    """Article id → the texts search covers, as stored."""
    with session_scope(settings) as session:
        articles = session.scalars(select(models.Article).options(selectinload(models.Article.paragraphs))).all()
        return {
            a.id: [t for t in (a.title, a.kicker, a.subtitle) if t] + [p.text for p in a.paragraphs]
            for a in articles
        }


def zone_names() -> set[str]:
    return {literal_chars(name) for zone in load_gazetteer().zones for name in zone.names}


def as_query(substring: str) -> str | None:
    """The query that asks for ``substring`` literally: quoted (``None`` when it holds the
    ASCII quote itself, which no quoting can carry)."""
    if '"' not in substring:
        return f'"{substring}"'
    return None


def all_ids(settings: Settings, query: str) -> set[str]:
    found: set[str] = set()
    page = 1
    while True:
        results = search(settings, SearchParams(q=query, page=page, per_page=100))
        found.update(hit.article_id for hit in results.results)
        if page * 100 >= results.total:
            assert len(found) == results.total  # one result per article, and total is exact
            return found
        page += 1


def check_oracle(settings: Settings, seed: int) -> int:
    texts = stored_texts(settings)
    compact = {article: [literal_chars(text) for text in items] for article, items in texts.items()}
    rng = random.Random(seed)
    articles = sorted(texts)
    checked = 0
    while checked < SAMPLES:
        text = rng.choice(texts[rng.choice(articles)])
        length = rng.randint(1, 6)
        if len(text) < length:
            continue
        start = rng.randrange(len(text) - length + 1)
        substring = text[start : start + length]
        needle = literal_chars(substring)
        query = as_query(substring)
        if not needle or query is None:
            continue
        expected = {article for article, items in compact.items() if any(needle in item for item in items)}
        assert all_ids(settings, query) == expected, f"query {query!r}"
        checked += 1
    return checked


def test_grep_oracle_on_the_sample_archive(sample_settings: Settings) -> None:
    assert check_oracle(sample_settings, seed=20240501) == SAMPLES


@pytest.mark.sqlite_only  # copies the archive's SQLite file
def test_grep_oracle_on_the_sample_archive_with_whoosh(
    sample_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same oracle on a copy of the sample archive whose index is Whoosh's."""
    copy = Settings(data_dir=tmp_path / "archive")
    copy.data_dir.mkdir()
    with sqlite3.connect(sample_settings.database_path) as source, sqlite3.connect(copy.database_path) as target:
        source.backup(target)  # the write-ahead log included, which a file copy would miss
    monkeypatch.setenv("DEVZONE_SEARCH_ENGINE", "whoosh")
    with session_scope(copy) as session:
        assert sync_index(copy, session)[0] > 0
    assert check_oracle(copy, seed=20240501) == SAMPLES


def test_grep_oracle_on_a_multi_segment_index(make_archive: Callable[[list[Spec]], Settings]) -> None:
    """Articles added in three batches (three segments), some deleted, one edited."""
    sentences = [s for s in re.split(r"(?<=[。！？])", re.sub(r"\s+", "", _corpus())) if len(s) > 4]
    rng = random.Random(7)

    def spec(i: int) -> Spec:
        paragraphs = ["".join(rng.choice(sentences) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(1, 4))]
        return Spec(f"a-{i}", rng.choice(sentences)[:18], paragraphs, source=f"f{i % 5}.txt")

    settings = make_archive([spec(i) for i in range(30)])
    add_articles(settings, [spec(i) for i in range(30, 60)])
    add_articles(settings, [spec(i) for i in range(60, 90)])
    with session_scope(settings) as session:
        session.execute(delete(models.Article).where(models.Article.id.in_([f"a-{i}" for i in range(0, 90, 7)])))
    with session_scope(settings) as session:
        assert sync_index(settings, session)[1] == 13
    assert check_oracle(settings, seed=99) == SAMPLES


def _corpus() -> str:
    return "".join(path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt")))


@pytest.mark.parametrize("substring", ["a b", '-5', "OR", '“引号', "x"])
def test_as_query_quotes_syntax(substring: str) -> None:
    query = as_query(substring)
    assert query is not None
