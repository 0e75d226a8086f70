"""HTTP fixtures: the web app over the session's sample archive, through dependency overrides."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app


@pytest.fixture(scope="session")
def client(sample_settings: Settings) -> Iterator[TestClient]:
    """A client of ``create_app(sample_settings)``; server errors raise in the test."""
    with TestClient(create_app(sample_settings)) as test_client:
        yield test_client
