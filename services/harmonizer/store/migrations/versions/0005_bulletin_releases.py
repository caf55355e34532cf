"""bulletin releases and their cells

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 19:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
STAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "bulletin_releases",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("previewed_at", STAMP, nullable=True),
        sa.Column("published_at", STAMP, nullable=True),
        sa.Column("inputs", sa.JSON(), nullable=False),
        sa.Column("inputs_digest", sa.String(length=64), nullable=False),
        sa.Column("diff", sa.JSON(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bulletin_releases")),
    )
    op.create_index(
        "ix_bulletin_releases_period", "bulletin_releases", ["period", "revision"], unique=True
    )
    op.create_table(
        "bulletin_cells",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("release_id", BIG_ID, nullable=False),
        sa.Column("zone", sa.String(length=32), nullable=False),
        sa.Column("occupation_level", sa.Integer(), nullable=False),
        sa.Column("occupation_code", sa.String(length=16), nullable=False),
        sa.Column("nace_section", sa.String(length=8), nullable=False),
        sa.Column("indicator", sa.String(length=64), nullable=False),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.Column("coverage", sa.String(length=32), nullable=False),
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("reference_period", sa.String(length=16), nullable=False),
        sa.Column("period_type", sa.String(length=24), nullable=False),
        sa.Column("value", sa.Float(precision=53), nullable=True),
        sa.Column("obs_status", sa.String(length=1), nullable=False),
        sa.Column("conf_status", sa.String(length=1), nullable=False),
        sa.Column("previous_quarter", sa.Float(precision=53), nullable=True),
        sa.Column("previous_year", sa.Float(precision=53), nullable=True),
        sa.Column("flags", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["release_id"],
            ["bulletin_releases.id"],
            name=op.f("fk_bulletin_cells_release_id_bulletin_releases"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bulletin_cells")),
    )
    op.create_index(
        op.f("ix_bulletin_cells_release_id"), "bulletin_cells", ["release_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_bulletin_cells_release_id"), table_name="bulletin_cells")
    op.drop_table("bulletin_cells")
    op.drop_index("ix_bulletin_releases_period", table_name="bulletin_releases")
    op.drop_table("bulletin_releases")
