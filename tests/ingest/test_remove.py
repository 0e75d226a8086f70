"""remove: a source goes, every passage id it held says it is gone, nothing else moves."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import models
from app.config import Settings
from app.db import session_scope
from ingest import ids
from ingest.index import indexed_keys
from ingest.pipeline import SAMPLE_CORPUS, ingest
from ingest.remove import UnknownSource, find_source, remove

KEEP, DROP = "002_4d37290c3898b9a3.txt", "004_1f7bcc093c03989e.txt"


@pytest.fixture
def two_pages(empty_settings: Settings) -> Settings:
    ingest(empty_settings, [SAMPLE_CORPUS / KEEP, SAMPLE_CORPUS / DROP])
    return empty_settings


def test_removed_passages_are_gone_with_their_old_text(two_pages: Settings) -> None:
    with session_scope(two_pages) as session:
        dropped = dict(session.execute(
            select(models.Paragraph.id, models.Paragraph.text).join(models.Article).join(models.Source)
            .where(models.Source.name == DROP)
        ).all())
        kept_keys = set(session.scalars(
            select(models.Article.index_key).join(models.Source).where(models.Source.name == KEEP)
        ))
    summary = remove(two_pages, [DROP])
    assert summary.gone == len(dropped) and summary.notes == [f"removed {DROP}: 7 articles, {len(dropped)} passages gone"]
    with session_scope(two_pages) as session:
        assert list(session.scalars(select(models.Source.name))) == [KEEP]
        redirects = {r.old_id: r for r in session.scalars(select(models.PassageRedirect))}
        assert {old: (r.new_id, r.old_text) for old, r in redirects.items()} == {
            pid: (None, text) for pid, text in dropped.items()
        }
        assert session.scalar(select(func.count()).select_from(models.ArticleRedirect)) == 7
        [run] = session.scalars(select(models.IngestRun).order_by(models.IngestRun.id.desc()).limit(1))
        assert run.status == "ok" and run.messages == summary.notes
    assert indexed_keys(two_pages) == kept_keys


def test_a_removed_file_ingested_again_gets_its_ids_back(two_pages: Settings) -> None:
    remove(two_pages, [ids.source_id(DROP)])
    ingest(two_pages, [SAMPLE_CORPUS / DROP])
    with session_scope(two_pages) as session:
        live = set(session.scalars(select(models.Paragraph.id)))
        assert not live & set(session.scalars(select(models.PassageRedirect.old_id)))


def test_sources_are_found_by_id_name_path_or_unique_file_name(tmp_path: Path, empty_settings: Settings) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(SAMPLE_CORPUS / KEEP, tmp_path / folder / "page.txt")
    ingest(empty_settings, [tmp_path / "a", tmp_path / "b"])
    with session_scope(empty_settings) as session:
        assert find_source(session, "b/page.txt") == "b/page.txt"
        assert find_source(session, str(tmp_path / "a" / "page.txt")) == "page.txt"
        assert find_source(session, ids.source_id("page.txt")) == "page.txt"
        with pytest.raises(UnknownSource, match="no source 'nothing.txt'"):
            find_source(session, "nothing.txt")


def test_an_unknown_source_removes_nothing(two_pages: Settings) -> None:
    with pytest.raises(UnknownSource):
        remove(two_pages, [KEEP, "nothing.txt"])
    with session_scope(two_pages) as session:
        assert len(session.scalars(select(models.Source.name)).all()) == 2
