"""Open a CSV exchange contract (`;`, `#` comment lines): the header checked, rows as text cells."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

import pandas as pd

from services.harmonizer.errors import Finding, ValidationFailed
from services.harmonizer.readers.delimited import read_delimited

COMMENT: Final = "#"


@dataclass(frozen=True)
class ContractRows:
    frame: pd.DataFrame  # text cells, indexed by the file's line number
    stats: dict[str, Any]
    warnings: list[Finding] = field(default_factory=list)


def header_row(rows: list[list[str]], file_name: str, required: tuple[str, ...]) -> int:
    """Index of the first row that is neither blank nor a comment; checks its columns."""
    index = next(
        (i for i, row in enumerate(rows) if any(row) and not row[0].startswith(COMMENT)), None
    )
    if index is None:
        raise ValidationFailed([Finding("no-data-rows", file=file_name)])
    names = [cell.strip().lower() for cell in rows[index]]
    missing = [column for column in required if column not in names]
    if missing:
        raise ValidationFailed(
            [
                Finding("missing-column", file=file_name, row=index + 1, params={"column": column})
                for column in missing
            ]
        )
    return index


def read_contract_csv(
    content: bytes, file_name: str, columns: tuple[str, ...], required: tuple[str, ...]
) -> ContractRows:
    """Every data row; a comment line holding SYNTHETIC marks the file as synthetic."""
    table = read_delimited(content, file_name)
    rows = table.rows
    header_index = header_row(rows, file_name, required)
    names = [cell.strip().lower() for cell in rows[header_index]]
    records = {}
    for number, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        if any(row) and not row[0].startswith(COMMENT):
            cells = dict(zip(names, row, strict=False))
            records[number] = {column: cells.get(column, "") for column in columns}
    if not records:
        raise ValidationFailed([*table.warnings, Finding("no-data-rows", file=file_name)])
    frame = pd.DataFrame.from_dict(records, orient="index", columns=list(columns)).astype(str)
    comments = [row[0] for row in rows if row and row[0].startswith(COMMENT)]
    stats = {
        "format": "csv",
        "encoding": table.encoding,
        "rows": len(frame),
        "comments": comments,
        "synthetic": any("SYNTHETIC" in comment.upper() for comment in comments),
    }
    return ContractRows(frame, stats, table.warnings)
