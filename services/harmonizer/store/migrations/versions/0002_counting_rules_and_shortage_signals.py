"""counting rules on observations (period_type, unit, coverage) and shortage_signals

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 17:30:00

The new observation columns get server defaults so that the BMO rows stored before them stay
valid: BMO is an annual survey of hiring projects covering all cases. Batch mode lets SQLite
rebuild the table (it cannot add a NOT NULL column or widen one in place).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("period_type", sa.String(length=24), server_default="year", nullable=False)
        )
        batch_op.add_column(
            sa.Column("unit", sa.String(length=16), server_default="projects", nullable=False)
        )
        batch_op.add_column(
            sa.Column("coverage", sa.String(length=32), server_default="all", nullable=False)
        )
        batch_op.alter_column(
            "occupation_code",
            existing_type=sa.String(length=32),
            type_=sa.String(length=128),
            existing_nullable=False,
        )

    op.create_table(
        "shortage_signals",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("submission_id", BIG_ID, nullable=False),
        sa.Column("source_row", sa.Integer(), nullable=True),
        sa.Column("dataset", sa.String(length=64), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("occupation_system", sa.String(length=32), nullable=False),
        sa.Column("occupation_version", sa.String(length=16), nullable=False),
        sa.Column("occupation_code", sa.String(length=128), nullable=False),
        sa.Column("occupation_label", sa.Text(), nullable=False),
        sa.Column("occupation_group", sa.Text(), nullable=True),
        sa.Column("competent_code", sa.String(length=16), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason_quantitative", sa.Boolean(), nullable=True),
        sa.Column("reason_qualitative", sa.Boolean(), nullable=True),
        sa.Column("reason_working_conditions", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_shortage_signals_submission_id_submissions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shortage_signals")),
    )
    with op.batch_alter_table("shortage_signals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_shortage_signals_submission_id"), ["submission_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("shortage_signals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shortage_signals_submission_id"))
    op.drop_table("shortage_signals")
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.alter_column(
            "occupation_code",
            existing_type=sa.String(length=128),
            type_=sa.String(length=32),
            existing_nullable=False,
        )
        batch_op.drop_column("coverage")
        batch_op.drop_column("unit")
        batch_op.drop_column("period_type")
