"""Engine and sessions for one archive's database (SQLite or PostgreSQL), and its schema upgrade.

The schema is only ever created by Alembic migrations (``migrations/``); :func:`upgrade`
runs them programmatically so ``devzone`` commands work on an empty data dir. SQLite is the
embedded default; ``DEVZONE_DATABASE_URL=postgresql+psycopg://…`` moves the records to
PostgreSQL (the index stays in the data dir). A read-only archive (a copy on a read-only
disk) is opened ``immutable``: SQLite then takes no locks and writes no journal.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
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


_opened: list[Engine] = []


def dispose_engines() -> None:
    """Close every pooled connection this process opened (SQLite checkpoints its log)."""
    for engine in _opened:
        engine.dispose()


@lru_cache(maxsize=16)
def engine_for(database_url: str) -> Engine:
    engine = _engine(database_url)
    _opened.append(engine)
    return engine


def _engine(database_url: str) -> Engine:
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
    """Bring the archive's schema to the newest migration.

    A database already at the newest revision is left alone without loading Alembic
    (importing it and reading every migration costs more than a small ingest).
    """
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    head = head_revision()
    if head is not None and stored_revisions(settings) == {head}:
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", settings.database_url.replace("%", "%%"))
    with get_engine(settings).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


_REVISION = re.compile(r"""^(down_)?revision\b[^=\n]*=\s*(?:['"]([^'"]+)['"]|(None))\s*$""", re.MULTILINE)


def head_revision(versions: Path = MIGRATIONS_DIR / "versions") -> str | None:
    """The one newest migration's id, read from the migration files without Alembic; ``None``
    when that is not certain (branches, merges, a file this reading does not understand) —
    the caller then lets Alembic decide."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in versions.glob("*.py"):
        found = {bool(m[1]): m[2] for m in _REVISION.finditer(path.read_text(encoding="utf-8"))}
        if False not in found or True not in found or found[False] is None:
            return None
        revisions.add(found[False])
        if found[True] is not None:
            parents.add(found[True])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 and parents <= revisions else None


def stored_revisions(settings: Settings) -> set[str]:
    """The revisions the database says it is at (empty for a new database)."""
    if settings.is_sqlite and not settings.database_path.exists():
        return set()
    try:
        with get_engine(settings).connect() as connection:
            return {row[0] for row in connection.exec_driver_sql("SELECT version_num FROM alembic_version")}
    except DBAPIError:  # no alembic_version table yet
        return set()


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
