"""offer search indexes: occupation and place, covering the search's keys

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 22:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# The offers a search shows (copies left out), by occupation then place: a keyword search reads
# its matches from the index alone (PostgreSQL index-only scan; SQLite covering index, the rowid
# being the id).
NAME = "ix_job_offers_occupation_place"
COLUMNS = ["isco08", "latitude", "longitude", "valid_from", "valid_through"]


def upgrade() -> None:
    shown = sa.text("duplicate_of_id IS NULL")
    op.create_index(
        NAME,
        "job_offers",
        COLUMNS,
        unique=False,
        postgresql_include=["id"],
        postgresql_where=shown,
        sqlite_where=shown,
    )


def downgrade() -> None:
    op.drop_index(NAME, table_name="job_offers")
