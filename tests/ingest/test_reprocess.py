"""reprocess: a pipeline change reaches archived sources, from their stored texts, and
passage ids keep the contract's promise."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from app import models
from app.config import Settings
from app.db import session_scope
from ingest import stages, version
from ingest.model import Document, SourceText
from ingest.pipeline import SAMPLE_CORPUS, ingest
from ingest.reprocess import reprocess

SAMPLE = "002_4d37290c3898b9a3.txt"


def snapshot(settings: Settings) -> tuple[dict[str, str], dict[str, str | None]]:
    """(paragraph id → text, source name → pipeline version)."""
    with session_scope(settings) as session:
        paragraphs = dict(session.execute(select(models.Paragraph.id, models.Paragraph.text)).all())
        versions = dict(session.execute(select(models.Source.name, models.Source.pipeline_version)).all())
    return paragraphs, versions


@pytest.fixture
def archived(tmp_path: Path, empty_settings: Settings) -> Path:
    """One sample page ingested, and then its file gone: only the archive holds its text."""
    page = tmp_path / SAMPLE
    shutil.copy(SAMPLE_CORPUS / SAMPLE, page)
    ingest(empty_settings, [page])
    page.unlink()
    return page


def bump(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(version, "PIPELINE", version.PIPELINE + ".test")


def test_up_to_date_sources_are_skipped(archived: Path, empty_settings: Settings) -> None:
    summary = reprocess(empty_settings)
    assert (summary.replaced, summary.unchanged) == (0, 1)


def test_a_new_pipeline_version_reaches_archived_texts_and_keeps_their_ids(
    archived: Path, empty_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, _ = snapshot(empty_settings)
    bump(monkeypatch)
    summary = reprocess(empty_settings)
    after, versions = snapshot(empty_settings)
    assert (summary.replaced, summary.unchanged, summary.skipped) == (1, 0, [])
    assert after == before  # the same text gives the same ids
    assert versions == {SAMPLE: version.pipeline_version()}
    assert reprocess(empty_settings).replaced == 0  # now up to date
    assert reprocess(empty_settings, everything=True).replaced == 1


def test_a_changed_cleaning_rule_reaches_the_archive_and_old_ids_lead_on(
    archived: Path, empty_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, _ = snapshot(empty_settings)
    target = max(before.values(), key=len)
    changed = target.replace("，", "、", 1)
    real = stages.process_text

    def better_pipeline(source: SourceText, **kwargs: object) -> Document:
        document = real(source, **kwargs)  # type: ignore[arg-type]
        for article in document.articles:
            for paragraph in article.paragraphs:
                paragraph.text = changed if paragraph.text == target else paragraph.text
        return document

    monkeypatch.setattr(stages, "process_text", better_pipeline)
    bump(monkeypatch)
    summary = reprocess(empty_settings)
    after, _ = snapshot(empty_settings)
    assert (summary.replaced, summary.redirected, summary.gone) == (1, 1, 0)
    [old_id] = [pid for pid, text in before.items() if text == target]
    [new_id] = [pid for pid, text in after.items() if text == changed]
    assert set(after) - {new_id} == set(before) - {old_id}  # every other passage kept its id
    with session_scope(empty_settings) as session:
        redirect = session.get(models.PassageRedirect, old_id)
        assert redirect is not None and (redirect.new_id, redirect.old_text) == (new_id, target)


def test_ingest_rederives_an_unchanged_file_whose_version_is_stale(
    tmp_path: Path, empty_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / SAMPLE
    shutil.copy(SAMPLE_CORPUS / SAMPLE, page)
    ingest(empty_settings, [page])
    before, _ = snapshot(empty_settings)
    bump(monkeypatch)
    summary = ingest(empty_settings, [page])
    assert (summary.replaced, summary.unchanged) == (1, 0)
    after, versions = snapshot(empty_settings)
    assert after == before and versions == {SAMPLE: version.pipeline_version()}
    assert ingest(empty_settings, [page]).unchanged == 1


def test_a_manifest_date_survives_reprocess(tmp_path: Path, empty_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "page.txt"
    page.write_text("开发区建设综述\n\n太原经开区今年新签约项目四十个，总投资超过三百亿元，项目建设势头良好。\n", "utf-8")
    (tmp_path / "manifest.csv").write_text("file,date\npage.txt,2023-07-14\n", "utf-8")
    ingest(empty_settings, [tmp_path])
    bump(monkeypatch)
    reprocess(empty_settings)
    with session_scope(empty_settings) as session:
        assert set(session.scalars(select(models.Article.date))) == {"2023-07-14"}
