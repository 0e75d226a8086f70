"""A removed source's passage links answer 410 with the old quote, HTML and JSON alike."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app import models
from app.config import Settings
from app.db import session_scope
from app.main import create_app
from ingest.pipeline import SAMPLE_CORPUS, ingest
from ingest.remove import remove

SAMPLE = "004_1f7bcc093c03989e.txt"


@pytest.fixture(scope="module")
def removed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, dict[str, str]]]:
    """A client of an archive that held one sample page and had it removed, and that page's
    passages (id → text)."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("removed-archive"))
    ingest(settings, [SAMPLE_CORPUS / SAMPLE])
    with session_scope(settings) as session:
        passages = dict(session.execute(select(models.Paragraph.id, models.Paragraph.text)).all())
    remove(settings, [SAMPLE])
    with TestClient(create_app(settings)) as client:
        yield client, passages


def test_removed_passage_links_answer_410_with_the_old_quote(removed: tuple[TestClient, dict[str, str]]) -> None:
    client, passages = removed
    passage_id, text = max(passages.items(), key=lambda item: len(item[1]))
    page = client.get(f"/p/{passage_id}")
    assert page.status_code == 410 and text[:40] in page.text
    api = client.get(f"/api/passages/{passage_id}")
    assert api.status_code == 410 and text[:40] in api.text


def test_a_never_known_id_is_still_404(removed: tuple[TestClient, dict[str, str]]) -> None:
    client, _ = removed
    assert client.get("/p/p-aaaaaaaaaaaa").status_code == 404


def test_a_removed_source_is_named_as_the_reason(removed: tuple[TestClient, dict[str, str]]) -> None:
    client, passages = removed
    page = client.get(f"/p/{next(iter(passages))}")
    assert "原文已从档案中移除" in page.text and "原文经过修订后不再包含它" not in page.text
