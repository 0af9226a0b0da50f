"""the key holder whose import replaced an envelope, who cannot confirm it alone

Revision ID: sec_replaced_by
Revises: sec_throttles
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "sec_replaced_by"
down_revision = "sec_throttles"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("replaced_envelopes") as batch:
        batch.add_column(sa.Column("replaced_by", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("replaced_envelopes") as batch:
        batch.drop_column("replaced_by")
