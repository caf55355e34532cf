"""Open spreadsheet bytes safely: sniff the format, load every sheet, report what cannot be read."""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Final

from python_calamine import CalamineError, CalamineWorkbook

from services.harmonizer.errors import Finding, ValidationFailed
from services.harmonizer.readers.sniff import archive_problem
from services.i18n import N_

ZIP_MAGIC: Final = b"PK\x03\x04"
OLE2_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_UNPACKED_BYTES: Final = 500 * 1024 * 1024  # a national BMO file unpacks to ~30 MB
Cell = Any


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: list[list[Cell]]


def describe_bytes(content: bytes) -> str:
    """A short guess of what a non-workbook file is, for the error message."""
    head = content[:4096]
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = head.decode("cp1252")
        except UnicodeDecodeError:
            return N_("binary data")
    if any(ord(char) < 9 for char in text):
        return N_("binary data")
    if text.lstrip().startswith("<"):
        return N_("an HTML or XML document")
    if ";" in text or "," in text or "\t" in text:
        return N_("a text file (CSV)")
    return N_("a text file")


def open_workbook(content: bytes, file_name: str) -> list[Sheet]:
    """Every sheet of an XLSX/XLS workbook as rows of Python values; raises ValidationFailed."""
    if not content:
        raise ValidationFailed([Finding("empty-file", file=file_name)])
    if not content.startswith((ZIP_MAGIC, OLE2_MAGIC)):
        finding = Finding(
            "not-a-workbook", file=file_name, params={"detail": describe_bytes(content)}
        )
        raise ValidationFailed([finding])
    problem = archive_problem(content, MAX_UNPACKED_BYTES)
    if problem is not None:
        finding = Finding("archive-too-large", file=file_name, params={"detail": problem})
        raise ValidationFailed([finding])
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
        return [
            Sheet(name, workbook.get_sheet_by_name(name).to_python())
            for name in workbook.sheet_names
        ]
    except (CalamineError, ValueError, OSError) as error:
        finding = Finding("workbook-unreadable", file=file_name, params={"detail": str(error)})
        raise ValidationFailed([finding]) from error


def normalize_header(label: Cell) -> str:
    text = unicodedata.normalize("NFKD", str(label)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def as_text(cell: Cell) -> str:
    """A cell as the text a person sees: 3216.0 → "3216", None → ""."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()
