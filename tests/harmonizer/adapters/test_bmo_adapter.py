"""The BMO adapter reads any year's layout; the i18n of its findings is complete."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from services.harmonizer.adapters import adapter_for
from services.harmonizer.adapters.france_travail_bmo_sheet import read_bmo
from services.harmonizer.errors import CATALOGUE, Finding
from services.harmonizer.readers.workbook import normalize_header
from services.harmonizer.store.models import Observation
from services.harmonizer.submit import ingest_file
from tests.conftest import SAMPLE_2023, SAMPLE_2025
from tests.workbooks import Rows, data_sheet_name, rewrite


def _as_year_2024(sheets: dict[str, Rows]) -> dict[str, Rows]:
    """The 2025 sample relabelled as a 2024-style file: BE24 columns, new sheet name,
    columns reordered and headers in other case/accents. Values are untouched."""
    name = data_sheet_name(sheets)
    header, *rows = sheets[name]
    renamed = {"BE25": "BE24", "NOMBE25": "NOMBE24", "Code métier BMO": "CODE METIER BMO"}
    header = [renamed.get(h, h) for h in header]
    year = header.index("annee")
    rows = [[2024 if i == year else cell for i, cell in enumerate(row)] for row in rows]
    order = list(reversed(range(len(header))))
    table = [[row[i] for i in order] for row in [header, *rows]]
    return {
        "Lisez-moi": [["synthetic relabel of the 2025 sample, for a test"]],
        "BMO_2024_open_data": table,
    }


def test_a_file_of_another_year_ingests_unchanged(
    engine: Engine, raw_dir: Path, tmp_path: Path
) -> None:
    path = rewrite(SAMPLE_2025, tmp_path / "BMO_2024_SYNTHETIC_relabel.xlsx", _as_year_2024)
    outcome = ingest_file(engine, raw_dir, "france-travail-bmo", path.name, path.read_bytes())
    assert outcome.status == "accepted"
    assert outcome.period == "2024"
    with Session(engine) as session:
        row = session.execute(
            select(Observation.geo_vintage, Observation.occupation_version, Observation.value)
            .where(Observation.geo_code == "3216", Observation.occupation_code == "U1X91")
            .where(Observation.indicator == "hiring_projects")
        ).one()
    assert tuple(row) == ("BE24", "fap2021", 3432)


def test_2023_column_order_is_read_by_header() -> None:
    raw = read_bmo(SAMPLE_2023.read_bytes(), SAMPLE_2023.name)
    assert raw.bassin_vintage == "BE23"
    assert raw.sheet == "BMO_2023_open_data"
    assert raw.header_of()["bassin_code"] == "BE23"
    first = raw.frame.loc[2]  # spreadsheet row 2, the first under the header
    cells = ("bassin_code", "bassin_label", "department_code", "occupation_code", "met", "xmet")
    assert tuple(first[c] for c in cells) == (
        "3201", "ABBEVILLE PONTHIEU", "80", "A0Z40", "248", "139",
    )  # fmt: skip


def test_secret_cells_become_unknown_never_zero() -> None:
    result = adapter_for("france-travail-bmo").parse(SAMPLE_2025.read_bytes(), SAMPLE_2025.name)
    assert result.observations is not None
    metiers = result.observations[result.observations["occupation_system"] == "bmo-metier"]
    secret = metiers[metiers["conf_status"] == "C"]
    assert len(secret) == result.stats["secret_cells"] > 0
    assert secret["value"].isna().all()
    assert set(secret["obs_status"]) == {"O"}


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Code métier BMO ", "code_metier_bmo"),
        ("NOMBE25", "nombe25"),
        ("Lbl_fam_met", "lbl_fam_met"),
    ],
)
def test_headers_are_normalized(label: str, expected: str) -> None:
    assert normalize_header(label) == expected


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_every_error_code_has_a_message_in_each_language(language: str) -> None:
    params = {
        "column": "met",
        "size": "1",
        "limit": "1",
        "detail": "binary data",
        "reference": "10",
        "bassin": "3216",
        "department": "59",
        "occupation": "A0Z40",
        # VDAB codes (issue 4)
        "sheet_name": "Data",
        "sheets": "Blad1",
        "header": "Beroep",
        "rows": "20",
        "expected": "“Ontvangen vacatures”",
        "months": "5",
        "suppressed": "0",
        "offset": "9",
        "contract": "vdab-vacancies",
        # Forem and pull codes (issue 4)
        "status": "500",
        "attempts": "4",
        "seconds": "30",
        # France Travail tension and job seekers (issue 5)
        "vintage": "BE19",
        "first_row": "12",
        "figure": "5960",
        "month": "2019-M12",
        "area": "Hauts-de-France",
        "system": "rome3",
        # Submissions by URL (issue 8)
        "address": "10.0.0.1",
        "allowed": "https",
        "host": "example.org",
        "scheme": "ftp",
        "count": "2",
        # ONEM, Eurostat, DARES, Steunpunt Werk, Arvastat construction, Forem codes (issue 14)
        "period": "2025",
        "total": "12",
        "known": "lfst_r_lfu3rt, lfst_r_lfu3pers",
        "place": "dep 59",
    }
    for code in CATALOGUE:
        message = Finding(code, value="x", params=params).message(language)
        assert "{" not in message, (code, message)
        if language != "en":
            assert message != Finding(code, value="x", params=params).message("en"), code
