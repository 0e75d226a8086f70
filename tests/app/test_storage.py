"""storage: texts stored deflated read back unchanged, and migration 0005 packs an archive's
existing texts on both backends (and shrinks a SQLite file)."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import select, text

from app import models
from app.config import Settings
from app.db import MIGRATIONS_DIR, get_engine, session_scope, upgrade
from app.storage import GB18030_TAG, UTF8_TAG, is_packed, pack, unpack

TEXTS = [
    "",
    "山西转型综合改革示范区2023年完成投资137.3亿元，同比增长12%。",
    "繁體與简体、全角ＡＢＣ、emoji 😀、罕用字𠀀，还有 Ａ　全角空格。",
    "plain ASCII, line one\nline two\r\n\ttabbed",
    "\ue5e5私用区\x01控制符\x00零",
]


@pytest.mark.parametrize("value", TEXTS)
def test_pack_round_trips(value: str) -> None:
    stored = pack(value)
    assert is_packed(stored) and unpack(stored) == value
    assert unpack(memoryview(stored)) == value  # what PostgreSQL's driver may hand back


def test_chinese_is_deflated_from_gb18030_and_smaller() -> None:
    page = "晋中国家农业高新技术产业示范区围绕目标完成，强化经济运行监测。" * 40
    stored = pack(page)
    assert stored[0] == GB18030_TAG
    assert len(stored) < len(page.encode("utf-8")) / 4


def test_utf8_tagged_values_read_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """GB18030 gives back every code point Python knows; the UTF-8 tag is the guard for a
    codec that would not, and must read back all the same."""
    monkeypatch.setattr("app.storage._keeps", lambda value, raw: False)
    stored = pack(TEXTS[2])
    assert stored[0] == UTF8_TAG and unpack(stored) == TEXTS[2]


def test_what_no_encoding_takes_is_refused_as_before() -> None:
    with pytest.raises(UnicodeError):  # a lone surrogate: the database driver refused it too
        pack("孤立代理项\udc80")
    assert not is_packed(b"") and not is_packed("text") and not is_packed("开发区".encode())


def test_plain_utf8_not_yet_packed_reads_as_itself() -> None:
    assert unpack("开发区".encode()) == "开发区"
    assert unpack("开发区") == "开发区"


def _source(number: int, body: str) -> dict[str, object]:
    return {"id": f"s-{number}", "name": f"page{number}.txt", "sha256": "0" * 64, "encoding": "utf-8",
            "text": body, "ingested_at": datetime(2026, 1, 1), "origin": "{}"}


def _alembic(settings: Settings, verb: str, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", settings.database_url.replace("%", "%%"))
    with get_engine(settings).begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, verb)(config, revision)


def _insert_plain(settings: Settings, bodies: list[str]) -> None:
    """Rows as revision 0004 wrote them: plain text columns."""
    with get_engine(settings).begin() as connection:
        for number, body in enumerate(bodies):
            connection.execute(text(
                "INSERT INTO sources (id, name, sha256, encoding, text, ingested_at, origin) "
                "VALUES (:id, :name, :sha256, :encoding, :text, :ingested_at, :origin)"), _source(number, body))
            connection.execute(text(
                "INSERT INTO articles (id, source_id, ordinal, title, title_supplied, index_key) "
                "VALUES (:id, :source, 0, '标题', false, :id)"), {"id": f"a-{number}", "source": f"s-{number}"})
            connection.execute(text(
                "INSERT INTO paragraphs (id, article_id, ordinal, kind, text, line_start, line_end) "
                "VALUES (:id, :article, 0, 'body', :text, 1, 1)"),
                {"id": f"p-{number}", "article": f"a-{number}", "text": body[::-1]})


def _raw_texts(settings: Settings, table: str) -> list[object]:
    with get_engine(settings).connect() as connection:
        return [row[0] for row in connection.execute(text(f"SELECT text FROM {table} ORDER BY id"))]


def test_migration_packs_existing_texts_and_readers_get_them_back(empty_settings: Settings) -> None:
    bodies = [f"第{n}页：太原高新区开发区项目建设稳步推进。" * 50 for n in range(3)] + TEXTS[:4]
    _alembic(empty_settings, "upgrade", "0004")
    _insert_plain(empty_settings, bodies)
    upgrade(empty_settings)
    for table in ("sources", "paragraphs"):
        assert all(is_packed(value) for value in _raw_texts(empty_settings, table))
    with session_scope(empty_settings) as session:
        sources = {s.id: s.text for s in session.scalars(select(models.Source))}
        paragraphs = {row.id: row.text for row in session.execute(select(models.Paragraph.id, models.Paragraph.text))}
    assert sources == {f"s-{n}": body for n, body in enumerate(bodies)}
    assert paragraphs == {f"p-{n}": body[::-1] for n, body in enumerate(bodies)}

    _alembic(empty_settings, "downgrade", "0004")
    assert _raw_texts(empty_settings, "sources") == bodies
    assert _raw_texts(empty_settings, "paragraphs") == [body[::-1] for body in bodies]
    upgrade(empty_settings)  # and forward again, over texts the downgrade gave back
    with session_scope(empty_settings) as session:
        assert session.get(models.Paragraph, "p-1").text == bodies[1][::-1]  # type: ignore[union-attr]


@pytest.mark.sqlite_only
def test_migration_leaves_a_smaller_compacted_sqlite_file(empty_settings: Settings) -> None:
    bodies = ["".join(chr(0x4E00 + (n * 7 + k) % 3000) for k in range(6000)) for n in range(40)]
    _alembic(empty_settings, "upgrade", "0004")
    _insert_plain(empty_settings, bodies)
    get_engine(empty_settings).dispose()  # checkpoint, so the size below is the file's
    before = empty_settings.database_path.stat().st_size
    upgrade(empty_settings)
    get_engine(empty_settings).dispose()
    after = empty_settings.database_path.stat().st_size
    assert after < before * 0.8
    with sqlite3.connect(empty_settings.database_path) as connection:
        assert connection.execute("PRAGMA freelist_count").fetchone()[0] == 0
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0005"
