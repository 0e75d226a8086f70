"""The archive on PostgreSQL (app/db.py, migrations/env.py): migrations, ingest, the routes,
idempotence and remove, on a throwaway database of the cluster ``.ci/run`` starts.

``DEVZONE_TEST_POSTGRES_URL`` names the cluster (``postgresql+psycopg://…/postgres``); each
test gets a database of its own. Without it, or without a server answering, these skip and
say why.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from app.config import Settings
from app.main import create_app
from ingest.pipeline import SAMPLE_CORPUS, ingest
from ingest.remove import remove
from tests.postgres import throwaway_database


@pytest.fixture
def pg_settings(tmp_path: Path) -> Iterator[Settings]:
    with throwaway_database() as url:
        yield Settings(data_dir=tmp_path / "archive", database=url)


def test_migrations_ingest_and_routes_on_postgresql(pg_settings: Settings) -> None:
    first = ingest(pg_settings, [SAMPLE_CORPUS])
    assert first.added == 5 and first.articles > 0
    again = ingest(pg_settings, [SAMPLE_CORPUS])
    assert (again.added, again.replaced, again.unchanged) == (0, 0, 5)
    with TestClient(create_app(pg_settings)) as client:
        found = client.get("/api/search", params={"q": "开发区"}).json()
        assert found["total"] > 0
        hit = found["results"][0]
        assert client.get(f"/api/articles/{hit['article_id']}").status_code == 200
        assert client.get(hit["url"]).status_code == 200
        assert client.get("/api/zones").status_code == 200
        assert client.get("/api/articles/a-nope").status_code == 404
    with create_engine(pg_settings.database_url).connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1


def test_remove_on_postgresql_answers_gone(pg_settings: Settings) -> None:
    page = SAMPLE_CORPUS / "004_1f7bcc093c03989e.txt"
    ingest(pg_settings, [page])
    with TestClient(create_app(pg_settings)) as client:
        url = client.get("/api/search", params={"q": "开发区"}).json()["results"][0]["url"]
        remove(pg_settings, [page.name])
        assert client.get("/api" + url.replace("/p/", "/passages/")).status_code == 410
