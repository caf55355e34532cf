"""DARES / Pôle emploi tension indicators on the real file: the index and the six factors as
published per FAP family and place, unmeasured cells missing (never 0), and the bulletin's
tension table for the Nord département."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine

from schemas.canonical import TENSION_FACTORS
from schemas.raw.dares_tensions import FACTOR_COLUMNS
from services.harmonizer.adapters import adapter_for
from tests.built import built_document
from tests.conftest import ROOT, SAMPLE_2025, SHARED_DATA

SOURCE = "dares-tensions"
SAMPLE = (
    ROOT
    / "data"
    / "samples"
    / "dares"
    / ("dares_tensions_2019_nat_reg32-44_dep02-08-59-60-62-80_DERIVED.csv")
)
WHOLE = SHARED_DATA / "dares" / "tensions" / "tensions.csv"
HEADERS = ("Intensité d'embauches", "Lien formation-emploi", "Manque de main-d'œuvre disponible",
           "Non-durabilité de l'emploi", "Conditions de travail contraignantes",
           "Inadéquation géographique")  # fmt: skip


def _rows(path: Path = SAMPLE) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _source_row(fap: str, level: str, dep: str) -> dict[str, str]:
    found = [row for row in _rows() if (row["fap"], row["niveau_geo"].strip(), row["dep"])
             == (fap, level, dep)]  # fmt: skip
    assert len(found) == 1
    return found[0]


def _system(row: dict[str, str]) -> str:
    return "fap87" if row["niveau_fap"].strip() == "fap 87" else "bmo-metier"


def _observations(path: Path = SAMPLE) -> pd.DataFrame:
    result = adapter_for(SOURCE).parse(path.read_bytes(), path.name)
    assert [f.code for f in result.findings if f.severity == "error"] == []
    assert result.observations is not None and result.period == "2019"
    return result.observations


def test_each_factor_of_a_nord_family_is_the_published_class() -> None:
    frame = _observations()
    source = _source_row("T4Z", "dep", "59")  # agents d'entretien, Nord
    cells = frame[(frame["geo_code"] == "59") & (frame["occupation_code"] == "T4Z")]
    by_indicator = dict(zip(cells["indicator"], cells["value"], strict=True))
    assert by_indicator["tension_index"] == float(source["Tension "])
    assert by_indicator["tension_class"] == float(source["Catégorie Tension"])
    assert by_indicator["employment"] == float(source["Emploi moyen"])
    for factor, header in zip(TENSION_FACTORS, HEADERS, strict=True):
        assert by_indicator[factor] == float(source[header]), factor
    assert set(cells["occupation_system"]) == {"fap87"}
    assert set(cells["geo_system"]) == {"fr-department"}
    assert len(FACTOR_COLUMNS) == len(TENSION_FACTORS) == 6


def test_a_cell_dares_did_not_measure_is_missing_never_zero() -> None:
    frame = _observations()
    unmeasured = [row for row in _rows() if row[HEADERS[0]] == "" and row["dep"] == "59"]
    assert unmeasured, "the Nord rows include small occupations DARES did not measure"
    row = unmeasured[0]
    cell = frame[(frame["geo_code"] == "59") & (frame["occupation_code"] == row["fap"])
                 & (frame["occupation_system"] == _system(row))
                 & (frame["indicator"] == TENSION_FACTORS[0])].iloc[0]  # fmt: skip
    assert pd.isna(cell["value"]) and cell["obs_status"] == "O"
    assert not (frame.loc[frame["unit"] == "class", "value"] == 0).any()


def test_regions_are_read_from_their_float_codes() -> None:
    frame = _observations()
    regions = frame[frame["geo_system"] == "fr-region"]
    assert set(regions["geo_code"]) == {"32", "44"}
    assert set(regions.loc[regions["geo_code"] == "32", "geo_label"]) == {"Hauts-de-France"}


def test_the_bulletin_has_the_nord_tension_table(engine: Engine, raw_dir: Path) -> None:
    document = built_document(
        engine, raw_dir, (("france-travail-bmo", SAMPLE_2025), (SOURCE, SAMPLE))
    )
    table = document["tension_tables"]["fr-department:59"]
    assert (table["reference_period"], table["years_before"], table["old"]) == ("2019", 6, True)
    families = {family["occupation_code"]: family for family in table["families"]}
    source = _source_row("T4Z", "dep", "59")
    assert families["T4Z"]["factors"]["tension_lack_of_labour"] == float(
        source["Manque de main-d'œuvre disponible"]
    )
    indexes = [f["tension_index"] for f in table["families"] if f["tension_index"] is not None]
    assert indexes == sorted(indexes, reverse=True)
    assert "fr-department:59" in document["side_by_side"]["EMLKT-FR"]["tension"]


@pytest.mark.shared_data
@pytest.mark.skipif(not WHOLE.is_file(), reason=f"{WHOLE} is absent (the shared DARES file)")
def test_the_whole_file_keeps_the_covered_places_and_counts_the_others() -> None:
    result = adapter_for(SOURCE).parse(WHOLE.read_bytes(), WHOLE.name)
    assert result.observations is not None
    [outside] = [f for f in result.findings if f.code == "outside-reference-area"]
    covered = len(_rows())
    assert int(outside.params["count"]) == len(_rows(WHOLE)) - covered
    assert len(result.observations) == covered * 9


HISTORY = ROOT / "data" / "samples" / "dares" / "dares_evol_tensions_2011-2019.csv"


def test_the_national_index_series_is_stored_year_by_year() -> None:
    result = adapter_for("dares-tension-history").parse(HISTORY.read_bytes(), HISTORY.name)
    assert result.observations is not None and result.period == "2011..2019"
    frame = result.observations
    source = {(row["fap"], row["Année"]): float(row["Tension "]) for row in _rows(HISTORY)}
    stored = dict(zip(zip(frame["occupation_code"], frame["period"], strict=True),
                      frame["value"], strict=True))  # fmt: skip
    assert stored == source
    families = frame[frame["occupation_code"].str.len() == 3]
    assert set(families["occupation_system"]) == {"fap87"}
    assert set(frame["geo_code"]) == {"FR"} and set(frame["unit"]) == {"index"}
