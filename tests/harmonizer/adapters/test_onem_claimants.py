"""ONEM/RVA benefit claimants (CCI-DE) on the real file: arrondissement averages as published,
the year still running provisional, masked municipalities reported, and the Flemish and Walloon
zones of the bulletin showing their own figure beside the French job seekers, never summed."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from services.harmonizer.adapters import adapter_for
from services.harmonizer.adapters.base import ParseResult
from services.harmonizer.adapters.onem_claimants import OnemClaimants, is_provisional
from services.harmonizer.sources import get_source
from tests.built import built_document
from tests.conftest import ROOT, SAMPLE_2025

SOURCE = "onem-claimants"
SAMPLE = (
    ROOT
    / "data"
    / "samples"
    / "onem"
    / ("onem_cci_de_arrondissements_provinces_2017-2026_DERIVED.csv")
)


def _source_value(nis_code: str, year: str) -> float:
    """Independent reading of the sample with the csv module."""
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle)
                if (row["nis_code"], row["period"]) == (nis_code, year)]  # fmt: skip
    assert len(rows) == 1
    return float(rows[0]["value"])


def _parse(today: date, content: bytes | None = None) -> ParseResult:
    class OnThatDay(OnemClaimants):
        pass

    OnThatDay.today = staticmethod(lambda: today)  # type: ignore[method-assign]
    return OnThatDay(get_source(SOURCE)).parse(content or SAMPLE.read_bytes(), SAMPLE.name)


def test_every_row_is_stored_as_published_in_its_own_geography() -> None:
    result = _parse(date(2026, 12, 4))
    assert result.observations is not None and result.period == "2017..2026"
    frame = result.observations
    assert len(frame) == 370
    assert set(frame["indicator"]) == {"benefit_claimants"}
    kortrijk = frame[(frame["geo_code"] == "34000") & (frame["period"] == "2025")].iloc[0]
    assert kortrijk["value"] == _source_value("34000", "2025") == pytest.approx(3781.75, abs=0.01)
    assert kortrijk["geo_system"] == "be-arrondissement"
    assert kortrijk["geo_label"] == "Courtrai / Kortrijk"
    systems = dict(zip(frame["geo_code"], frame["geo_system"], strict=True))
    assert (systems["30000"], systems["02000"], systems["01000"]) == (
        "be-province", "be-region", "be-country",
    )  # fmt: skip


def test_the_running_year_is_provisional_until_its_december_is_out() -> None:
    during = _parse(date(2026, 12, 4)).observations
    after = _parse(date(2027, 3, 1)).observations
    assert during is not None and after is not None
    assert set(during.loc[during["period"] == "2026", "obs_status"]) == {"P"}
    assert set(during.loc[during["period"] == "2025", "obs_status"]) == {"A"}
    assert set(after["obs_status"]) == {"A"}
    assert is_provisional(2026, date(2027, 2, 28)) and not is_provisional(2026, date(2027, 3, 1))


def test_sums_without_masked_municipalities_are_kept_and_reported() -> None:
    result = _parse(date(2026, 12, 4))
    partial = [f for f in result.findings if f.code == "partial-coverage"]
    assert all(f.severity == "warning" for f in partial)
    oudenaarde = [f for f in partial if f.value == "45000"]
    assert [(f.params["period"], f.params["count"], f.params["total"]) for f in oudenaarde] == [
        ("2026", "9", "10")
    ]


def test_a_bad_row_is_located_and_nothing_is_harmonized() -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace(",arrondissement,", ",canton,")
    result = adapter_for(SOURCE).parse(("\n".join(lines) + "\n").encode(), "onem.csv")
    errors = [(f.row, f.column, f.code) for f in result.findings if f.severity == "error"]
    assert errors == [(6, "level", "unknown-geographic-level")]
    assert result.observations is None


def test_belgian_zones_show_their_claimants_beside_the_french_side(
    engine: Engine, raw_dir: Path
) -> None:
    files = (("france-travail-bmo", SAMPLE_2025), (SOURCE, SAMPLE))
    document = built_document(engine, raw_dir, files, "nl")
    side = document["side_by_side"]
    kortrijk = [f for f in side["BE-ARR-34000"]["figures"] if f["indicator"] == "benefit_claimants"]
    assert [(f["value"], f["reference_period"]) for f in kortrijk] == [
        (pytest.approx(_source_value("34000", "2025")), "2025")
    ]
    flemish = [f for f in side["EMLKT-VL"]["figures"] if f["indicator"] == "benefit_claimants"]
    members = ("34000", "33000", "36000", "37000")  # Zuid-West-Vlaanderen in the Eurometropool
    assert len(flemish) == 1
    assert flemish[0]["value"] == pytest.approx(sum(_source_value(c, "2025") for c in members))
    assert not flemish[0]["provisional"]
    # Never summed with French job seekers or BMO figures: no cross-border claimant total.
    cross = [f for f in side["EMLKT"]["figures"] if f["indicator"] == "benefit_claimants"]
    assert cross == []
    assert "benefit_claimants" not in {m["indicator"] for m in side["BE-ARR-34000"]["missing"]}
