"""Typed settings for the archive, read from ``DEVZONE_*`` environment variables.

Built on demand by :func:`get_settings` (cached), never at import time, so tests and the
CLI can point one process at any data dir.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Where the archive lives and how it is served."""

    model_config = SettingsConfigDict(env_prefix="DEVZONE_")

    #: One folder holds one whole archive: database, search index, run log.
    data_dir: Path = Path("data")
    #: Results per page when a request does not say.
    per_page: int = 20
    #: Hard ceiling on ``per_page`` (the contract's 100).
    max_per_page: int = 100

    @property
    def database_path(self) -> Path:
        return self.data_dir / "archive.sqlite3"

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.database_path}"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"


@lru_cache
def get_settings() -> Settings:
    return Settings()


def settings_for(data_dir: Path | str | None) -> Settings:
    """Settings for an explicit data dir (the CLI's ``--data-dir``), else the environment's."""
    if data_dir is None:
        return get_settings()
    return Settings(data_dir=Path(data_dir))
