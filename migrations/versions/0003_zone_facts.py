"""zone facts: what the archived reports state about each zone, each citing its passage

One row per fact the ingest extracted from a sentence attributed to a zone: its kind
(approval, level, area, industry, project, enterprise, indicator), value and unit, the
period it refers to, a project's name and stage, and the passage, article and date it came
from. Rebuilt with the article's other derived records on every ingest and reprocess.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 06:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "zone_facts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("zone_slug", sa.String(96), nullable=False),
        sa.Column(
            "article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("passage_id", sa.String(32), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("unit", sa.String(16), nullable=True),
        sa.Column("period", sa.String(32), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("stage", sa.String(8), nullable=True),
        sa.Column("date", sa.String(10), nullable=True),
    )
    op.create_index("ix_zone_facts_zone", "zone_facts", ["zone_slug", "kind"])
    op.create_index("ix_zone_facts_article_id", "zone_facts", ["article_id"])


def downgrade() -> None:
    op.drop_index("ix_zone_facts_article_id", table_name="zone_facts")
    op.drop_index("ix_zone_facts_zone", table_name="zone_facts")
    op.drop_table("zone_facts")
