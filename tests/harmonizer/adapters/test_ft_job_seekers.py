"""France Travail job seekers by commune (`france-travail-job-seekers`): the stock registered on
the first day of a month, stored as the end of the month before, per commune, département and
region of the covered area."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from services.harmonizer.adapters import adapter_for
from services.harmonizer.adapters.france_travail_job_seekers import stock_period, submission_period
from services.harmonizer.store.models import Observation
from services.harmonizer.submit import ingest_file
from tests.conftest import ROOT, SHARED_DATA
from tests.vdab_files import located, snapshot

SAMPLE = (
    ROOT / "data" / "samples" / "france_travail_job_seekers"
    / "odis_emploi_demandeur_communes_Hauts-de-France_REG32_DERIVED.csv"
)  # fmt: skip
NATIONAL = SHARED_DATA / "france_travail" / "job_seekers" / "odis_emploi_demandeur_communes.csv"
SOURCE = "france-travail-job-seekers"
HEADER = "codgeo,YEAR,Demandeurs_Emploi"
ROW = "59350,janvier_2020,30980"


def as_bytes(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def plain_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(
    ("label", "period"),
    [("janvier_2020", "2019-M12"), ("juillet_2025", "2025-M06"), ("decembre_2024", "2024-M11"),
     ("Février_2021", "2021-M01"), ("août_2022", "2022-M07")],
)  # fmt: skip
def test_first_of_month_stock_is_the_end_of_the_month_before(label: str, period: str) -> None:
    assert stock_period(label) == period


def test_submission_period_spans_the_months() -> None:
    assert submission_period(["2019-M12", "2020-M01"]) == "2019-12..2020-01"
    assert submission_period(["2024-M06"]) == "2024-M06"


def test_sample_ingests_once(engine: Engine, raw_dir: Path) -> None:
    content = SAMPLE.read_bytes()
    outcome = ingest_file(engine, raw_dir, SOURCE, SAMPLE.name, content)
    rows = plain_rows(SAMPLE)
    distinct = {(row["codgeo"], row["YEAR"]): row["Demandeurs_Emploi"] for row in rows}
    assert (outcome.status, outcome.period, outcome.observation_count) == (
        "accepted", "2019-12..2024-11", len(distinct),
    )  # fmt: skip
    # The export repeats Saint-Martin-lez-Tatinghem (62757) with the same figure every month.
    assert {(f.code, f.severity, f.value) for f in outcome.findings} == {
        ("duplicate-row", "warning", "62757")
    }
    assert len(outcome.findings) == len(rows) - len(distinct) == 60
    with Session(engine) as session:
        stored = session.scalars(select(Observation)).all()
    kinds = {(o.dataset, o.period_type, o.geo_vintage, o.occupation_system, o.occupation_version,
              o.occupation_code, o.indicator, o.unit, o.coverage) for o in stored}  # fmt: skip
    assert kinds == {
        ("job-seekers", "month", "2021", "all", "all", "_T", "job_seekers", "persons", "all")
    }
    by_place = {(o.geo_system, o.geo_code, o.period): o for o in stored}
    lille = by_place["fr-commune", "59350", "2019-M12"]
    assert (lille.value, lille.geo_label, lille.geo_department, lille.source_row) == (
        30980.0, "Lille", "59", 13,
    )  # fmt: skip
    assert by_place["fr-department", "59", "2019-M12"].value == 292800.0
    assert by_place["fr-region", "32", "2019-M12"].geo_label == "Hauts-de-France"
    for system, code in (("fr-commune", "59350"), ("fr-department", "62"), ("fr-region", "32")):
        raw = "reg32" if system == "fr-region" else code
        expected = sum(int(v) for (c, _), v in distinct.items() if c == raw)
        assert sum(o.value or 0 for o in stored if (o.geo_system, o.geo_code) == (system, code)) \
            == expected  # fmt: skip
    again = ingest_file(engine, raw_dir, SOURCE, "copy.csv", content)
    assert (again.duplicate, again.submission_id) == (True, outcome.submission_id)


def test_unpublished_cells_stay_unknown(engine: Engine, raw_dir: Path) -> None:
    lines = [HEADER, "59350,janvier_2020,*", "59350,fevrier_2020,"]
    outcome = ingest_file(engine, raw_dir, SOURCE, "secret.csv", as_bytes(lines))
    assert outcome.status == "accepted"
    with Session(engine) as session:
        stored = session.scalars(select(Observation).order_by(Observation.period)).all()
    assert [(o.period, o.value, o.obs_status, o.conf_status) for o in stored] == [
        ("2019-M12", None, "O", "C"), ("2020-M01", None, "O", "C"),
    ]  # fmt: skip


BAD_FILES = {
    "wrong-header": (["codgeo,mois,Demandeurs_Emploi", ROW], [("missing-column", None, 1, None)]),
    "non-numeric-count": ([HEADER, "59350,janvier_2020,30 980"],
                          [("value-not-integer", None, 2, "demandeurs_emploi")]),
    "unknown-commune": ([HEADER, "59999,janvier_2020,10"],
                        [("unknown-commune", None, 2, "codgeo")]),
    "malformed-place": ([HEADER, "5935,janvier_2020,10"],
                        [("malformed-place-code", None, 2, "codgeo")]),
    "wrong-month-label": ([HEADER, "59350,janvr_2020,10", "59350,2020-01,10"],
                          [("malformed-month-label", None, 2, "year"),
                           ("malformed-month-label", None, 3, "year")]),
    "conflicting-duplicate": ([HEADER, ROW, "59350,janvier_2020,780"],
                              [("conflicting-duplicate", None, 3, "demandeurs_emploi")]),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_input_is_located_and_changes_nothing(engine: Engine, raw_dir: Path, case: str) -> None:
    good = as_bytes([HEADER, ROW, "59350,fevrier_2020,30620"])
    assert ingest_file(engine, raw_dir, SOURCE, "good.csv", good).status == "accepted"
    before = snapshot(engine)
    lines, expected = BAD_FILES[case]
    outcome = ingest_file(engine, raw_dir, SOURCE, f"{case}.csv", as_bytes(lines))
    assert outcome.status == "rejected"
    assert located(outcome.findings) == expected
    assert snapshot(engine) == before
    finding = outcome.findings[0]
    messages = [finding.message(language) for language in ("fr", "nl", "en")]
    assert len(set(messages)) == 3


def test_conflicting_figures_are_both_named() -> None:
    result = adapter_for("france-travail-job-seekers").parse(
        as_bytes([HEADER, ROW, "59350,janvier_2020,780"]), "j.csv"
    )
    assert [f.render("en") for f in result.findings] == [
        "file j.csv, row 3, column demandeurs_emploi: The place “59350” has 780 for janvier_2020 "
        "here but 30980 on row 2; the file does not say which figure is right. "
        "[conflicting-duplicate]"
    ]


def test_places_outside_the_area_are_reported_not_stored() -> None:
    lines = [HEADER, ROW, "31555,janvier_2020,41000", "31,janvier_2020,90000",
             "reg76,janvier_2020,500000"]  # fmt: skip
    result = adapter_for("france-travail-job-seekers").parse(as_bytes(lines), "j.csv")
    assert result.observations is not None
    assert list(result.observations["geo_code"]) == ["59350"]
    assert [(f.code, f.severity, f.params["count"]) for f in result.findings] == [
        ("outside-reference-area", "warning", "3")
    ]


@pytest.mark.shared_data
def test_national_file_is_rejected_for_its_conflicting_rows(engine: Engine, raw_dir: Path) -> None:
    figures: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in plain_rows(NATIONAL):
        figures[row["codgeo"], row["YEAR"]].add(row["Demandeurs_Emploi"])
    conflicting = {code for (code, _), values in figures.items() if len(values) > 1}
    outcome = ingest_file(engine, raw_dir, SOURCE, NATIONAL.name, NATIONAL.read_bytes())
    assert outcome.status == "rejected"
    assert {f.code for f in outcome.findings} == {"conflicting-duplicate"}
    assert {f.value for f in outcome.findings} == conflicting
    assert "59606" in conflicting  # Valenciennes, left out of the bundled sample
    assert snapshot(engine)["figures"] == []


@pytest.mark.shared_data
def test_sample_is_derived_from_the_national_file(tmp_path: Path) -> None:
    from tools.derive_ft_job_seekers import derive

    out = tmp_path / "sample.csv"
    derive(NATIONAL, out)
    assert out.read_bytes() == SAMPLE.read_bytes()
    national = {(row["codgeo"], row["YEAR"], row["Demandeurs_Emploi"])
                for row in plain_rows(NATIONAL)}  # fmt: skip
    assert {(r["codgeo"], r["YEAR"], r["Demandeurs_Emploi"]) for r in plain_rows(SAMPLE)} <= (
        national
    )
