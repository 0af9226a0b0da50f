"""project-wide counters (testimonies where the witness hid more words)

Revision ID: prev_counters
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "prev_counters"
down_revision = "desk_replies"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "counters",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    # One row per language up front, so concurrent first increments never race on an insert.
    op.bulk_insert(
        sa.table("counters", sa.column("name", sa.String), sa.column("value", sa.Integer)),
        [{"name": f"witness_hid/{lang}", "value": 0} for lang in ("en", "ru", "uk")],
    )


def downgrade() -> None:
    op.drop_table("counters")
