"""Eurostat on real files: the LFS rate extract and the bulk-download TSV layout, with every
flag carried as an SDMX status, each table its own dataset, and the bulletin showing the one
rate defined the same way on both sides for the NUTS 2 regions of the area."""

from __future__ import annotations

import gzip
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from services.harmonizer.adapters import adapter_for
from services.harmonizer.errors import ValidationFailed
from services.harmonizer.store.models import Submission
from services.harmonizer.submit import ingest_file
from tests.built import built_document
from tests.conftest import ROOT, SAMPLE_2025, SHARED_DATA

SAMPLES = ROOT / "data" / "samples" / "eurostat"
RATE = SAMPLES / "lfst_r_lfu3rt_unemployment_rate_nuts2_BE_FR_1999-2025_DERIVED.csv"
TSV = SAMPLES / "lfst_r_lfu3pers_BE_FR_DERIVED.tsv"
BULK = SHARED_DATA / "eurostat" / "lfs"
BULK_TABLES = (
    "lfst_r_lfu3rt_1999-2013.tsv", "lfst_r_lfu3pers.tsv", "lfst_r_lfe2emp.tsv",
    "lfst_r_lfe2en2.tsv",
)  # fmt: skip


def _rate_in_file(geo: str, year: str) -> float:
    for line in RATE.read_text(encoding="utf-8").splitlines()[1:]:
        code, period, value, _status = line.split(",")
        if (code, period) == (geo, year):
            return float(value)
    raise KeyError((geo, year))


def _tsv_cell(key: str, year: str) -> str:
    """Independent reading of the TSV: the cell of the series ``key`` for ``year``."""
    lines = TSV.read_text(encoding="utf-8").splitlines()
    years = [label.strip() for label in lines[0].split("\t")[1:]]
    for line in lines[1:]:
        cells = line.split("\t")
        if cells[0] == key:
            return cells[1 + years.index(year)].strip()
    raise KeyError(key)


def _tsv_observations(content: bytes | None = None, name: str = TSV.name) -> pd.DataFrame:
    result = adapter_for("eurostat-tsv").parse(content or TSV.read_bytes(), name)
    assert [f.code for f in result.findings if f.severity == "error"] == []
    assert result.observations is not None
    return result.observations


def _one(frame: pd.DataFrame, geo: str, period: str, coverage: str) -> pd.Series:
    rows = frame[(frame["geo_code"] == geo) & (frame["period"] == period)
                 & (frame["coverage"] == coverage)]  # fmt: skip
    assert len(rows) == 1
    return rows.iloc[0]


def test_the_rate_extract_is_the_ilo_rate_of_each_region() -> None:
    result = adapter_for("eurostat-lfs-rate").parse(RATE.read_bytes(), RATE.name)
    assert result.observations is not None and result.period == "1999..2025"
    frame = result.observations
    assert len(frame) == 174
    for geo in ("BE25", "BE32", "FRE1"):
        row = _one(frame, geo, "2025", "Y15-74.T")
        assert row["value"] == _rate_in_file(geo.lower(), "2025")
        assert (row["indicator"], row["unit"], row["obs_status"]) == (
            "ilo_unemployment_rate", "percent", "A",
        )  # fmt: skip
        assert (row["geo_system"], row["geo_vintage"]) == ("nuts", "2021")
    assert _one(frame, "FRE1", "2025", "Y15-74.T")["geo_label"] == "Nord-Pas-de-Calais"


def test_the_rate_extract_leaves_other_countries_out_with_a_warning() -> None:
    text = RATE.read_text(encoding="utf-8") + "de11,2025,3.1,final\nbe25,2026,,provisional\n"
    result = adapter_for("eurostat-lfs-rate").parse(text.encode(), "rate.csv")
    assert result.observations is not None
    assert "DE11" not in set(result.observations["geo_code"])
    [outside] = [f for f in result.findings if f.code == "outside-reference-area"]
    assert (outside.severity, outside.params["count"]) == ("warning", "1")
    unpublished = _one(result.observations, "BE25", "2026", "Y15-74.T")
    assert pd.isna(unpublished["value"]) and unpublished["obs_status"] == "M"


def test_every_eurostat_flag_becomes_an_sdmx_status() -> None:
    frame = _tsv_observations()
    series = "THS,Y15-24,F,BE25"
    cases = {  # year → (cell in the file, obs_status, conf_status, has a value)
        "2015": (": u", "M", "F", False),
        "2014": ("3.1 u", "U", "F", True),
        "2011": ("2.8 bu", "U", "F", True),
        "2004": (": c", "O", "C", False),
    }
    for year, (cell, obs, conf, has_value) in cases.items():
        assert _tsv_cell(series, year) == cell
        row = _one(frame, "BE25", year, "Y15-24.F")
        assert (row["obs_status"], row["conf_status"]) == (obs, conf)
        assert pd.notna(row["value"]) == has_value
    assert _one(frame, "BE25", "2014", "Y15-24.F")["value"] == 3.1
    total = _one(frame, "BE25", "2011", "Y_GE15.T")
    assert (total["value"], total["obs_status"]) == (16.8, "B")
    assert _tsv_cell("THS,Y_GE15,T,BE25", "2011") == "16.8 b"


def test_a_bulk_table_is_its_own_dataset_in_its_own_nuts_vintage() -> None:
    frame = _tsv_observations()
    assert set(frame["dataset"]) == {"lfst_r_lfu3pers"}
    assert set(frame["indicator"]) == {"ilo_unemployed"}
    assert set(frame["unit"]) == {"thousand_persons"}
    assert set(frame["geo_vintage"]) == {"2013"}  # FR30 is Nord-Pas-de-Calais before 2016
    assert "FR30" in set(frame["geo_code"])
    packed = _tsv_observations(gzip.compress(TSV.read_bytes()), TSV.name + ".gz")
    assert packed.equals(frame)


def test_a_table_the_adapter_does_not_know_is_refused_by_name() -> None:
    with pytest.raises(ValidationFailed) as refused:
        adapter_for("eurostat-tsv").parse(TSV.read_bytes(), "une_rt_a.tsv")
    assert [f.code for f in refused.value.findings] == ["unknown-eurostat-table"]


def test_an_unsupported_dimension_is_located_in_the_header() -> None:
    lines = TSV.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace("unit,age,sex,geo", "unit,age,citizen,geo")
    with pytest.raises(ValidationFailed) as refused:
        adapter_for("eurostat-tsv").parse("\n".join(lines).encode(), TSV.name)
    assert [(f.code, f.row, f.column) for f in refused.value.findings] == [
        ("unsupported-dimension", 1, "citizen")
    ]


def test_each_table_supersedes_only_its_own_earlier_file(engine: Engine, raw_dir: Path) -> None:
    for source, path in (("eurostat-tsv", TSV), ("eurostat-lfs-rate", RATE)):
        outcome = ingest_file(engine, raw_dir, source, path.name, path.read_bytes())
        assert outcome.status == "accepted", outcome
    with Session(engine) as session:
        current = session.execute(
            select(Submission.source_id, Submission.dataset, Submission.status)
        ).all()
    assert sorted(current) == [
        ("eurostat-lfs-rate", "lfs-unemployment-rate", "accepted"),
        ("eurostat-tsv", "lfst_r_lfu3pers", "accepted"),
    ]


def test_the_bulletin_shows_the_lfs_rate_of_each_side(engine: Engine, raw_dir: Path) -> None:
    files = (("france-travail-bmo", SAMPLE_2025), ("eurostat-lfs-rate", RATE))
    document = built_document(engine, raw_dir, files)
    figures = document["side_by_side"]["EMLKT"]["figures"]
    rates = {f["geo_code"]: (f["value"], f["reference_period"]) for f in figures
             if f["indicator"] == "ilo_unemployment_rate"}  # fmt: skip
    assert rates == {geo.upper(): (_rate_in_file(geo, "2025"), "2025")
                     for geo in ("fre1", "be25", "be32")}  # fmt: skip
    missing = {m["indicator"] for m in document["side_by_side"]["BE-ARR-57000"]["missing"]}
    assert "ilo_unemployment_rate" not in missing


@pytest.mark.shared_data
@pytest.mark.skipif(not BULK.is_dir(), reason=f"{BULK} is absent (the shared Eurostat files)")
@pytest.mark.parametrize("name", BULK_TABLES)
def test_every_whole_bulk_table_comes_in(name: str) -> None:
    path = BULK / name
    frame = _tsv_observations(path.read_bytes(), name)
    assert set(frame["geo_code"].str[:2]) == {"BE", "FR"}
    assert frame["value"].isna().sum() == frame["obs_status"].isin(("M", "O")).sum()
    if name == "lfst_r_lfe2en2.tsv":
        assert set(frame["nace_section"]) == {"_T", "A", "F", "J", "K", "L"}
