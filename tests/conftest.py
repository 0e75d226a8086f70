"""Shared fixtures: the sample corpus ingested once per session into a throw-away archive.

Both archive fixtures run on each backend: SQLite always, and PostgreSQL as well when
``DEVZONE_TEST_POSTGRES_URL`` names a cluster (``.ci/run`` starts one), so every test that
takes them — the routes, the archive queries, store, pipeline, remove, reprocess — runs on
both. A test about SQLite files themselves is marked ``sqlite_only``; browser tests run on SQLite.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

import pytest

from app.config import Settings
from tests.postgres import CLUSTER, throwaway_database

REPO = Path(__file__).resolve().parent.parent
BACKENDS = ["sqlite", *(["postgresql"] if CLUSTER else [])]


def _database(backend: str) -> AbstractContextManager[str | None]:
    """``DEVZONE_DATABASE_URL`` for ``backend``: ``None`` (the data dir's SQLite file) or a
    throwaway PostgreSQL database."""
    return throwaway_database() if backend == "postgresql" else nullcontext(None)


@pytest.fixture(scope="session", params=BACKENDS)
def sample_settings(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """Settings for an archive holding the bundled sample corpus. Treat it as read-only."""
    from ingest.pipeline import SAMPLE_CORPUS, ingest

    with _database(request.param) as database:
        settings = Settings(data_dir=tmp_path_factory.mktemp("sample-archive"), database=database)
        ingest(settings, [SAMPLE_CORPUS])
        yield settings


@pytest.fixture(params=BACKENDS)
def empty_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """Settings for a fresh, empty archive of the test's own."""
    with _database(request.param) as database:
        yield Settings(data_dir=tmp_path / "archive", database=database)


@pytest.fixture(autouse=True)
def _sqlite_only(request: pytest.FixtureRequest) -> None:
    """Skips the PostgreSQL run of a test marked ``sqlite_only``, and of the browser tests
    (they check what pages do in Chromium; the pages' data is tested on both already)."""
    marked = [m for m in ("sqlite_only", "browser") if request.node.get_closest_marker(m) is not None]
    if not marked:
        return
    for name in ("sample_settings", "empty_settings"):
        if name in request.fixturenames and not request.getfixturevalue(name).is_sqlite:
            pytest.skip(f"{marked[0]}: runs on the SQLite backend only")
