"""Passage links survive edits: an edited paragraph's old id leads to its new version with a
note, a deleted one answers 410 with its old quote, an untouched one keeps its id."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app import models
from app.config import Settings
from app.db import session_scope
from app.main import create_app
from ingest.pipeline import SAMPLE_CORPUS, ingest

SAMPLE = "004_1f7bcc093c03989e.txt"


@dataclass
class Para:
    id: str
    text: str
    line_start: int
    line_end: int


def _body_paragraphs(settings: Settings) -> list[list[Para]]:
    """Body paragraphs of each titled article with at least four of them."""
    with session_scope(settings) as session:
        found = []
        for article in session.scalars(select(models.Article).order_by(models.Article.ordinal)):
            body = [Para(p.id, p.text, p.line_start, p.line_end) for p in article.paragraphs if p.kind == "body"]
            if not article.title_supplied and len(body) >= 4:
                found.append(body)
        return found


def _edit_line(lines: list[str], number: int, insert: str, *, at: int) -> None:
    line = lines[number - 1]
    lines[number - 1] = line[:at] + insert + line[at:]


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """An archive holding one sample page, then the same page edited twice."""
    folder = tmp_path_factory.mktemp("edited-source")
    settings = Settings(data_dir=tmp_path_factory.mktemp("edited-archive"))
    path = folder / SAMPLE
    shutil.copy(SAMPLE_CORPUS / SAMPLE, path)
    ingest(settings, [path])
    body = _body_paragraphs(settings)[0]
    kept, changed, deleted = body[0], body[1], body[2]
    lines = path.read_text(encoding="utf-8").split("\n")
    _edit_line(lines, changed.line_start, "确实", at=len(lines[changed.line_start - 1]) // 2)
    del lines[deleted.line_start - 1:deleted.line_end]
    Path(path).write_text("\n".join(lines), encoding="utf-8")
    ingest(settings, [path])
    after_first = {p.text: p.id for article in _body_paragraphs(settings) for p in article}
    first_version = next(pid for text, pid in after_first.items() if "确实" in text)
    lines = path.read_text(encoding="utf-8").split("\n")
    _edit_line(lines, changed.line_start, "再次", at=1)
    Path(path).write_text("\n".join(lines), encoding="utf-8")
    ingest(settings, [path])
    return {"settings": settings, "kept": kept, "changed": changed, "deleted": deleted, "first_version": first_version}


@pytest.fixture(scope="module")
def client(edited: dict[str, object]) -> TestClient:
    settings = edited["settings"]
    assert isinstance(settings, Settings)
    return TestClient(create_app(settings))


def test_untouched_paragraph_keeps_its_id(client: TestClient, edited: dict[str, object]) -> None:
    kept = edited["kept"]
    assert isinstance(kept, Para)
    data = client.get(f"/api/passages/{kept.id}").json()
    assert data["status"] == "live" and data["text"] == kept.text


def test_edited_paragraph_leads_to_its_newest_version_with_a_note(client: TestClient, edited: dict[str, object]) -> None:
    changed = edited["changed"]
    assert isinstance(changed, Para)
    data = client.get(f"/api/passages/{changed.id}").json()
    assert data["status"] == "edited" and data["id"] != changed.id
    assert "确实" in data["text"] and "再次" in data["text"], "the chain of two edits is followed"
    assert data["redirected_from"][0] == changed.id and data["old_text"] == changed.text
    page = client.get(f"/p/{changed.id}")
    assert page.status_code == 200
    assert "这段文字已修订" in page.text and changed.text in page.text
    assert f'class="para marked" id="{data["id"]}"' in page.text
    assert f'data-copy-path="/p/{data["id"]}"' in page.text, "the copied link is the current one"


def test_intermediate_version_also_leads_to_the_newest(client: TestClient, edited: dict[str, object]) -> None:
    data = client.get(f"/api/passages/{edited['first_version']}").json()
    assert data["status"] == "edited" and "再次" in data["text"]


def test_deleted_paragraph_is_gone_with_its_old_quote(client: TestClient, edited: dict[str, object]) -> None:
    deleted = edited["deleted"]
    assert isinstance(deleted, Para)
    page = client.get(f"/p/{deleted.id}")
    assert page.status_code == 410
    assert "段落已不存在" in page.text and deleted.text in page.text
    error = client.get(f"/api/passages/{deleted.id}").json()["error"]
    assert error["status"] == 410 and error["old_text"] == deleted.text


def test_an_edit_that_drops_a_paragraph_says_so(client: TestClient, edited: dict[str, object]) -> None:
    deleted = edited["deleted"]
    assert isinstance(deleted, Para)
    page = client.get(f"/p/{deleted.id}")
    assert page.status_code == 410 and "原文经过修订后不再包含它" in page.text
