"""app/errors.py: a database that cannot be reached is a 503 with Retry-After, in the one
error shape (JSON for machines, the error page for people), never a 500."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    # Nothing listens on this socket: every connection attempt fails at once.
    url = f"postgresql+psycopg://postgres@/devzone?host={tmp_path}&port=1&connect_timeout=2"
    settings = Settings(data_dir=tmp_path / "archive", database=url, read_only=True)
    return TestClient(create_app(settings), raise_server_exceptions=False)


@pytest.mark.parametrize("path", ["/api/zones", "/api/search?q=开发区", "/api/articles/a-rm6w7sqags"])
def test_machines_get_503_json(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 503 and response.headers["retry-after"] == "5"
    assert response.json()["error"]["status"] == 503
    assert "content-security-policy" in response.headers


@pytest.mark.parametrize("path", ["/zones", "/search?q=开发区"])
def test_people_get_the_error_page(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 503 and '<html lang="zh-CN">' in response.text
    assert "稍后再试" in response.text
