"""observation sector (NACE section)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 21:45:00
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from pathlib import Path

import sqlalchemy as sa
from alembic import context, op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Frozen copies of what the Arvastat reader did when this migration was written (adapters/
# vdab_arvastat.py, delimited.py; vdab_arvastat.py `file_sector`): a migration must give the
# same result however the live reader changes later.
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEADER = ("hoofdberoepsgroep", "beroepsgroep", "beroep", "totaal")
HEADER_SCAN_ROWS = 20
SEPARATORS = (";", ",", "\t")
SNIFF_LINES = 30
SECTOR_LINE = re.compile(r"\s*sector\s*:\s*(?P<name>.+?)\s*$", re.IGNORECASE)
ARVASTAT_SECTORS = {"bouw": "F"}  # bouw = construction, NACE section F (41–43)
ALL_SECTORS = "_T"


def upgrade() -> None:
    # Figures stored before had no sector: `_T`, all sectors, except the Arvastat exports
    # filtered on a sector ("Sector: bouw"), read again from the kept raw files below.
    op.add_column(
        "observations",
        sa.Column("nace_section", sa.String(length=8), server_default="_T", nullable=False),
    )
    _arvastat_sectors(op.get_bind())


def _raw_dir() -> Path:
    """Where received files are kept: set by services.harmonizer.store.db from the settings;
    else, as the settings read it, CROSSBMO_VAR_DIR (default `var`) + `raw`."""
    configured = context.config.get_main_option("raw_dir")
    if configured:
        return Path(configured)
    return Path(os.environ.get("CROSSBMO_VAR_DIR", "var")) / "raw"


def _arvastat_sectors(connection: sa.Connection) -> None:
    """The sector filter line of each stored Arvastat export whose raw file is kept here."""
    rows = connection.execute(
        sa.text("SELECT id, sha256, original_filename FROM submissions "
                "WHERE source_id = 'vdab-arvastat' AND status <> 'rejected'")
    ).all()  # fmt: skip
    if not rows:
        return
    raw_dir = _raw_dir()
    for submission_id, sha256, _file_name in rows:
        path = raw_dir / sha256[:2] / sha256
        if not path.exists():
            continue  # kept elsewhere: stays `_T` (see CHANGELOG)
        preamble = _preamble(path.read_bytes())
        if preamble is None:
            continue
        connection.execute(
            sa.text("UPDATE observations SET nace_section = :sector WHERE submission_id = :id"),
            {"sector": _file_sector(preamble), "id": submission_id},
        )


def _preamble(content: bytes) -> dict[int, str] | None:
    """Row number → text of column A above the header; None if the layout cannot be read."""
    rows = _cells(content)
    if rows is None:
        return None
    header_index = _find_header(rows)
    if header_index is None:
        return None
    return {i + 1: row[0] for i, row in enumerate(rows[1:header_index], 1) if row and row[0]}


def _cells(content: bytes) -> list[list[str]] | None:
    """Text cells of the `Data` sheet (XLSX/XLS) or of the CSV file. Every file read here was
    accepted at ingest, so the checks that could only reject it (archive size) are not redone."""
    if content.startswith((ZIP_MAGIC, OLE2_MAGIC)):
        from python_calamine import CalamineError, CalamineWorkbook

        try:
            workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
            names = {name.strip().lower(): name for name in workbook.sheet_names}
            if "data" not in names:
                return None
            sheet = workbook.get_sheet_by_name(names["data"]).to_python()
        except (CalamineError, ValueError, OSError):
            return None
        return [[_as_text(cell) for cell in row] for row in sheet]
    text = _decode(content)
    if text is None:
        return None
    separator = _sniff_separator(text)
    rows = csv.reader(io.StringIO(text), delimiter=separator)
    return [[cell.strip() for cell in row] for row in rows]


def _as_text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _decode(content: bytes) -> str | None:
    if not content:
        return None
    try:
        return content.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError:
        return None


def _sniff_separator(text: str) -> str:
    lines = [line for line in text.splitlines()[:SNIFF_LINES] if line.strip()]

    def score(separator: str) -> int:
        widths = [len(row) for row in csv.reader(lines, delimiter=separator)]
        common = max(set(widths), key=widths.count) if widths else 1
        return widths.count(common) if common > 1 else 0

    return max(SEPARATORS, key=score)


def _normalize_header(label: object) -> str:
    text = unicodedata.normalize("NFKD", str(label)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def _find_header(rows: list[list[str]]) -> int | None:
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        labels = [_normalize_header(cell) for cell in row]
        for start in range(len(labels) - len(HEADER) + 1):
            if tuple(labels[start : start + len(HEADER)]) == HEADER:
                return index
    return None


def _file_sector(preamble: dict[int, str]) -> str:
    """The NACE section of the first "Sector: …" line; `_T` without one or for an unknown one."""
    for _row, text in sorted(preamble.items()):
        match = SECTOR_LINE.fullmatch(text)
        if match is None:
            continue
        return ARVASTAT_SECTORS.get(re.sub(r"\s+", " ", match["name"]).strip().lower(), ALL_SECTORS)
    return ALL_SECTORS


def downgrade() -> None:
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_column("nace_section")
