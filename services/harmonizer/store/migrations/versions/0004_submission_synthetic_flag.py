"""submission synthetic flag

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 18:05:47.002793
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: a batch copy of `submissions` on SQLite would trip the foreign keys
    # of the observations that reference it.
    op.add_column(
        "submissions",
        sa.Column("synthetic", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    # Files stored before the flag: the project marks synthetic fixtures in their name.
    submissions = sa.table(
        "submissions", sa.column("original_filename", sa.String), sa.column("synthetic", sa.Boolean)
    )
    op.execute(
        submissions.update()
        .where(sa.func.upper(submissions.c.original_filename).like("%SYNTHETIC%"))
        .values(synthetic=True)
    )


def downgrade() -> None:
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_column("synthetic")
