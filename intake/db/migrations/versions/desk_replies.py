"""desk replies: editors' replies sealed to the witness, and the submission time for the queue

Revision ID: desk_replies
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "desk_replies"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "replies",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("testimony_id", sa.String(length=36), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("followups_before", sa.Integer(), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["accounts.id"]),
        sa.ForeignKeyConstraint(["testimony_id"], ["testimonies.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("testimonies") as batch_op:
        batch_op.add_column(sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True))
    # Rows from before this revision only know their day: midnight UTC of that day.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "UPDATE testimonies SET submitted_at = submitted_on::timestamp AT TIME ZONE 'UTC'"
        )
    else:
        op.execute("UPDATE testimonies SET submitted_at = submitted_on || ' 00:00:00.000000'")
    with op.batch_alter_table("testimonies") as batch_op:
        batch_op.alter_column(
            "submitted_at", existing_type=sa.DateTime(timezone=True), nullable=False
        )
        batch_op.create_index(batch_op.f("ix_testimonies_submitted_at"), ["submitted_at"])


def downgrade() -> None:
    with op.batch_alter_table("testimonies") as batch_op:
        batch_op.drop_index(batch_op.f("ix_testimonies_submitted_at"))
        batch_op.drop_column("submitted_at")
    op.drop_table("replies")
