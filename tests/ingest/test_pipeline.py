"""The whole ingest over the sample corpus: idempotence, stable ids, junk, edits, the CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from app import models
from app.config import Settings
from app.db import session_scope
from ingest.pipeline import SAMPLE_CORPUS, ingest

DEVZONE = [sys.executable, "-c", "from ingest.launch import main; main()"]


def paragraph_ids(settings: Settings) -> dict[str, str]:
    with session_scope(settings) as session:
        return dict(session.execute(select(models.Paragraph.id, models.Paragraph.text)).all())


def test_unchanged_files_cost_nothing_the_second_time(sample_settings: Settings) -> None:
    summary = ingest(sample_settings, [SAMPLE_CORPUS])
    assert (summary.added, summary.replaced, summary.unchanged, summary.articles) == (0, 0, 5, 0)


def test_same_text_gives_the_same_ids_in_any_archive(sample_settings: Settings, empty_settings: Settings) -> None:
    ingest(empty_settings, sorted(SAMPLE_CORPUS.glob("*.txt"), reverse=True))
    assert paragraph_ids(empty_settings) == paragraph_ids(sample_settings)


def test_junk_is_skipped_by_name_and_the_rest_goes_in(tmp_path: Path, empty_settings: Settings) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLE_CORPUS / "002_4d37290c3898b9a3.txt", folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "gbk.txt").write_bytes((SAMPLE_CORPUS / "000_9b1fc93b336b5d55.txt").read_text("utf-8").encode("gbk"))
    summary = ingest(empty_settings, [folder])
    assert summary.added == 2
    assert sorted(Path(m.split(":")[0]).name for m in summary.skipped) == ["empty.txt", "image.png"]


def test_an_edited_file_replaces_its_articles_and_old_ids_lead_on(tmp_path: Path, empty_settings: Settings) -> None:
    page = tmp_path / "002_4d37290c3898b9a3.txt"
    shutil.copy(SAMPLE_CORPUS / page.name, page)
    ingest(empty_settings, [page])
    before = paragraph_ids(empty_settings)
    text = page.read_text("utf-8")
    page.write_text(text.replace("车行长子，阳光明媚。", "车行长子，天气晴好，阳光明媚。"), "utf-8")
    summary = ingest(empty_settings, [page])
    after = paragraph_ids(empty_settings)
    assert summary.replaced == 1 and summary.redirected == 1 and summary.gone == 0
    [old_id] = [pid for pid in before if pid not in after]
    assert len(before) == len(after)
    with session_scope(empty_settings) as session:
        redirect = session.get(models.PassageRedirect, old_id)
        assert redirect is not None and redirect.new_id in after
        assert after[redirect.new_id].startswith("车行长子，天气晴好")


def test_cli_ingest_and_export_follow_the_contract(tmp_path: Path) -> None:
    data = tmp_path / "archive"
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 4)
    run = subprocess.run(
        [*DEVZONE, "ingest", "--data-dir", str(data), str(SAMPLE_CORPUS / "004_1f7bcc093c03989e.txt"), str(junk)],
        capture_output=True, text=True, check=True,
    )
    assert "junk.bin" in run.stderr
    out = subprocess.run([*DEVZONE, "export", "--data-dir", str(data)], capture_output=True, text=True, check=True)
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(records) == 7
    first = records[0]
    assert set(first) >= {
        "id", "title", "kicker", "subtitle", "byline", "dateline", "date", "source", "zones", "cities",
        "paragraphs", "continued_from", "continued_to",
    }
    assert first["date"] == "2025-05-09" and first["source"]["page"] == "B2"
    assert first["source"]["file"] == "004_1f7bcc093c03989e.txt"
    for record in records:
        for paragraph in record["paragraphs"]:
            start, end = paragraph["lines"]
            assert 1 <= start <= end and paragraph["kind"] in ("body", "heading", "caption")


def test_same_file_name_in_two_folders_is_two_sources(tmp_path: Path, empty_settings: Settings) -> None:
    for folder, sample in (("a", "002_4d37290c3898b9a3.txt"), ("b", "004_1f7bcc093c03989e.txt")):
        (tmp_path / folder).mkdir()
        shutil.copy(SAMPLE_CORPUS / sample, tmp_path / folder / "page.txt")
    summary = ingest(empty_settings, [tmp_path / "a", tmp_path / "b"])
    assert (summary.added, summary.skipped) == (2, [])
    with session_scope(empty_settings) as session:
        names = sorted(session.scalars(select(models.Source.name)))
    assert names == ["b/page.txt", "page.txt"]
    again = ingest(empty_settings, [tmp_path / "b", tmp_path / "a"])  # each file still knows its source
    assert (again.added, again.replaced, again.unchanged) == (0, 0, 2)


def test_a_moved_file_is_the_same_source(tmp_path: Path, empty_settings: Settings) -> None:
    page = tmp_path / "old" / "002_4d37290c3898b9a3.txt"
    page.parent.mkdir()
    shutil.copy(SAMPLE_CORPUS / page.name, page)
    ingest(empty_settings, [page])
    moved = tmp_path / "new" / page.name
    page.parent.rename(moved.parent)
    assert ingest(empty_settings, [moved]).unchanged == 1
    with session_scope(empty_settings) as session:
        [origin] = session.scalars(select(models.Source.origin))
    assert origin["path"] == str(moved.resolve())


def test_a_manifest_date_wins_over_none(tmp_path: Path, empty_settings: Settings) -> None:
    page = tmp_path / "page.txt"
    page.write_text("开发区建设综述\n\n太原经开区今年新签约项目四十个，总投资超过三百亿元，项目建设势头良好。\n", "utf-8")
    ingest(empty_settings, [tmp_path])
    assert {a.date for a in articles(empty_settings)} == {None}
    (tmp_path / "manifest.csv").write_text(
        "file,publication,date,page,url\npage.txt,山西日报,2023-07-14,第5版,https://example.org/p\n", "utf-8"
    )
    summary = ingest(empty_settings, [tmp_path])  # the same bytes, but new stated facts: re-derived
    assert (summary.replaced, summary.notes) == (1, [])
    assert {a.date for a in articles(empty_settings)} == {"2023-07-14"}
    with session_scope(empty_settings) as session:
        source = session.scalars(select(models.Source)).one()
        assert (source.publication, source.page, source.url) == ("山西日报", "第5版", "https://example.org/p")
        assert source.origin["date"] == "2023-07-14"


def test_whitespace_twin_paragraphs_ingest(tmp_path: Path, empty_settings: Settings) -> None:
    paragraph = "太原经开区今年新签约项目四十个，总投资超过三百亿元，项目建设势头良好。"
    page = tmp_path / "twins.txt"
    page.write_text(f"开发区建设综述\n\n{paragraph}\n\n{paragraph[:10]} {paragraph[10:]}\n", "utf-8")
    assert ingest(empty_settings, [page]).added == 1
    assert len(paragraph_ids(empty_settings)) == 2


def articles(settings: Settings) -> list[models.Article]:
    with session_scope(settings) as session:
        return list(session.scalars(select(models.Article)))


def test_a_folder_holding_the_archive_does_not_ingest_the_archive_itself(tmp_path: Path, empty_settings: Settings) -> None:
    (tmp_path / "page.txt").write_text("开发区建设综述\n\n太原经开区今年新签约项目四十个，项目建设势头良好。\n", "utf-8")
    ingest(empty_settings, [tmp_path])
    summary = ingest(empty_settings, [tmp_path])  # the archive now sits inside tmp_path
    assert (summary.added, summary.skipped) == (0, [])
    assert len(articles(empty_settings)) == 1
