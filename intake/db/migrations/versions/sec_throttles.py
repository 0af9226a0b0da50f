"""throttle windows shared by every server process; envelopes kept after an import

Revision ID: sec_throttles
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "sec_throttles"
down_revision = "ops_shared_state"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "throttle_windows",
        sa.Column("bucket", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("window", sa.Integer(), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("bucket", "key", "window"),
    )
    op.create_table(
        "replaced_envelopes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("testimony_id", sa.String(length=36), nullable=False),
        sa.Column("envelope", sa.LargeBinary(), nullable=False),
        sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["testimony_id"], ["testimonies.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("replaced_envelopes")
    op.drop_table("throttle_windows")
