"""observation sector (NACE section)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 21:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Figures stored before had no sector: `_T`, all sectors, except the Arvastat exports
    # filtered on a sector ("Sector: bouw"), read again from the kept raw files below.
    op.add_column(
        "observations",
        sa.Column("nace_section", sa.String(length=8), server_default="_T", nullable=False),
    )
    _arvastat_sectors(op.get_bind())


def _arvastat_sectors(connection: sa.Connection) -> None:
    """The sector filter line of each stored Arvastat export whose raw file is kept here."""
    rows = connection.execute(
        sa.text("SELECT id, sha256, original_filename FROM submissions "
                "WHERE source_id = 'vdab-arvastat' AND status <> 'rejected'")
    ).all()  # fmt: skip
    if not rows:
        return
    from services.harmonizer.adapters.vdab_arvastat import file_sector
    from services.harmonizer.adapters.vdab_arvastat_sheet import read_arvastat
    from services.harmonizer.errors import ValidationFailed
    from services.harmonizer.store.raw_files import raw_path
    from services.settings import get_settings

    raw_dir = get_settings().raw_dir
    for submission_id, sha256, file_name in rows:
        path = raw_path(raw_dir, sha256)
        if not path.exists():
            continue  # kept elsewhere: stays `_T` (see CHANGELOG)
        try:
            preamble = read_arvastat(path.read_bytes(), file_name).preamble
        except ValidationFailed:
            continue
        sector, _ = file_sector(preamble, {})
        connection.execute(
            sa.text("UPDATE observations SET nace_section = :sector WHERE submission_id = :id"),
            {"sector": sector, "id": submission_id},
        )


def downgrade() -> None:
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_column("nace_section")
