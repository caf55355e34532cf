"""The one table every download is rendered from: typed columns with their SDMX role, rows,
code labels in fr/nl/en, provenance (release and revision, or query and sources) and attribution.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from services.harmonizer.mappings.codelists import ESCO_ATTRIBUTION
from services.i18n import LANGUAGES, N_, gettext

AGENCY: Final = "CROSSBMO"
MISSING_CODE: Final = "_Z"  # SDMX "not applicable": a dimension without a value in this row

Role = Literal["dimension", "time", "measure", "attribute", "label"]
Labels = Mapping[str, str]  # language → text
CodeList = Mapping[str, Labels]  # code → its labels

# SDMX CL_OBS_STATUS / CL_CONF_STATUS codes used by the store and the bulletin.
OBS_STATUS: Final[dict[str, str]] = {
    "A": N_("Normal value"),
    "O": N_("Missing value"),
    "M": N_("Missing value; data cannot exist"),
    "D": N_("Partial value: sum of the published parts only"),
    "P": N_("Provisional value"),
    "B": N_("Break in time series"),
    "U": N_("Low reliability"),
    "E": N_("Estimated value"),
}
CONF_STATUS: Final[dict[str, str]] = {
    "F": N_("Free (public)"),
    "C": N_("Confidential (primary)"),
    "D": N_("Confidential (secondary, protects another cell)"),
}


def translated_codes(msgids: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """A code list whose labels are catalogue msgids, in every language."""
    return {
        code: {lang: gettext(text, lang) for lang in LANGUAGES} for code, text in msgids.items()
    }


STATUS_CODES: Final = {"OBS_STATUS": OBS_STATUS, "CONF_STATUS": CONF_STATUS}


@dataclass(frozen=True)
class Column:
    """One column: its CSV name, its role in the data structure, its title (an English msgid)."""

    name: str
    role: Role
    title: str
    type: str = "string"  # Table Schema type: string, integer, number, date, datetime
    codelist: str | None = None  # key in Table.codes when the values come from a code list
    required: bool = True  # False: a key column that may be empty (`_Z` in SDMX)

    @property
    def sdmx_id(self) -> str:
        if self.role == "time":
            return "TIME_PERIOD"
        if self.role == "measure":
            return "OBS_VALUE"
        return self.name.upper()


@dataclass(frozen=True)
class Table:
    """What a download holds; ``rows`` may be a generator (streamed once)."""

    id: str
    title: str
    columns: tuple[Column, ...]
    rows: Iterable[Mapping[str, Any]]
    provenance: Mapping[str, str]
    attribution: tuple[str, ...]
    codes: Mapping[str, CodeList] = field(default_factory=dict)
    version: str = "1.0"

    def of_role(self, *roles: Role) -> tuple[Column, ...]:
        return tuple(column for column in self.columns if column.role in roles)

    @property
    def measure(self) -> Column:
        return self.of_role("measure")[0]


def with_notice(attribution: Iterable[str]) -> tuple[str, ...]:
    """The attribution lines, always ending with the ESCO notice (once)."""
    lines = [line for line in attribution if line and line != ESCO_ATTRIBUTION]
    return (*lines, ESCO_ATTRIBUTION)


def format_number(value: Any, decimal: str = ".") -> str:
    """A figure as text: whole numbers without a decimal part, no thousands separator; empty
    for a missing value (never 0)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
        return text.replace(".", decimal)
    return str(value)
