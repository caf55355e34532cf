"""`eurostat-tsv`: any Eurostat regional table in its bulk-download TSV layout (see
schemas/raw/eurostat_tsv.py), e.g. `lfst_r_lfu3rt` (unemployment rate), `lfst_r_lfu3pers`
(unemployed persons), `lfst_r_lfe2emp` (employment), `lfst_r_lfe2en2` (employment by NACE).

- The table is named by the file (`lfst_r_lfu3pers.tsv`, `lfst_r_lfu3rt_1999-2013.tsv`; `.gz`
  accepted, up to 256 MiB unpacked): it is the submission's dataset, so a newer file of one
  table supersedes only that table's; TABLES says which indicator each holds. A table not
  listed there is refused (`unknown-eurostat-table`): adding it is one line.
- Dimensions `age` and `sex` become the coverage (`Y15-24.F`; `TOTAL` / `T` when absent),
  `nace_r2` the sector (`TOTAL` → `_T`; aggregates such as `B-E` are not stored, counted in one
  `aggregate-not-stored` warning), `unit` the unit (THS → thousand_persons, PC → percent).
- Flags (SDMX): `:` → no value, `obs_status = M`; `c` → no value, `obs_status = O`,
  `conf_status = C`; `u` → U, `p` → P, `e`/`s` → E, `b` → B, `d` → D (several: the least
  reliable wins, U > P > E > B > D).
- Places outside Belgium and France are counted in one `outside-reference-area` warning; NUTS
  2013 while French codes are the old regions (FR30), else 2021.
"""

from __future__ import annotations

import gzip
import re
import zlib
from typing import Final

import pandas as pd
import pandera.pandas as pa

from schemas.canonical import ALL_OCCUPATIONS, NACE_SECTIONS, TOTAL
from schemas.raw.eurostat_tsv import CELL, DIMENSIONS, PERIOD, raw_schema
from services.harmonizer.adapters.base import Adapter, Harmonized, RawTable, observation_frame
from services.harmonizer.adapters.checks import outside_area, span_of
from services.harmonizer.errors import Finding, ValidationFailed
from services.harmonizer.eurostat import (
    AREA,
    CONFIDENTIAL,
    GEO_SYSTEM,
    is_covered,
    nuts_label,
    nuts_vintage,
    status_of_flags,
)
from services.harmonizer.readers.delimited import decode

# Table code → (indicator, the unit when the table has no unit dimension).
TABLES: Final = {
    "lfst_r_lfu3rt": ("ilo_unemployment_rate", "percent"),
    "lfst_r_lfu3pers": ("ilo_unemployed", "thousand_persons"),
    "lfst_r_lfe2emp": ("employment", "thousand_persons"),
    "lfst_r_lfe2en2": ("employment", "thousand_persons"),
}
UNITS: Final = {
    "THS": "thousand_persons",
    "THS_PER": "thousand_persons",
    "PC": "percent",
    "PC_ACT": "percent",
    "PC_POP": "percent",
}
MAX_UNPACKED: Final = 256 * 1024 * 1024  # a regional table is a few MB; more is not one
ALL_OCCUPATIONS_LABEL: Final = "All occupations"
HEADER_ROW: Final = 1


def table_code(file_name: str) -> str | None:
    """The known table a file name holds (`lfst_r_lfu3rt_1999-2013.tsv` → `lfst_r_lfu3rt`)."""
    name = file_name.rsplit("/", 1)[-1].lower()
    found = [code for code in TABLES if re.search(rf"(^|[^a-z0-9]){code}([^a-z0-9]|$)", name)]
    return found[0] if len(found) == 1 else None


def _unpacked(content: bytes, file_name: str) -> bytes:
    if not content.startswith(b"\x1f\x8b"):
        return content
    try:
        unpacker = zlib.decompressobj(wbits=31)
        data = unpacker.decompress(content, MAX_UNPACKED)
    except (zlib.error, gzip.BadGzipFile) as error:
        raise ValidationFailed(
            [Finding("gzip-unreadable", file=file_name, params={"detail": str(error)})]
        ) from None
    if unpacker.unconsumed_tail:
        raise ValidationFailed(
            [Finding("compressed-too-large", file=file_name, params={"limit": str(MAX_UNPACKED)})]
        )
    return data


def _header(first: str, file_name: str) -> list[str]:
    """The dimensions named by the first header cell (`unit,age,sex,geo\\time`)."""
    names = [name.strip().lower() for name in first.split("\\", 1)[0].split(",")]
    unsupported = [
        Finding(
            "unsupported-dimension",
            file=file_name,
            row=HEADER_ROW,
            column=name,
            value=name,
            params={"known": ", ".join(DIMENSIONS)},
        )
        for name in names
        if name not in DIMENSIONS
    ]
    if "\\" not in first or "geo" not in names:
        unsupported.append(
            Finding(
                "missing-column", file=file_name, row=HEADER_ROW, params={"column": "geo\\time"}
            )
        )
    if unsupported:
        raise ValidationFailed(unsupported)
    return names


def _periods(labels: list[str], file_name: str) -> list[str]:
    bad = [
        Finding("malformed-time-period", file=file_name, row=HEADER_ROW, column=label, value=label)
        for label in labels
        if PERIOD.fullmatch(label) is None
    ]
    if bad:
        raise ValidationFailed(bad)
    return labels


def read_tsv(content: bytes, file_name: str) -> RawTable:
    """The table as text cells: its dimensions and one column per period, by file line."""
    text, encoding, warnings = decode(_unpacked(content, file_name), file_name)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ValidationFailed([Finding("no-header", file=file_name)])
    header = lines[0].split("\t")
    dimensions = _header(header[0], file_name)
    periods = _periods([label.strip() for label in header[1:]], file_name)
    records = {}
    for number, line in enumerate(lines[1:], start=HEADER_ROW + 1):
        if not line.strip():
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        codes = [code.strip() for code in cells[0].split(",")]
        codes += [""] * (len(dimensions) - len(codes))
        values = cells[1:] + [""] * (len(periods) - len(cells) + 1)
        records[number] = [*codes[: len(dimensions)], *values[: len(periods)]]
    if not records:
        raise ValidationFailed([*warnings, Finding("no-data-rows", file=file_name)])
    frame = pd.DataFrame.from_dict(records, orient="index", columns=[*dimensions, *periods])
    stats = {
        "format": "tsv",
        "encoding": encoding,
        "rows": len(frame),
        "periods": len(periods),
        "dimensions": dimensions,
    }
    return RawTable(file_name=file_name, frame=frame.astype(str), stats=stats, warnings=warnings)


class EurostatTsv(Adapter[RawTable]):
    def read(self, content: bytes, file_name: str) -> RawTable:
        if table_code(file_name) is None:
            raise ValidationFailed(
                [
                    Finding(
                        "unknown-eurostat-table",
                        file=file_name,
                        value=file_name,
                        params={"known": ", ".join(TABLES)},
                    )
                ]
            )
        return read_tsv(content, file_name)

    def raw_schema(self, table: RawTable) -> pa.DataFrameSchema:
        dimensions = tuple(table.stats["dimensions"])
        periods = tuple(str(column) for column in table.frame.columns[len(dimensions) :])
        return raw_schema(periods, dimensions)

    def content_checks(self, table: RawTable) -> list[Finding]:
        frame, name = table.frame, table.file_name
        findings = []
        if "unit" in frame.columns:
            units = frame.loc[~frame["unit"].isin((*UNITS, "")), "unit"]
            for row, unit in zip(units.index.tolist(), units, strict=True):
                findings.append(
                    Finding(
                        "unknown-unit",
                        file=name,
                        row=int(row),
                        column="unit",
                        value=unit,
                        params={"known": ", ".join(UNITS)},
                    )
                )
        dimensions = list(table.stats["dimensions"])
        repeated = frame[frame.duplicated(subset=dimensions, keep="first")]
        for row, geo in zip(repeated.index.tolist(), repeated["geo"], strict=True):
            findings.append(
                Finding("duplicate-series", file=name, row=int(row), column="geo", value=geo)
            )
        return findings

    def harmonize(self, table: RawTable, period: str | None) -> Harmonized:
        code = table_code(table.file_name)
        assert code is not None
        dimensions = list(table.stats["dimensions"])
        frame = table.frame
        covered = frame[frame["geo"].map(is_covered)]
        long = (
            covered.rename_axis("source_row")
            .reset_index()
            .melt(id_vars=["source_row", *dimensions], var_name="label", value_name="cell")
        )
        sections = long["nace_r2"] if "nace_r2" in long.columns else pd.Series(TOTAL, long.index)
        sector = sections.map(lambda nace: TOTAL if nace in ("TOTAL", TOTAL) else nace)
        kept = long[sector.isin((TOTAL, *NACE_SECTIONS))]
        observations = self.observations(kept, sector[kept.index], code)
        aggregates = int((~sector.isin((TOTAL, *NACE_SECTIONS))).sum())
        periods = sorted(set(observations["period"]))
        findings = outside_area(len(frame) - len(covered), table.file_name, AREA)
        if aggregates:
            findings.append(
                Finding(
                    "aggregate-not-stored",
                    file=table.file_name,
                    params={"count": str(aggregates)},
                    severity="warning",
                )
            )
        stats = {
            "table": code,
            "observations": len(observations),
            "rows_outside_area": len(frame) - len(covered),
            "aggregates_not_stored": aggregates,
        }
        return Harmonized(
            observations=observations,
            findings=findings,
            stats=stats,
            period=span_of(periods),
            dataset=code,
        )

    def observations(self, long: pd.DataFrame, sector: pd.Series, code: str) -> pd.DataFrame:
        indicator, default_unit = TABLES[code]
        parts = long["cell"].str.extract(CELL.pattern)
        flags = parts["flags"].fillna("")
        secret = flags.str.contains(CONFIDENTIAL)
        missing = (parts["number"] == ":") | secret
        value = pd.to_numeric(parts["number"].where(~missing)).astype("float64")
        obs = flags.map(status_of_flags).where(~missing, "M").where(~secret, "O")
        age = long["age"] if "age" in long.columns else "TOTAL"
        sex = long["sex"] if "sex" in long.columns else "T"
        unit = long["unit"].map(UNITS) if "unit" in long.columns else default_unit
        geo = long["geo"]
        observations = observation_frame(
            {
                "source_row": long["source_row"],
                "dataset": code,
                "period": long["label"].map(period_of_label),
                "period_type": long["label"].map(period_type_of_label),
                "geo_system": GEO_SYSTEM,
                "geo_vintage": nuts_vintage(set(geo)),
                "geo_code": geo,
                "geo_label": geo.map(nuts_label),
                "occupation_system": ALL_OCCUPATIONS["system"],
                "occupation_version": ALL_OCCUPATIONS["version"],
                "occupation_code": ALL_OCCUPATIONS["code"],
                "occupation_label": ALL_OCCUPATIONS_LABEL,
                "nace_section": sector,
                "indicator": indicator,
                "unit": unit,
                "coverage": age + "." + sex,
                "value": value,
                "obs_status": obs,
                "conf_status": secret.map({True: "C", False: "F"}),
            },
            index=long.index,
        )
        return observations.reset_index(drop=True)


def period_of_label(label: str) -> str:
    """`2015` → `2015`, `2015Q1` → `2015-Q1`, `2015M01` → `2015-M01`."""
    match = PERIOD.fullmatch(label)
    assert match is not None
    if match["kind"] is None:
        return match["year"]
    part = int(match["part"])
    return f"{match['year']}-Q{part}" if match["kind"] == "Q" else f"{match['year']}-M{part:02d}"


def period_type_of_label(label: str) -> str:
    match = PERIOD.fullmatch(label)
    assert match is not None
    return {None: "year", "Q": "quarter", "M": "month"}[match["kind"]]
