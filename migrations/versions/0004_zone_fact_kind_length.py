"""zone facts: ``kind`` and ``unit`` up to 32 characters

``investment_growth`` and ``value_added_growth`` are longer than 16. SQLite never checked
the length; PostgreSQL refuses the row, so an ingest on PostgreSQL failed.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 07:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("zone_facts") as batch:
        batch.alter_column("kind", type_=sa.String(32), existing_type=sa.String(16), existing_nullable=False)
        batch.alter_column("unit", type_=sa.String(32), existing_type=sa.String(16), existing_nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("zone_facts") as batch:
        batch.alter_column("kind", type_=sa.String(16), existing_type=sa.String(32), existing_nullable=False)
        batch.alter_column("unit", type_=sa.String(16), existing_type=sa.String(32), existing_nullable=True)
