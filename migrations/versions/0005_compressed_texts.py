"""compressed texts: ``sources.text`` and ``paragraphs.text`` stored deflated (app/storage.py)

The two long texts were 440 MB of a 25,000-article archive whose pages hold 194 MB of UTF-8
(issue 12: the data dir within 3× that). Every value is rewritten as ``app.storage.pack``
stores it; readers get ``str`` back through the ``CompressedText`` column type.

PostgreSQL: the columns become BYTEA (the old text as its UTF-8 bytes, then packed).
SQLite: a column's declared type is only an affinity and a TEXT column keeps a BLOB as it
is, so the values are rewritten in place. Re-creating the tables instead would not do:
dropping ``sources`` with foreign keys on cascades into every article. Afterwards the file
is compacted (VACUUM, which cannot run inside a transaction: the converted rows are
committed first), so a migrated archive shrinks on disk rather than keeping free pages.
Packing skips values already packed, so a run cut short is finished by the next one.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 08:30:00
"""
import logging
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from app.storage import is_packed, pack, unpack

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Rows read and rewritten at a time (a source page is ~20 KB, a paragraph ~600 bytes).
BATCH = 1000
_TABLES = ("sources", "paragraphs")
_log = logging.getLogger("alembic.runtime.migration")


def upgrade() -> None:
    bind = op.get_bind()
    for table in _TABLES:
        if bind.dialect.name == "postgresql":
            op.alter_column(table, "text", type_=sa.LargeBinary(), existing_type=sa.Text(),
                            existing_nullable=False, postgresql_using="convert_to(text, 'UTF8')")
        _rewrite(bind, table, lambda value: None if is_packed(value) else pack(unpack(value)))
    if bind.dialect.name == "sqlite":
        _compact(bind)


def downgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    for table in _TABLES:
        _rewrite(bind, table, lambda value: (unpack(value) if sqlite else unpack(value).encode("utf-8"))
                 if is_packed(value) else None)
        if not sqlite:
            op.alter_column(table, "text", type_=sa.Text(), existing_type=sa.LargeBinary(),
                            existing_nullable=False, postgresql_using="convert_from(text, 'UTF8')")


def _rewrite(bind: sa.Connection, name: str, change: Callable[[Any], Any]) -> None:
    """Sets each row's ``text`` to ``change(text)`` (``None``: leave it), a batch at a time in
    primary-key order, so memory holds one batch whatever the table's size."""
    # Untyped columns: the driver's own values (str or bytes), not a type's conversion.
    table = sa.table(name, sa.column("id"), sa.column("text"))
    update = sa.update(table).where(table.c.id == sa.bindparam("key")).values(text=sa.bindparam("value"))
    last = ""
    while True:
        rows = bind.execute(
            sa.select(table.c.id, table.c.text).where(table.c.id > last).order_by(table.c.id).limit(BATCH)
        ).all()
        if not rows:
            return
        changed = [{"key": key, "value": new} for key, value in rows if (new := change(value)) is not None]
        if changed:
            bind.execute(update, changed)
        last = rows[-1][0]


def _compact(bind: sa.Connection) -> None:
    """Commits the rewritten rows, then VACUUM and a WAL checkpoint give the freed pages back
    to the file system. Best effort: another process holding the database open only means the
    file stays as large until the next VACUUM."""
    connection = bind.connection.dbapi_connection
    assert connection is not None
    connection.commit()
    try:
        connection.execute("VACUUM")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except Exception as exc:  # noqa: BLE001 - compaction is an optimisation, never a failure
        _log.warning("texts compressed; compacting the database failed (%s): run VACUUM later", exc)
