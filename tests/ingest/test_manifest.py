"""manifest: what a user states about a file is read forgivingly and wins over the text."""

from __future__ import annotations

from pathlib import Path

from ingest.manifest import Stated, apply, gather, is_metadata, parse_date
from ingest.model import PageInfo


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_stated_facts_win_and_the_text_fills_the_rest() -> None:
    info = PageInfo(publication="长治日报", date=None, page="B2")
    merged = apply(info, Stated(date="2023-07-14", url="https://example.org/a"))
    assert merged == PageInfo(publication="长治日报", date="2023-07-14", page="B2", url="https://example.org/a")


def test_manifest_rows_apply_to_files_relative_to_its_folder(tmp_path: Path) -> None:
    page = write(tmp_path / "2023" / "page.txt", "正文")
    write(tmp_path / "manifest.csv", "file,publication,date,page,url\n2023/page.txt,山西日报,2023年7月14日,第5版,\n")
    statements = gather([tmp_path], [page])
    assert statements.for_file(page) == Stated(publication="山西日报", date="2023-07-14", page="第5版")
    assert statements.problems == []


def test_a_sidecar_wins_over_the_manifest_field_by_field(tmp_path: Path) -> None:
    page = write(tmp_path / "page.txt", "正文")
    write(tmp_path / "manifest.csv", "file,publication,date\npage.txt,山西日报,2023-07-14\n")
    write(tmp_path / "page.txt.json", '{"date": "2023-07-15", "url": "https://example.org/p"}')
    stated = gather([page], [page]).for_file(page)
    assert stated == Stated(publication="山西日报", date="2023-07-15", url="https://example.org/p")


def test_a_bad_row_is_named_and_loses_only_its_bad_value(tmp_path: Path) -> None:
    good = write(tmp_path / "a.txt", "正文")
    bad = write(tmp_path / "b.txt", "正文")
    write(tmp_path / "manifest.csv", "file,publication,date\na.txt,山西日报,2023-07-14\nb.txt,长治日报,2023-13-40\nc.txt,,\n")
    statements = gather([tmp_path], [good, bad])
    assert statements.for_file(good).date == "2023-07-14"
    assert statements.for_file(bad) == Stated(publication="长治日报")
    assert [p.split(": ")[0] for p in statements.problems] == [
        f"{tmp_path / 'manifest.csv'} row 3", f"{tmp_path / 'manifest.csv'} row 4",
    ]
    assert "2023-13-40" in statements.problems[0] and "c.txt" in statements.problems[1]


def test_broken_sidecars_and_manifests_say_so_in_one_line(tmp_path: Path) -> None:
    page = write(tmp_path / "page.txt", "正文")
    write(tmp_path / "page.txt.json", "{not json")
    write(tmp_path / "manifest.csv", "name,date\npage.txt,2023-07-14\n")
    statements = gather([tmp_path], [page])
    assert statements.for_file(page) == Stated()
    assert len(statements.problems) == 2 and all("\n" not in p for p in statements.problems)


def test_gbk_manifests_from_chinese_spreadsheets_are_read(tmp_path: Path) -> None:
    page = write(tmp_path / "page.txt", "正文")
    (tmp_path / "manifest.csv").write_bytes("file,publication\npage.txt,山西经济日报\n".encode("gb18030"))
    assert gather([tmp_path], [page]).for_file(page).publication == "山西经济日报"


def test_manifests_and_sidecars_are_not_reports(tmp_path: Path) -> None:
    page = write(tmp_path / "page.txt", "正文")
    assert is_metadata(write(tmp_path / "manifest.csv", "file\n"))
    assert is_metadata(write(tmp_path / "page.txt.json", "{}"))
    assert not is_metadata(write(tmp_path / "lonely.json", "{}")) and not is_metadata(page)


def test_dates_in_the_forms_people_write_them() -> None:
    assert parse_date("2023/7/14") == parse_date("2023.07.14") == parse_date("2023年7月14日") == "2023-07-14"
    assert parse_date("2023-02-30") is None and parse_date("昨天") is None
