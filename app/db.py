"""Engine and sessions for one archive's database (SQLite or PostgreSQL), and its schema upgrade.

The schema is only ever created by Alembic migrations (``migrations/``); :func:`upgrade`
runs them programmatically so ``devzone`` commands work on an empty data dir. SQLite is the
embedded default; ``DEVZONE_DATABASE_URL=postgresql+psycopg://…`` moves the records to
PostgreSQL (the index stays in the data dir). A read-only archive (a copy on a read-only
disk) is opened ``immutable``: SQLite then takes no locks and writes no journal.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # WAL lets readers keep working while an ingest writes; foreign keys make cascades real.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _sqlite_read_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # journal_mode=WAL would write; an immutable database needs nothing but foreign keys.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


@lru_cache(maxsize=16)
def engine_for(database_url: str) -> Engine:
    if not database_url.startswith("sqlite"):
        # pre_ping: a restarted database server costs one retry, not one failed request.
        return create_engine(database_url, pool_pre_ping=True)
    engine = create_engine(database_url)
    read_only = "immutable=1" in database_url
    event.listen(engine, "connect", _sqlite_read_pragmas if read_only else _sqlite_pragmas)
    return engine


def get_engine(settings: Settings) -> Engine:
    if not settings.is_sqlite:
        return engine_for(settings.database_url)
    if settings.serve_read_only:
        return engine_for(f"sqlite:///file:{settings.database_path.resolve()}?immutable=1&uri=true")
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return engine_for(settings.database_url)


def upgrade(settings: Settings) -> None:
    """Bring the archive's schema to the newest migration."""
    from alembic import command
    from alembic.config import Config

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", settings.database_url.replace("%", "%%"))
    with get_engine(settings).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@contextmanager
def session_scope(settings: Settings) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    factory = sessionmaker(get_engine(settings), expire_on_commit=False)
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
