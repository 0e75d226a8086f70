"""provenance of sources, a fuller gazetteer, roles of article places

Sources learn where they came from (a manifest's or sidecar's URL and facts) and which
pipeline version derived their articles, so reprocess can find stale ones. Zones gain the
gazetteer's fuller record (catalogue name, former names, every county, approval year,
merger, the evidence behind the record). An article's places carry their role
(subject | reported | mentioned) so mentioned zones can be listed apart.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 05:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("url", sa.Text(), nullable=True))
        batch.add_column(sa.Column("origin", sa.JSON(), nullable=False, server_default="{}"))
        batch.add_column(sa.Column("pipeline_version", sa.String(32), nullable=True))
    with op.batch_alter_table("zones") as batch:
        batch.add_column(sa.Column("catalogue_name", sa.String(64), nullable=True))
        batch.add_column(sa.Column("former_names", sa.JSON(), nullable=False, server_default="[]"))
        batch.add_column(sa.Column("counties", sa.JSON(), nullable=False, server_default="[]"))
        batch.add_column(sa.Column("approval_year", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("merged_into", sa.String(96), nullable=True))
        batch.add_column(sa.Column("evidence", sa.Text(), nullable=True))
    with op.batch_alter_table("article_places") as batch:
        batch.add_column(sa.Column("role", sa.String(16), nullable=False, server_default="subject"))


def downgrade() -> None:
    with op.batch_alter_table("article_places") as batch:
        batch.drop_column("role")
    with op.batch_alter_table("zones") as batch:
        for column in ("evidence", "merged_into", "approval_year", "counties", "former_names", "catalogue_name"):
            batch.drop_column(column)
    with op.batch_alter_table("sources") as batch:
        for column in ("pipeline_version", "origin", "url"):
            batch.drop_column(column)
