"""Open delimited text (CSV) bytes: detect the encoding and the separator, return the cells.

Encoding policy (dated 2026-11): UTF-8 (with or without BOM) is the exchange format. Belgian
Excel saves "CSV" in Windows-1252, so a file that is not valid UTF-8 is read as cp1252 and a
warning `encoding-not-utf8` tells the partner; bytes that cp1252 cannot decode either (0x81, 0x8D,
0x8F, 0x90, 0x9D) reject the file with `encoding-unreadable`, located at the first such byte.
The separator is `;` (Belgian and French Excel), `,` or TAB, whichever splits the first lines
most consistently.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from services.harmonizer.errors import Finding, ValidationFailed

BOM: Final = "\ufeff"
SEPARATORS: Final = (";", ",", "\t")
SNIFF_LINES: Final = 30


@dataclass(frozen=True)
class TextTable:
    rows: list[list[str]]
    encoding: str
    separator: str
    warnings: list[Finding] = field(default_factory=list)


def decode(content: bytes, file_name: str) -> tuple[str, str, list[Finding]]:
    """The text, the encoding used and the warnings; raises ValidationFailed if undecodable."""
    if not content:
        raise ValidationFailed([Finding("empty-file", file=file_name)])
    if b"\x00" in content:
        # PostgreSQL text cannot hold NUL: refused on every backend alike.
        raise ValidationFailed([Finding("nul-character", file=file_name)])
    try:
        return content.decode("utf-8").removeprefix(BOM), "utf-8", []
    except UnicodeDecodeError as utf8_error:
        first_bad = utf8_error.start
    try:
        text = content.decode("cp1252")
    except UnicodeDecodeError as error:
        finding = Finding(
            "encoding-unreadable", file=file_name, params={"offset": str(error.start)}
        )
        raise ValidationFailed([finding]) from error
    line = content[:first_bad].count(b"\n") + 1
    warning = Finding("encoding-not-utf8", file=file_name, row=line, severity="warning")
    return text, "cp1252", [warning]


def _too_large(file_name: str, line: int) -> ValidationFailed:
    params = {"limit": str(csv.field_size_limit())}
    return ValidationFailed([Finding("field-too-large", file=file_name, row=line, params=params)])


def _rows(lines: Iterable[str], separator: str, file_name: str) -> list[list[str]]:
    """The cells; a field over csv's limit (131 072 characters: no real cell is that long) is a
    located `field-too-large`, not a crash."""
    reader = csv.reader(lines, delimiter=separator)
    try:
        return list(reader)
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise _too_large(file_name, reader.line_num) from error
        raise


def sniff_separator(text: str, file_name: str = "") -> str:
    """The separator that gives the most lines the same number (> 1) of cells."""
    lines = [line for line in text.splitlines()[:SNIFF_LINES] if line.strip()]

    def score(separator: str) -> int:
        widths = [len(row) for row in _rows(lines, separator, file_name)]
        common = max(set(widths), key=widths.count) if widths else 1
        return widths.count(common) if common > 1 else 0

    return max(SEPARATORS, key=score)


def read_delimited(content: bytes, file_name: str) -> TextTable:
    """Every row of a CSV file as stripped text cells (row i of the list = file line i + 1)."""
    text, encoding, warnings = decode(content, file_name)
    separator = sniff_separator(text, file_name)
    rows = [
        [cell.strip() for cell in row] for row in _rows(io.StringIO(text), separator, file_name)
    ]
    return TextTable(rows=rows, encoding=encoding, separator=separator, warnings=warnings)
