"""Steunpunt Werk's municipal rates and Arvastat's construction series on the real files, and
the Flemish zones of the bulletin showing them: rates as a range (never a total), the
construction vacancies labelled region-wide."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import Engine

from services.harmonizer.adapters import adapter_for
from services.harmonizer.errors import ValidationFailed
from services.harmonizer.geography import place_of_nis
from tests.built import built_document
from tests.conftest import ROOT, SAMPLE_2025

SAMPLES = ROOT / "data" / "samples"
RATES = (
    SAMPLES / "steunpunt_werk" / "steunpunt_werk_admin_unemployment_rate_communes_2024_DERIVED.csv"
)
RECEIVED = SAMPLES / "vdab" / "arvastat_bouw_ontvangen_vacatures_monthly_2016-01_2026-04.csv"
OPEN = SAMPLES / "vdab" / "arvastat_bouw_open_vacatures_monthly_2016-01_2026-04.csv"
WINDOWS = SAMPLES / "vdab" / "arvastat_bouw_ontvangen_vacatures_12_months_2017-2026.csv"
EUROMETROPOLE_VL = ("34000", "33000", "36000", "37000")  # Kortrijk, Ieper, Roeselare, Tielt


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _vacancies(path: Path, year: int, months: tuple[int, ...]) -> list[int]:
    return [int(row["vacatures"]) for row in _rows(path)
            if int(row["period_year"]) == year and int(row["period_month"]) in months]  # fmt: skip


def test_each_municipal_rate_is_stored_as_published_with_its_own_code() -> None:
    result = adapter_for("steunpunt-werk-rates").parse(RATES.read_bytes(), RATES.name)
    assert result.observations is not None and result.period == "2024"
    frame = result.observations
    source = {row["nis_code"]: float(row["value"]) for row in _rows(RATES)}
    assert dict(zip(frame["geo_code"], frame["value"], strict=True)) == source
    assert set(frame["coverage"]) == {"Y15-64.T"} and set(frame["geo_vintage"]) == {"2024"}
    assert set(frame["unit"]) == {"percent"}


def test_each_construction_series_is_its_own_dataset() -> None:
    adapter = adapter_for("vdab-arvastat-construction")
    received = adapter.parse(RECEIVED.read_bytes(), RECEIVED.name)
    opened = adapter.parse(OPEN.read_bytes(), OPEN.name)
    windows = adapter.parse(WINDOWS.read_bytes(), WINDOWS.name)
    assert (received.dataset, opened.dataset, windows.dataset) == (
        "construction-received", "construction-open", "construction-received-12m",
    )  # fmt: skip
    assert received.period == opened.period == "2016-01..2026-04"
    assert received.observations is not None and windows.observations is not None
    april = received.observations[received.observations["period"] == "2026-M04"].iloc[0]
    assert april["value"] == _vacancies(RECEIVED, 2026, (4,))[0]
    assert set(received.observations["nace_section"]) == {"F"}
    kinds = dict(zip(windows.observations["period"], windows.observations["period_type"],
                     strict=True))  # fmt: skip
    assert (kinds["2025"], kinds["2026-M04"]) == ("year", "rolling_12_months")


def test_a_construction_file_must_say_its_series() -> None:
    with pytest.raises(ValidationFailed) as refused:
        adapter_for("vdab-arvastat-construction").parse(RECEIVED.read_bytes(), "bouw.csv")
    assert [f.code for f in refused.value.findings] == ["no-series-in-file-name"]


def test_the_flemish_zone_shows_rates_as_a_range_and_construction_region_wide(
    engine: Engine, raw_dir: Path
) -> None:
    construction = "vdab-arvastat-construction"
    files = (("france-travail-bmo", SAMPLE_2025), ("steunpunt-werk-rates", RATES),
             (construction, RECEIVED), (construction, OPEN))  # fmt: skip
    document = built_document(engine, raw_dir, files, "nl")
    figures = document["side_by_side"]["EMLKT-VL"]["figures"]
    [rates] = [f for f in figures if f["kind"] == "municipal_range"]
    inside = {
        row["nis_code"]: float(row["value"]) for row in _rows(RATES)
        if (place := place_of_nis(row["nis_code"])) is not None
        and place.arrondissement.nis_code in EUROMETROPOLE_VL
    }  # fmt: skip
    assert (rates["minimum"], rates["maximum"]) == (min(inside.values()), max(inside.values()))
    assert {m["geo_code"] for m in rates["municipalities"]} == set(inside)
    series = {f["indicator"]: f for f in figures if f["kind"] == "region_series"}
    assert series["vacancies_received"]["value"] == sum(_vacancies(RECEIVED, 2025, (4, 5, 6)))
    assert series["vacancies_received"]["reference_period"] == "2025-Q2"
    assert series["vacancies_open"]["value"] == _vacancies(OPEN, 2025, (6,))[0]
    assert series["vacancies_open"]["geo_code"] == "BE2"
