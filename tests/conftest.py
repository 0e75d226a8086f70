"""Shared fixtures: the sample corpus ingested once per session into a throw-away archive."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import Settings

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def sample_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings for an archive holding the bundled sample corpus. Treat it as read-only."""
    from ingest.pipeline import SAMPLE_CORPUS, ingest

    settings = Settings(data_dir=tmp_path_factory.mktemp("sample-archive"))
    ingest(settings, [SAMPLE_CORPUS])
    return settings


@pytest.fixture
def empty_settings(tmp_path: Path) -> Settings:
    """Settings for a fresh, empty archive of the test's own."""
    return Settings(data_dir=tmp_path / "archive")
