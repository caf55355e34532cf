"""French INSEE communes → bassin BMO (zonages 2019, 2021) → département → Eurométropole zone."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest

from services.harmonizer import geography, geography_fr
from services.harmonizer.adapters.france_travail_bmo_sheet import read_bmo
from services.harmonizer.geography_fr import (
    GEO_FILE,
    FrPlace,
    bassin_of_commune,
    communes_of_bassin,
    department_of_bassin,
    departments_of_bassin,
    eurometropole_zone_of_bassin,
)
from tests.conftest import ROOT, SAMPLE_2023, SAMPLE_2025, SHARED_DATA

AREA = ("02", "08", "59", "60", "62", "80")


def _rows() -> list[dict[str, str]]:
    with GEO_FILE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(
    ("insee", "name", "bassin", "label", "department", "region"),
    [
        ("59350", "Lille", "3216", "LILLE", "59", "32"),
        ("59512", "Roubaix", "3217", "VERSANT N-EST ROUB.TOURC.", "59", "32"),
        ("59599", "Tourcoing", "3217", "VERSANT N-EST ROUB.TOURC.", "59", "32"),
        ("62041", "Arras", "3224", "ARTOIS TERNOIS", "62", "32"),
        ("62193", "Calais", "3228", "CALAIS", "62", "32"),
        ("02691", "Saint-Quentin", "3204", "SAINT QUENTIN", "02", "32"),
        ("80021", "Amiens", "3202", "AMIENS", "80", "32"),
        ("08105", "Charleville-Mézières", "4412", "CHARLEVILLE", "08", "44"),
    ],
)
def test_commune_to_bassin_and_department(
    insee: str, name: str, bassin: str, label: str, department: str, region: str
) -> None:
    assert bassin_of_commune(insee) == FrPlace(
        insee, name, bassin, label, department, region, "2021"
    )


def test_leading_zero_dropped_by_a_spreadsheet_is_restored() -> None:
    place = bassin_of_commune("2691")
    assert place is not None and place.commune_insee == "02691"
    assert bassin_of_commune(" 02691 ") == place


@pytest.mark.parametrize("insee", ["99999", "", "75056", "2A004", "2b033", "5935", "593500"])
def test_unknown_or_out_of_area_communes(insee: str) -> None:
    assert bassin_of_commune(insee) is None


def test_zonage_vintages_differ_where_a_commune_changed_bassin() -> None:
    old, new = bassin_of_commune("62077", "2019"), bassin_of_commune("62077", "2021")  # Bajus
    assert old is not None and new is not None
    assert (old.bassin_code, new.bassin_code) == ("3224", "3225")
    assert bassin_of_commune("59350", "2018") is None


def test_associated_communes_have_a_2021_bassin_without_a_name() -> None:
    lomme = bassin_of_commune("59355")  # associated with Lille, absent from the 2019 lexique
    assert lomme is not None and (lomme.bassin_code, lomme.commune_name) == ("3216", None)
    assert bassin_of_commune("59355", "2019") is None


def test_names_get_back_the_oe_the_2019_lexique_lost() -> None:
    marcq, crevecoeur = bassin_of_commune("59378"), bassin_of_commune("59161")
    assert marcq is not None and marcq.commune_name == "Marcq-en-Barœul"
    assert crevecoeur is not None and crevecoeur.commune_name == "Crèvecœur-sur-l'Escaut"


def test_communes_of_bassin() -> None:
    versant = communes_of_bassin("3217")
    assert len(versant) == 24
    assert {"59512", "59599"} <= set(versant)
    assert list(versant) == sorted(versant)
    assert len(communes_of_bassin("3216")) == 103
    assert len(communes_of_bassin("3216", "2019")) == 101
    assert communes_of_bassin("9999") == ()


def test_every_bassin_has_one_department_but_cambresis_2021() -> None:
    bassins = {(row["vintage"], row["bassin_code"]) for row in _rows()}
    multi = {
        key: departments_of_bassin(key[1], key[0])
        for key in bassins
        if len(departments_of_bassin(key[1], key[0])) != 1
    }
    assert multi == {("2021", "3222"): ("59", "02")}  # Cambrésis, plus the Aisne code 02285
    assert department_of_bassin("3222") == "59"
    assert department_of_bassin("3222", "2019") == "59"
    assert department_of_bassin("3216") == "59"
    assert department_of_bassin("4412") == "08"
    assert department_of_bassin("9999") is None


def test_the_file_holds_the_six_departements_sorted_with_32_bassins_per_vintage() -> None:
    rows = _rows()
    assert sorted({row["department_code"] for row in rows}) == list(AREA)
    for vintage in geography_fr.VINTAGES:
        assert len({row["bassin_code"] for row in rows if row["vintage"] == vintage}) == 32
    keys = [(row["vintage"], row["commune_insee"]) for row in rows]
    assert keys == sorted(set(keys))
    assert all(re.fullmatch(r"[0-9]{5}", row["commune_insee"]) for row in rows)


@pytest.mark.parametrize(
    ("bassin", "zone"),
    [("3216", "FR-MEL"), ("3217", "FR-MEL"), (" 3216 ", "FR-MEL"), ("3218", None), ("", None)],
)
def test_eurometropole_zone_of_bassin(bassin: str, zone: str | None) -> None:
    assert eurometropole_zone_of_bassin(bassin) == zone


def test_zone_ids_follow_the_belgian_pattern_without_clashing() -> None:
    zones = [*geography.ZONE_LABELS, *geography_fr.ZONE_LABELS]
    assert sorted(zones) == ["BE-WAPI", "BE-WVL", "FR-MEL"]
    assert set(geography_fr.EUROMETROPOLE_BASSINS.values()) == {"FR-MEL"}


@pytest.mark.parametrize("sample", [SAMPLE_2023, SAMPLE_2025], ids=["2023", "2025"])
def test_every_bassin_of_the_bmo_samples_is_zoned_with_its_department(sample: Path) -> None:
    frame = read_bmo(sample.read_bytes(), sample.name).frame
    columns = (frame["bassin_code"], frame["department_code"], frame["bassin_label"])
    published = set(zip(*columns, strict=True))
    labels = {
        row["bassin_code"]: row["bassin_label"] for row in _rows() if row["vintage"] == "2021"
    }
    zoned = {(code, department_of_bassin(code), labels.get(code)) for code, _, _ in published}
    assert len(published) == 28  # Hauts-de-France: no Ardennes in the samples
    assert zoned == published


@pytest.mark.shared_data
def test_reference_file_is_the_derivation_of_the_shared_zonages(tmp_path: Path) -> None:
    out = tmp_path / "fr_commune_bassin.csv"
    command = [sys.executable, "tools/derive_fr_geography.py", "--shared", str(SHARED_DATA)]
    result = subprocess.run(
        [*command, "--out", str(out)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.read_bytes() == GEO_FILE.read_bytes()
    assert "Base_open_data_BMO_2023.xlsx: 32/32 bassins zoned, missing []" in result.stdout
    assert "Base_open_data_BMO_2025.xlsx: 32/32 bassins zoned, missing []" in result.stdout
