"""ingest/changes.py: adding a file to an archive reads only what the file touches — never
the whole sources or articles table, never every key of the index — and a run that finds
the index out of step heals it the whole way, as before. Also what importing the command
line loads: nothing a run does not need (ingest/cli.py, app/db.py, app/places.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event, select

from app import models
from app.config import Settings
from app.db import get_engine, session_scope
from ingest import changes, index
from ingest.pipeline import SAMPLE_CORPUS, ingest, utc_now

PAGES = sorted(SAMPLE_CORPUS.glob("*.txt"))
#: A SELECT over a whole table: FROM sources/articles with no WHERE (counting is not reading).
WHOLE_TABLE = re.compile(r"^\s*SELECT\b(?!\s+count\().*\bFROM (sources|articles)\b(?!.*\bWHERE\b)", re.I | re.S)


@contextmanager
def statements(settings: Settings) -> Iterator[list[str]]:
    """Every SQL statement the archive's engine runs inside the block."""
    seen: list[str] = []

    def record(_conn, _cursor, statement, _params, _context, _many) -> None:  # type: ignore[no-untyped-def]
        seen.append(statement)

    engine = get_engine(settings)
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _new_page(tmp_path: Path, marker: str) -> Path:
    page = tmp_path / f"new_{marker}.txt"
    page.write_text(f"新增一行 {marker}\n" + PAGES[0].read_text(encoding="utf-8"), encoding="utf-8")
    return page


def _no_whole_index_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("an add compared every key of the index with the database")

    monkeypatch.setattr(index, "sync_index", refuse)
    monkeypatch.setattr(index, "indexed_keys", refuse)


def test_adding_a_file_reads_no_whole_table_and_no_whole_index(
    tmp_path: Path, empty_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(empty_settings, PAGES)
    _no_whole_index_reads(monkeypatch)
    with statements(empty_settings) as seen:
        summary = ingest(empty_settings, [_new_page(tmp_path, "a")])
    assert summary.added == 1
    assert not [s for s in seen if WHOLE_TABLE.search(s)]
    assert any(re.search(r"\bFROM sources\b.*\bWHERE\b", s, re.S) for s in seen)  # the listener saw the run


def test_an_edited_file_swaps_its_versions_in_the_index(tmp_path: Path, empty_settings: Settings) -> None:
    page = _new_page(tmp_path, "b")
    ingest(empty_settings, [*PAGES, page])
    page.write_text(page.read_text(encoding="utf-8").replace("新增一行", "改过一行"), encoding="utf-8")
    assert ingest(empty_settings, [page]).replaced == 1
    with session_scope(empty_settings) as session:
        assert index.indexed_keys(empty_settings) == set(session.scalars(select(models.Article.index_key)))


def test_a_run_after_a_killed_one_heals_the_whole_index(tmp_path: Path, empty_settings: Settings) -> None:
    ingest(empty_settings, PAGES)
    with session_scope(empty_settings) as session:
        assert changes.in_step(empty_settings, session)
        doomed = session.scalar(select(models.Article.index_key).limit(1))
        assert doomed is not None
    index.delete_keys(empty_settings, [doomed])  # what a crash between the two commits can leave
    with session_scope(empty_settings) as session:
        session.add(models.IngestRun(started_at=utc_now(), status="running", messages=[]))
        assert not changes.in_step(empty_settings, session)
    ingest(empty_settings, [_new_page(tmp_path, "c")])
    with session_scope(empty_settings) as session:
        assert index.indexed_keys(empty_settings) == set(session.scalars(select(models.Article.index_key)))


def test_an_index_missing_documents_is_out_of_step(empty_settings: Settings) -> None:
    ingest(empty_settings, PAGES)
    with session_scope(empty_settings) as session:
        doomed = session.scalar(select(models.Article.index_key).limit(1))
    assert doomed is not None
    index.delete_keys(empty_settings, [doomed])
    with session_scope(empty_settings) as session:
        assert not changes.in_step(empty_settings, session)


def test_importing_the_command_line_loads_no_engine_it_does_not_run() -> None:
    code = (
        "import sys, ingest.cli, ingest.pipeline\n"
        "heavy = ('alembic', 'pypinyin', 'whoosh', 'fastapi', 'uvicorn')\n"
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert done.stdout.strip() == ""
