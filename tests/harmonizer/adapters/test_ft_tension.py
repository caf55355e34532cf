"""France Travail tension file (`france-travail-tension`): offers registered, job seekers A/B/C
and the tension class per ROME v3 × bassin BMO (2019 zonage), year 2020."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from schemas.canonical import OBSERVATION_COLUMNS, OBSERVATION_SCHEMA
from services.bulletin.inputs import COUNT_INDICATORS
from services.harmonizer.adapters import adapter_for
from services.harmonizer.store.models import Observation
from services.harmonizer.submit import ingest_file
from tests.conftest import ROOT, SHARED_DATA
from tests.vdab_files import located, snapshot

SAMPLE = (
    ROOT / "data" / "samples" / "france_travail_tension"
    / "mobiville_cities-tension-utf8_ROME_bassin_Hauts-de-France_REG32_DERIVED.csv"
)  # fmt: skip
NATIONAL = (
    SHARED_DATA / "france_travail" / "tension" / "mobiville_cities-tension-utf8_ROME_bassin.csv"
)
SOURCE = "france-travail-tension"
HEADER = "annee;ROME;rome_label;cbassin;lib_bassin_bmo19;oee;defm_abc;ind_tension_d"
ROW = "2020;A1203;Entretien des espaces verts;3216;LILLE;35;54;1"

TENSION = adapter_for("france-travail-tension")


def plain_sums(path: Path, bassin: str) -> dict[str, int]:
    """Offers and job seekers of one bassin, read with nothing but the csv module."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle, delimiter=";") if row["cbassin"] == bassin]
    return {column: sum(int(row[column]) for row in rows) for column in ("oee", "defm_abc")}


def stored_sums(engine: Engine, bassin: str) -> dict[str, float]:
    with Session(engine) as session:
        stored = session.scalars(select(Observation).where(Observation.geo_code == bassin)).all()
    sums = {"oee": 0.0, "defm_abc": 0.0}
    for observation in stored:
        column = {"offers_registered": "oee", "job_seekers": "defm_abc"}.get(observation.indicator)
        if column is not None:
            sums[column] += observation.value or 0
    return sums


def test_sample_ingests_once(engine: Engine, raw_dir: Path) -> None:
    content = SAMPLE.read_bytes()
    outcome = ingest_file(engine, raw_dir, SOURCE, SAMPLE.name, content)
    rows = content.decode().count("\n") - 1
    assert (outcome.status, outcome.period, outcome.observation_count) == (
        "accepted", "2020", 3 * rows,
    )  # fmt: skip
    assert stored_sums(engine, "3216") == plain_sums(SAMPLE, "3216")
    with Session(engine) as session:
        stored = session.scalars(select(Observation)).all()
    kinds = {(o.dataset, o.period, o.period_type, o.geo_system, o.geo_vintage,
              o.occupation_system, o.occupation_version, o.indicator, o.unit, o.coverage)
             for o in stored}  # fmt: skip
    common = ("tension", "2020", "year", "fr-bassin-bmo", "BE19", "rome3", "v3")
    assert kinds == {
        (*common, "offers_registered", "offers", "all"),
        (*common, "job_seekers", "persons", "categories_abc"),
        (*common, "tension_class", "class", "all"),
    }
    lille = [o for o in stored if o.geo_code == "3216" and o.occupation_code == "A1203"]
    assert sorted(
        (o.indicator, o.value, o.source_row, o.geo_label, o.geo_department) for o in lille
    ) == [
        ("job_seekers", 54.0, 1191, "LILLE", "59"),
        ("offers_registered", 35.0, 1191, "LILLE", "59"),
        ("tension_class", 1.0, 1191, "LILLE", "59"),
    ]
    assert {o.value for o in stored if o.indicator == "tension_class"} == {1, 2, 3, 4, 5}
    again = ingest_file(engine, raw_dir, SOURCE, "copy.csv", content)
    assert (again.duplicate, again.submission_id) == (True, outcome.submission_id)


def test_unpublished_cells_stay_unknown(engine: Engine, raw_dir: Path) -> None:
    lines = [HEADER, "2020;A1203;Entretien des espaces verts;3216;LILLE;*;;1"]
    outcome = ingest_file(engine, raw_dir, SOURCE, "secret.csv", "\n".join(lines).encode())
    assert outcome.status == "accepted"
    with Session(engine) as session:
        stored = session.scalars(select(Observation).order_by(Observation.indicator)).all()
    assert [(o.indicator, o.value, o.obs_status, o.conf_status) for o in stored] == [
        ("job_seekers", None, "O", "C"),
        ("offers_registered", None, "O", "C"),
        ("tension_class", 1.0, "A", "F"),
    ]


BAD_FILES = {
    "wrong-header": (
        [HEADER.replace(";oee", ";offres"), ROW], [("missing-column", None, 1, None)]
    ),
    "non-numeric-count": (
        [HEADER, ROW.replace(";35;", ";3 5;")], [("value-not-integer", None, 2, "oee")]
    ),
    "unknown-bassin": ([HEADER, ROW.replace(";3216;", ";3299;")],
                       [("unknown-bassin", None, 2, "cbassin")]),
    "malformed-bassin": ([HEADER, ROW.replace(";3216;", ";LIL;")],
                         [("malformed-bassin-code", None, 2, "cbassin")]),
    "wrong-year": ([HEADER, ROW, ROW.replace("2020;", "2021;").replace("A1203", "A1101")],
                   [("invalid-period", None, 3, "annee")]),
    "not-a-year": ([HEADER, ROW.replace("2020;", "20x0;")], [("invalid-period", None, 2, "annee")]),
    "duplicate-row": ([HEADER, ROW, ROW], [("duplicate-occupation-bassin", None, 3, "cbassin")]),
    "tension-class": ([HEADER, ROW.replace(";54;1", ";54;7")],
                      [("invalid-tension-class", None, 2, "ind_tension_d")]),
    "rome-code": ([HEADER, ROW.replace("A1203", "A12")],
                  [("malformed-rome-code", None, 2, "rome")]),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_input_is_located_and_changes_nothing(engine: Engine, raw_dir: Path, case: str) -> None:
    assert ingest_file(engine, raw_dir, SOURCE, SAMPLE.name, SAMPLE.read_bytes()).status == (
        "accepted"
    )
    before = snapshot(engine)
    lines, expected = BAD_FILES[case]
    outcome = ingest_file(engine, raw_dir, SOURCE, f"{case}.csv", "\n".join(lines).encode())
    assert outcome.status == "rejected"
    assert located(outcome.findings) == expected
    assert snapshot(engine) == before
    finding = outcome.findings[0]
    messages = {language: finding.render(language) for language in ("fr", "nl", "en")}
    assert len(set(messages.values())) == 3
    assert all(f"{case}.csv" in message and f"[{finding.code}]" in message
               for message in messages.values())  # fmt: skip


def test_messages_name_the_cell() -> None:
    lines = [HEADER, ROW.replace(";3216;", ";3299;")]
    finding = TENSION.parse("\n".join(lines).encode(), "t.csv").findings[0]
    assert finding.render("en") == (
        "file t.csv, row 2, column cbassin: “3299” is not a bassin BMO of the BE19 zonage. "
        "[unknown-bassin]"
    )
    assert finding.render("fr").startswith("fichier t.csv, ligne 2, colonne cbassin")


def test_bassins_outside_the_area_are_reported_not_stored() -> None:
    lines = [HEADER, ROW, "2020;A1203;Entretien des espaces verts;7617;TOULOUSE;99;88;2"]
    result = TENSION.parse("\n".join(lines).encode(), "t.csv")
    assert result.observations is not None
    assert set(result.observations["geo_code"]) == {"3216"}
    assert [(f.code, f.severity, f.params["count"]) for f in result.findings] == [
        ("outside-reference-area", "warning", "1")
    ]


def test_a_tension_class_is_never_a_sum() -> None:
    result = TENSION.parse(SAMPLE.read_bytes(), SAMPLE.name)
    assert result.observations is not None
    classes = result.observations[result.observations["unit"] == "class"]
    assert "tension_class" not in COUNT_INDICATORS  # the bulletin sums counts only
    summed = classes.head(2)[list(OBSERVATION_COLUMNS)].copy()
    summed["value"] = float(summed["value"].sum()) + 5  # what adding classes would give
    with pytest.raises(pa.errors.SchemaErrors, match="class-is-tension-class"):
        OBSERVATION_SCHEMA.validate(pd.DataFrame(summed), lazy=True)


@pytest.mark.shared_data
def test_national_file_lille_equals_plain_csv(engine: Engine, raw_dir: Path) -> None:
    outcome = ingest_file(engine, raw_dir, SOURCE, NATIONAL.name, NATIONAL.read_bytes())
    assert (outcome.status, outcome.period) == ("accepted", "2020")
    assert [f.code for f in outcome.findings] == ["outside-reference-area"]
    for bassin in ("3216", "3217", "4414"):
        assert stored_sums(engine, bassin) == plain_sums(NATIONAL, bassin)
    with Session(engine) as session:
        bassins = set(session.scalars(select(Observation.geo_code).distinct()).all())
    assert len(bassins) == 32  # 28 of Hauts-de-France, 4 of Ardennes


@pytest.mark.shared_data
def test_sample_is_derived_from_the_national_file(tmp_path: Path) -> None:
    from tools.derive_ft_tension import derive

    out = tmp_path / "sample.csv"
    derive(NATIONAL, out)
    assert out.read_bytes() == SAMPLE.read_bytes()
    rows = list(csv.reader(io.StringIO(SAMPLE.read_text(encoding="utf-8")), delimiter=";"))
    assert {row[3][:2] for row in rows[1:]} == {"32"}
