"""Typed settings for the archive, read from ``DEVZONE_*`` environment variables.

Built on demand by :func:`get_settings` (cached), never at import time, so tests and the
CLI can point one process at any data dir. CONTRACT.md names three: ``DEVZONE_DATA_DIR``,
``DEVZONE_DATABASE_URL`` (default: the SQLite file in the data dir) and
``DEVZONE_BASE_URL`` (the only source of absolute URLs; links stay relative without it).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Where the archive lives and how it is served."""

    model_config = SettingsConfigDict(env_prefix="DEVZONE_", populate_by_name=True)

    #: One folder holds one whole archive: database (with SQLite), search index, lock.
    data_dir: Path = Path("data")
    #: ``DEVZONE_DATABASE_URL``; ``None`` means the SQLite file inside ``data_dir``.
    database: str | None = Field(default=None, validation_alias=AliasChoices("DEVZONE_DATABASE_URL", "database"))
    #: ``DEVZONE_BASE_URL``: the public address for feeds, OpenSearch, citations and
    #: exports. Never taken from a request's Host header, which any client can forge.
    base_url: str | None = None
    #: Serve a copied archive without writing to it (also chosen when the files are
    #: read-only): no migrations, SQLite opened immutable.
    read_only: bool = False
    #: Results per page when a request does not say.
    per_page: int = 20
    #: Hard ceiling on ``per_page`` (the contract's 100).
    max_per_page: int = 100
    #: Seconds an ingest waits for another one on the same archive before saying it is busy.
    lock_wait: float = 0.0
    #: Rows at most in one ``/search.csv`` or ``/search.jsonl`` download.
    max_export_rows: int = 2000
    #: ``DEVZONE_PUBLISH_INDEX``: the writer of a shared deployment (docs/DEPLOY.md). Runs
    #: write a private working index (``index-work``) and publish each result as a new
    #: snapshot that ``index`` — what servers read — is switched to in one atomic rename.
    publish_index: bool = False

    @property
    def database_path(self) -> Path:
        return self.data_dir / "archive.sqlite3"

    @property
    def database_url(self) -> str:
        return self.database or f"sqlite:///{self.database_path}"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def index_dir(self) -> Path:
        """The index this process reads and writes: a publishing writer's own working copy,
        else ``index`` (a folder, or the link to the published snapshot)."""
        return self.data_dir / ("index-work" if self.publish_index else "index")

    @property
    def public_base(self) -> str:
        """``DEVZONE_BASE_URL`` without its trailing slash, or ``""`` (relative links)."""
        return (self.base_url or "").rstrip("/")

    @property
    def serve_read_only(self) -> bool:
        """Whether to serve without writing: asked for, or the archive's files are read-only."""
        if self.read_only:
            return True
        if not self.data_dir.is_dir():
            return False
        files = [self.data_dir] + ([self.database_path] if self.is_sqlite and self.database_path.exists() else [])
        return not all(os.access(path, os.W_OK) for path in files)


@lru_cache
def get_settings() -> Settings:
    return Settings()


def settings_for(data_dir: Path | str | None) -> Settings:
    """Settings for an explicit data dir (the CLI's ``--data-dir``), else the environment's."""
    if data_dir is None:
        return get_settings()
    return Settings(data_dir=Path(data_dir))
