"""Coverage: every code system and ≥ 99 % of BMO hiring projects reach an ISCO-08 unit group."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from services.cli import app
from services.harmonizer.coverage import bmo_coverage, system_coverage
from services.harmonizer.mappings.codelists import load_codelist
from services.harmonizer.mappings.common import MAPPINGS_DIR
from services.harmonizer.mappings.tables import load_crosswalk
from tests.conftest import NATIONAL_BMO, SAMPLE_2023, SAMPLE_2025
from tests.sample_edits import column_of, edited_copy


@pytest.mark.parametrize("system", ["rome3", "rome4", "fap2009", "fap2021", "competent", "esco"])
def test_every_code_of_the_occupation_systems_reaches_isco(system: str) -> None:
    coverage = system_coverage(system)
    assert coverage.total > 0
    assert coverage.missing == {}
    assert coverage.share == 1.0


def test_rome_v3_has_its_532_codes() -> None:
    assert system_coverage("rome3").total == 532


@pytest.mark.parametrize("sample", [SAMPLE_2023, SAMPLE_2025])
def test_every_project_of_the_bundled_samples_reaches_isco(sample: Path) -> None:
    coverage = bmo_coverage(sample)
    assert coverage.total > 100_000
    assert coverage.reached == coverage.total


@pytest.mark.shared_data
@pytest.mark.parametrize("year", [2023, 2025])
def test_national_hiring_projects_reach_isco(year: int) -> None:
    coverage = bmo_coverage(NATIONAL_BMO / f"Base_open_data_BMO_{year}.xlsx")
    assert coverage.share >= 0.99
    assert coverage.total > 2_000_000


def test_coverage_lists_a_metier_without_a_link(tmp_path: Path) -> None:
    def unknown_code(_workbook: object, sheet: object) -> None:
        column = column_of(sheet, "Code métier BMO")  # type: ignore[arg-type]
        for row in range(2, sheet.max_row + 1):  # type: ignore[attr-defined]
            cell = sheet.cell(row=row, column=column)  # type: ignore[attr-defined]
            if cell.value == "A0X40":
                cell.value = "A9X99"  # well formed, in no FAP list

    edited_copy(SAMPLE_2025, tmp_path, "edited.xlsx", unknown_code)
    coverage = bmo_coverage(tmp_path / "edited.xlsx")
    assert list(coverage.missing) == ["A9X99"]
    assert coverage.reached == coverage.total - coverage.missing["A9X99"] < coverage.total
    result = CliRunner().invoke(app, ["mappings", "coverage", str(tmp_path / "edited.xlsx")])
    assert result.exit_code == 0, result.output
    assert "A9X99" in result.output
    assert "rome3" in result.output


def test_arvastat_labels_resolve_only_by_exact_label_and_the_rest_is_listed() -> None:
    coverage = system_coverage("arvastat-beroep")
    assert coverage.total == 277
    assert coverage.reached == 215
    assert "Accountmanager sales" in coverage.missing  # no exact label anywhere: no guess
    assert "Aankoper" not in coverage.missing


def test_every_rome_v3_code_read_as_a_forem_dimeco_code_reaches_isco() -> None:
    coverage = system_coverage("forem-dimeco")
    assert coverage.total == 532
    assert coverage.missing == {}


def test_forem_dimeco_links_are_inferred_from_the_equal_rome_v3_code() -> None:
    dimeco = load_crosswalk("forem_dimeco_isco08")
    rome = load_crosswalk("rome3_isco08")
    assert set(dimeco["method"]) == {"inferred:rome-like-code"}
    pairs = ["source_code", "target_code", "relation", "weight"]
    assert dimeco[pairs].equals(rome[pairs])


def test_rome_4_codes_that_are_no_rome_v3_code_are_listed_for_review_not_linked() -> None:
    review = pd.read_csv(
        MAPPINGS_DIR / "review" / "forem_dimeco_unresolved.csv", dtype=str, keep_default_na=False
    )
    rome4 = set(load_codelist("rome4")["code"])
    rome3 = set(load_codelist("rome3")["code"])
    assert set(review["code"]) == rome4 - rome3
    assert set(review["code"]).isdisjoint(load_crosswalk("forem_dimeco_isco08")["source_code"])
    a1102 = review.set_index("code").loc["A1102"]
    assert (a1102["rome4_parent"], a1102["candidate_isco08"]) == ("A1101", "8341")
