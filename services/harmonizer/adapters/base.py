"""The parse template every source adapter follows, and the result it returns.

read → raw schema and content checks → harmonize → canonical schema. An adapter implements only
what differs: how its bytes are read, its raw schema, the checks a schema cannot make, the period
and the harmonization. The template owns the order and the rule that an error rejects the file.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Final, Generic, TypeVar

import pandas as pd
import pandera.pandas as pa

from schemas.canonical import (
    OBSERVATION_COLUMNS,
    OBSERVATION_SCHEMA,
    SHORTAGE_SIGNAL_COLUMNS,
    SHORTAGE_SIGNAL_SCHEMA,
    TOTAL,
)
from services.harmonizer.errors import Finding, finding_order
from services.harmonizer.readers.contract_csv import read_contract_csv
from services.harmonizer.sources import Source, resolve
from services.harmonizer.validation import validate_frame

# Columns most sources fill the same way: one value for the whole file unless they say otherwise.
OBSERVATION_DEFAULTS: Final[Mapping[str, Any]] = {
    "geo_department": None,
    "nace_section": TOTAL,  # a source without a sector breakdown: all sectors
    "coverage": "all",
    "obs_status": "A",
    "conf_status": "F",
}


@dataclass
class ParseResult:
    """Canonical observations of a file, or the findings that reject it."""

    period: str | None
    observations: pd.DataFrame | None
    findings: list[Finding]
    stats: dict[str, Any] = field(default_factory=dict)
    # A shortage list yields signals instead of observations (schemas/canonical.py).
    shortage_signals: pd.DataFrame | None = None
    # A source whose files each hold one of several tables (Eurostat) names the file's table:
    # a corrected file supersedes the earlier one of the same table and period only.
    dataset: str | None = None


@dataclass(frozen=True, kw_only=True)
class RawTable:
    """What an adapter read, before any check: text cells indexed by the file's row numbers."""

    file_name: str
    frame: pd.DataFrame
    stats: dict[str, Any] = field(default_factory=dict)
    warnings: list[Finding] = field(default_factory=list)
    sheet: str | None = None
    headers: dict[str, str] | None = None  # raw column → header in the file; None: the same

    def header_of(self) -> dict[str, str]:
        if self.headers is not None:
            return self.headers
        return {str(column): str(column) for column in self.frame.columns}


@dataclass
class Harmonized:
    """What harmonizing an error-free table gives: figures, warnings met on the way, stats."""

    observations: pd.DataFrame | None = None
    shortage_signals: pd.DataFrame | None = None
    findings: list[Finding] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    period: str | None = None  # when only the figures tell the submission's period
    dataset: str | None = None  # the file's own table, when its source has several


def has_errors(findings: list[Finding]) -> bool:
    """Whether any finding rejects the file (warnings are only reported)."""
    return any(finding.severity == "error" for finding in findings)


T = TypeVar("T", bound=RawTable)


class Adapter(ABC, Generic[T]):
    """One source's parser; `parse` is the template, the other methods its steps."""

    def __init__(self, source: Source) -> None:
        self.source = source

    @abstractmethod
    def read(self, content: bytes, file_name: str) -> T:
        """The file as text cells; raises ValidationFailed when it cannot be read at all."""

    def raw_schema(self, table: T) -> pa.DataFrameSchema:
        """The Pandera schema of the raw cells: the registry record's (schemas/raw/)."""
        schema: pa.DataFrameSchema = resolve(self.source.raw_schema)()
        return schema

    @abstractmethod
    def harmonize(self, table: T, period: str | None) -> Harmonized:
        """Canonical figures of an error-free table (built with observation_frame/signal_frame)."""

    def content_checks(self, table: T) -> list[Finding]:
        """Checks the raw schema cannot make (reference tables, duplicates, one period)."""
        return []

    def check(self, table: T) -> list[Finding]:
        """Every finding before harmonizing, in report order: by place in the file."""
        return sorted(self.validate(table) + self.content_checks(table), key=finding_order)

    def period(self, table: T) -> str | None:
        """The submission's period, which a corrected file for the same period supersedes."""
        return None

    def ready(self, table: T, period: str | None) -> bool:
        """Whether an error-free table can be harmonized (e.g. it needs a period)."""
        return True

    def validate(self, table: T) -> list[Finding]:
        return validate_frame(
            self.raw_schema(table), table.frame, file_name=table.file_name, sheet=table.sheet,
            headers=table.header_of(),
        )  # fmt: skip

    def parse(self, content: bytes, file_name: str) -> ParseResult:
        """Read, validate and harmonize one file; raises ValidationFailed if unreadable."""
        table = self.read(content, file_name)
        findings = [*table.warnings, *self.check(table)]
        period = self.period(table)
        if has_errors(findings) or not self.ready(table, period):
            return ParseResult(period, None, findings, table.stats)
        result = self.harmonize(table, period)
        return ParseResult(
            result.period or period, result.observations, findings + result.findings,
            table.stats | result.stats, result.shortage_signals, result.dataset,
        )  # fmt: skip


class ContractCsvAdapter(Adapter[RawTable]):
    """A CSV exchange contract (`;`, `#` comments): its columns, those that must be present."""

    columns: ClassVar[tuple[str, ...]]
    required: ClassVar[tuple[str, ...]]

    def read(self, content: bytes, file_name: str) -> RawTable:
        contract = read_contract_csv(content, file_name, self.columns, self.required)
        return RawTable(
            file_name=file_name, frame=contract.frame, stats=contract.stats,
            warnings=list(contract.warnings),
        )  # fmt: skip


def observation_frame(
    columns: Mapping[str, Any], index: pd.Index | None = None, *, check: bool = True
) -> pd.DataFrame:
    """Canonical observations from the columns a source sets (defaults for the others), checked
    against the canonical schema unless the caller checks the parts it joins once (``check``);
    `source_row` first when given."""
    names = ("source_row", *OBSERVATION_COLUMNS) if "source_row" in columns else OBSERVATION_COLUMNS
    data = {
        name: columns[name] if name in columns else OBSERVATION_DEFAULTS[name] for name in names
    }
    observations = pd.DataFrame(data, index=index)
    return checked_observations(observations) if check else observations


def checked_observations(observations: pd.DataFrame) -> pd.DataFrame:
    """``observations`` once the canonical schema has found no error in them (lazy: all)."""
    OBSERVATION_SCHEMA.validate(observations[list(OBSERVATION_COLUMNS)], lazy=True)
    return observations


def signal_frame(columns: Mapping[str, Any], index: pd.Index) -> pd.DataFrame:
    """Shortage signals, one per row of ``index`` (the file's rows, kept as `source_row`);
    a reason a list does not give stays unknown (NULL), never False."""
    unknown = pd.Series(pd.NA, index=index, dtype="boolean")
    data = {name: columns.get(name, unknown) for name in SHORTAGE_SIGNAL_COLUMNS}
    signals = pd.DataFrame(data, index=index)
    SHORTAGE_SIGNAL_SCHEMA.validate(signals, lazy=True)
    return signals.reset_index(names="source_row")
