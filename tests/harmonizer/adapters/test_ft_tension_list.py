"""The official French list of métiers en tension (`france-travail-tension-list`): FAP2009
families per region, stored as shortage signals for Hauts-de-France and the whole of France."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from services.harmonizer.store.models import ShortageSignal
from services.harmonizer.submit import ingest_file
from tests.conftest import ROOT, SHARED_DATA
from tests.vdab_files import located, snapshot

SAMPLE = (
    ROOT / "data" / "samples" / "france_travail_tension"
    / "odis_metiers_en_tension_mars_2024_Hauts-de-France_DERIVED.csv"
)  # fmt: skip
NATIONAL = SHARED_DATA / "dares" / "fap" / "odis_metiers_en_tension_mars_2024.csv"
SOURCE = "france-travail-tension-list"
HEADER = "Region,Famille Professionnelle,Code FAP"
ROW = "Hauts-de-France,Agriculteurs salariés,A0Z40"


def plain_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_sample_ingests_as_signals(engine: Engine, raw_dir: Path) -> None:
    outcome = ingest_file(engine, raw_dir, SOURCE, SAMPLE.name, SAMPLE.read_bytes())
    rows = plain_rows(SAMPLE)
    assert (outcome.status, outcome.period, outcome.observation_count) == (
        "accepted", "2024", len(rows),
    )  # fmt: skip
    with Session(engine) as session:
        signals = session.scalars(select(ShortageSignal).order_by(ShortageSignal.id)).all()
    expected = sorted(
        ({"Hauts-de-France": "tension-regional", "France Entière": "tension-national"}[r["Region"]],
         r["Code FAP"], r["Famille Professionnelle"]) for r in rows
    )  # fmt: skip
    assert sorted((s.status, s.occupation_code, s.occupation_label) for s in signals) == expected
    assert {(s.occupation_system, s.occupation_version, s.period, s.reason_quantitative)
            for s in signals} == {("bmo-metier", "fap2009", "2024", None)}  # fmt: skip


BAD_FILES = {
    "wrong-header": ([HEADER.replace("Code FAP", "FAP"), ROW], [("missing-column", None, 1, None)]),
    "unknown-region": ([HEADER, ROW.replace("Hauts-de-France", "Wallonie")],
                       [("unknown-region", None, 2, "region")]),
    "malformed-code": ([HEADER, ROW.replace("A0Z40", "A0Z4")],
                       [("malformed-occupation-code", None, 2, "code fap")]),
    "unknown-code": ([HEADER, ROW.replace("A0Z40", "Z9Z99")],
                     [("unknown-occupation-code", None, 2, "code fap")]),
    "duplicate-row": ([HEADER, ROW, ROW], [("duplicate-occupation", None, 3, "code fap")]),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_input_is_located_and_changes_nothing(engine: Engine, raw_dir: Path, case: str) -> None:
    assert ingest_file(engine, raw_dir, SOURCE, SAMPLE.name, SAMPLE.read_bytes()).status == (
        "accepted"
    )
    before = snapshot(engine)
    lines, expected = BAD_FILES[case]
    content = ("\n".join(lines) + "\n").encode()
    outcome = ingest_file(engine, raw_dir, SOURCE, f"list_{case}_2024.csv", content)
    assert outcome.status == "rejected"
    assert located(outcome.findings) == expected
    assert snapshot(engine) == before
    messages = {outcome.findings[0].message(language) for language in ("fr", "nl", "en")}
    assert len(messages) == 3


def test_a_list_without_a_year_in_its_name_is_rejected(engine: Engine, raw_dir: Path) -> None:
    content = SAMPLE.read_bytes()
    outcome = ingest_file(engine, raw_dir, SOURCE, "metiers_en_tension.csv", content)
    assert outcome.status == "rejected"
    assert [(f.code, f.value) for f in outcome.findings] == [
        ("no-period-in-file-name", "metiers_en_tension.csv")
    ]


@pytest.mark.shared_data
def test_national_list_keeps_hauts_de_france_and_france(tmp_path: Path) -> None:
    from services.harmonizer.adapters import adapter_for
    from tools.derive_ft_tension_list import derive

    result = adapter_for("france-travail-tension-list").parse(NATIONAL.read_bytes(), NATIONAL.name)
    assert result.shortage_signals is not None
    rows = plain_rows(NATIONAL)
    kept = [r for r in rows if r["Region"] in ("Hauts-de-France", "France Entière")]
    assert len(result.shortage_signals) == len(kept) == 36
    assert [(f.code, f.params["count"]) for f in result.findings] == [
        ("outside-reference-area", str(len(rows) - len(kept)))
    ]
    out = tmp_path / "sample.csv"
    derive(NATIONAL, out)
    assert out.read_bytes() == SAMPLE.read_bytes()
