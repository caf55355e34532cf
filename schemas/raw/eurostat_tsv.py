"""Raw schema of a Eurostat bulk-download table (`<code>.tsv`, TAB-separated).

Layout: the first column's header joins the table's dimensions with commas and ends with the
time axis, `unit,age,sex,geo\\time` (`freq,unit,sex,age,geo\\TIME_PERIOD` in the SDMX-era
files); each row's first cell holds those dimensions' codes (`THS,Y15-24,F,BE25`); one column
per period follows (`2015`, `2015Q1`, `2015M01`). A cell is a number with a decimal point, or
`:` (not available), optionally followed by a space and flag letters: `b` break in series,
`u` low reliability, `c` confidential, `e` estimated, `p` provisional, `d` definition differs
(`250.8 b`, `: bc`).
"""

from __future__ import annotations

import re
from typing import Final

import pandera.pandas as pa

from schemas.raw.checks import blank_or, filled, matches

# The dimensions crossbmo can carry: population (age, sex), sector (NACE Rev. 2), unit, place.
DIMENSIONS: Final = ("freq", "unit", "age", "sex", "nace_r2", "geo")
CELL: Final = re.compile(r"(?P<number>:|\d+(\.\d+)?)(\s+(?P<flags>[a-z]+))?\s*")
FLAGS: Final = frozenset("bucepdsnzfir")
AGE: Final = re.compile(r"Y[0-9A-Z_-]+|TOTAL")
SEX: Final = ("T", "M", "F")
GEO: Final = re.compile(r"[A-Z]{2}[0-9A-Z_]{0,4}")
PERIOD: Final = re.compile(r"(?P<year>(19|20)\d{2})(?:(?P<kind>[QM])(?P<part>\d{1,2}))?")


def is_cell(value: str) -> bool:
    return CELL.fullmatch(value) is not None


def has_known_flags(value: str) -> bool:
    match = CELL.fullmatch(value)
    return match is None or set(match["flags"] or "") <= FLAGS


def _dimension(name: str) -> pa.Column:
    shapes = {
        "age": (matches(AGE), "malformed-dimension-code"),
        "sex": (lambda value: value in SEX, "malformed-dimension-code"),
        "geo": (matches(GEO), "unknown-nuts-code"),
    }
    checks = [filled()]
    if name in shapes:
        checks.append(blank_or(*shapes[name]))
    return pa.Column(str, checks=checks)


def raw_schema(
    periods: tuple[str, ...] = ("2015",),
    dimensions: tuple[str, ...] = ("unit", "age", "sex", "geo"),
) -> pa.DataFrameSchema:
    """The schema of a table with these dimensions and period columns (the header's)."""
    columns = {name: _dimension(name) for name in dimensions}
    for period in periods:
        columns[period] = pa.Column(
            str,
            checks=[
                filled(),
                blank_or(is_cell, "value-not-number"),
                blank_or(has_known_flags, "unknown-flag"),
            ],
        )
    return pa.DataFrameSchema(columns, strict=False, name="eurostat-tsv-raw")
