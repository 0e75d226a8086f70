"""A throwaway PostgreSQL database on the cluster ``.ci/run`` starts, for the tests that
run on PostgreSQL. ``DEVZONE_TEST_POSTGRES_URL`` names the cluster; without it, or without
a server answering, the test skips and says why."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

CLUSTER = os.environ.get("DEVZONE_TEST_POSTGRES_URL", "")


@contextmanager
def throwaway_database() -> Iterator[str]:
    """The URL of a new, empty database, dropped afterwards (connections and all)."""
    if not CLUSTER:
        pytest.skip("PostgreSQL tests skipped: DEVZONE_TEST_POSTGRES_URL is not set (.ci/run sets it)")
    admin = create_engine(CLUSTER, isolation_level="AUTOCOMMIT")
    name = f"devzone_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - any failure to reach the cluster means: skip
        admin.dispose()
        pytest.skip(f"PostgreSQL tests skipped: no server at DEVZONE_TEST_POSTGRES_URL ({type(exc).__name__})")
    url = make_url(CLUSTER).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        from app.db import engine_for

        engine_for(url).dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
