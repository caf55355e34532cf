"""CSV downloads: canonical (`,` and `.` decimal, codes) and locale (`;` and decimal comma in
French and Dutch), streamed line by line; cells a spreadsheet would run as formulas are defused.

The file opens with `#` comment lines (title, provenance, attribution), as the exchange's own
contract files do: `pandas.read_csv(comment="#")` skips them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any, Final

from services.i18n import gettext
from services.publish.model import Table, format_number

FORMULA_PREFIXES: Final = ("=", "+", "-", "@", "\t", "\r")
LOCALE_SEPARATORS: Final = {"fr": ";", "nl": ";", "en": ","}
LOCALE_DECIMALS: Final = {"fr": ",", "nl": ",", "en": "."}
BATCH_ROWS: Final = 500


def neutralize(text: str) -> str:
    """Text a spreadsheet shows, never runs: a leading = + - @ TAB or CR gets an apostrophe."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def cell_text(value: Any, decimal: str = ".") -> str:
    """One cell: numbers in the given decimal, dates in ISO 8601, text defused."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value, decimal)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        value = " ".join(str(item) for item in value)
    return "" if value is None else neutralize(str(value))


def _comment(text: str, separator: str) -> str:
    """A `#` line; a spreadsheet splits it at the separator, so each piece is defused too."""
    pieces = " ".join(text.split()).split(separator)
    safe = [pieces[0], *(_defused_piece(piece) for piece in pieces[1:])]
    return "# " + separator.join(safe) + "\n"


def _defused_piece(piece: str) -> str:
    text = piece.lstrip()
    return piece[: len(piece) - len(text)] + neutralize(text)


def preamble(table: Table, separator: str, language: str = "en") -> Iterator[str]:
    yield _comment(gettext(table.title, language), separator)
    for name, value in table.provenance.items():
        yield _comment(f"{name}: {value}", separator)
    for line in table.attribution:
        yield _comment(line, separator)


def _rows(table: Table, header: Sequence[str], separator: str, decimal: str) -> Iterator[str]:
    """The header then the rows, in batches (the table's rows may be a database stream)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\n")
    writer.writerow(header)
    for count, row in enumerate(table.rows, start=1):
        writer.writerow([cell_text(row.get(column.name), decimal) for column in table.columns])
        if count % BATCH_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def canonical_csv(table: Table) -> Iterator[str]:
    """Codes and labels, `,` separator, `.` decimal, ISO dates, column names as headers."""
    yield from preamble(table, ",")
    yield from _rows(table, [column.name for column in table.columns], ",", ".")


def locale_csv(table: Table, language: str) -> Iterator[str]:
    """For spreadsheets: translated headers, `;` and decimal comma in fr and nl; a BOM so that
    the spreadsheet reads UTF-8."""
    separator, decimal = LOCALE_SEPARATORS[language], LOCALE_DECIMALS[language]
    yield "\ufeff"
    yield from preamble(table, separator, language)
    header = [gettext(column.title, language) for column in table.columns]
    yield from _rows(table, header, separator, decimal)
