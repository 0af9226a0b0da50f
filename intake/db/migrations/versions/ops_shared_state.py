"""editorial keys in the database, shared by every process and instance

Revision ID: ops_shared_state
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "ops_shared_state"
down_revision = "prev_counters"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "editorial_keys",
        sa.Column("generation", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("wrapped", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("generation"),
        sa.UniqueConstraint("key_id"),
    )


def downgrade() -> None:
    op.drop_table("editorial_keys")
