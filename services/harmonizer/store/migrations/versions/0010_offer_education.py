"""offer education level (ISCED 2011), as Le Forem's open data lists it

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 18:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Offers loaded before have no level: NULL (unknown), never a guessed one.
    with op.batch_alter_table("job_offers") as batch:
        batch.add_column(sa.Column("education_isced", sa.String(32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("job_offers") as batch:
        batch.drop_column("education_isced")
