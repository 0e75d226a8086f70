"""Hand-made archives for the search tests: rows inserted directly, then indexed.

The search is tested against its own small archives (not the ingest pipeline's output) so
each test states exactly what the articles say.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pytest

from app import models
from app.config import Settings
from app.db import session_scope, upgrade
from app.search.engine import ENGINES
from app.search.index_reader import close_all
from ingest.index import sync_index


@dataclass
class Spec:
    """One article of a hand-made archive."""

    id: str
    title: str
    paragraphs: list[str]
    kicker: str | None = None
    subtitle: str | None = None
    zones: list[str] = field(default_factory=list)
    #: Zones the article names only in passing (role ``mentioned``).
    mentioned: list[str] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)
    date: str | None = "2024-05-01"
    source: str = "page.txt"


def add_articles(settings: Settings, specs: list[Spec], *, index: bool = True) -> None:
    """Stores ``specs`` (sources made as needed) and, unless told not to, syncs the index."""
    with session_scope(settings) as session:
        for spec in specs:
            source_id = "s-" + spec.source
            if session.get(models.Source, source_id) is None:
                session.add(models.Source(
                    id=source_id, name=spec.source, sha256="0" * 64, encoding="utf-8", text="",
                    publication=None, page=None, date=spec.date, ingested_at=datetime(2024, 1, 1),
                ))
            article = models.Article(
                id=spec.id, source_id=source_id, ordinal=0, title=spec.title, kicker=spec.kicker,
                subtitle=spec.subtitle, byline=None, dateline=None, date=spec.date,
                continued_from=None, continued_to=None, index_key=f"{spec.id}:v1",
            )
            article.paragraphs = [
                models.Paragraph(id=f"p-{spec.id}-{i}", ordinal=i, kind="body", text=text, line_start=i + 1,
                                 line_end=i + 1)
                for i, text in enumerate(spec.paragraphs)
            ]
            article.places = [
                *(models.ArticlePlace(kind="zone", slug=slug, ordinal=i) for i, slug in enumerate(spec.zones)),
                *(models.ArticlePlace(kind="zone", slug=slug, ordinal=len(spec.zones) + i, role="mentioned")
                  for i, slug in enumerate(spec.mentioned)),
                *(models.ArticlePlace(kind="city", slug=slug, ordinal=i) for i, slug in enumerate(spec.cities)),
            ]
            session.add(article)
    if index:
        with session_scope(settings) as session:
            sync_index(settings, session)


@pytest.fixture(params=ENGINES)
def search_engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test on a hand-made archive runs against each engine (tantivy, the default, and Whoosh)."""
    monkeypatch.setenv("DEVZONE_SEARCH_ENGINE", request.param)
    return str(request.param)


@pytest.fixture
def make_archive(tmp_path_factory: pytest.TempPathFactory, search_engine: str) -> Iterator[Callable[[list[Spec]], Settings]]:
    """A function building a fresh archive from article specs."""

    def build(specs: list[Spec]) -> Settings:
        settings = Settings(data_dir=Path(tmp_path_factory.mktemp("search-archive")))
        upgrade(settings)
        with session_scope(settings) as session:
            session.add(models.City(slug="changzhi", name="长治市"))
            session.add(models.Zone(slug="changzhi-gaoxinqu", name="长治高新技术产业开发区",
                                    aliases=["长治高新区"], city_slug="changzhi"))
            session.add(models.Zone(slug="jiaocheng-jingkaiqu", name="交城经济开发区",
                                    aliases=["交城经开区"], city_slug=None))
        add_articles(settings, specs)
        return settings

    yield build
    close_all()
