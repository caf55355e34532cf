"""The quarterly bulletin on the bundled real BMO sample: figures, releases, embargo."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from services.api.app import create_app
from services.bulletin.read import release_document
from services.bulletin.release import ReleaseError, advance, build_release
from services.cli import app as cli_app
from services.harmonizer.mappings.links import isco_links_for
from services.harmonizer.store.access import add_partner, create_key
from services.harmonizer.store.releases import BulletinCell, BulletinRelease
from services.harmonizer.submit import ingest_file
from services.settings import Settings, get_settings
from tests.conftest import NATIONAL_BMO, ROOT, SAMPLE_2023, SAMPLE_2025
from tests.sample_edits import edited_copy, get_cell, set_cell

VDAB_SYNTHETIC = ROOT / "data" / "samples" / "vdab" / "vdab_vacancies_2026-Q1_SYNTHETIC.json"


def _met_of_bassins(path: Path, bassins: set[int], column: str = "met") -> float:
    """Independent computation: the published (non-secret) cells of the source file."""
    sheet = openpyxl.load_workbook(path, read_only=True)["BMO_2025_open_data"]
    rows = sheet.iter_rows(values_only=True)
    header = list(next(rows))
    bassin, value = header.index("BE25"), header.index(column)
    return float(
        sum(int(row[value]) for row in rows if row[bassin] in bassins and row[value] != "*")
    )


def _ingest(
    engine: Engine, raw_dir: Path, source: str, path: Path, content: bytes | None = None
) -> None:
    outcome = ingest_file(engine, raw_dir, source, path.name, content or path.read_bytes())
    assert outcome.status == "accepted", outcome


def _cell(document: dict, zone: str, indicator: str, level: int = 0, code: str = "_T") -> dict:  # type: ignore[type-arg]
    found = [
        cell for cell in document["cells"]
        if (cell["zone"], cell["indicator"], cell["occupation_level"], cell["occupation_code"])
        == (zone, indicator, level, code)
    ]  # fmt: skip
    assert len(found) == 1, (zone, indicator, level, code, len(found))
    return found[0]


@pytest.fixture
def built(engine: Engine, raw_dir: Path) -> dict:  # type: ignore[type-arg]
    _ingest(engine, raw_dir, "france-travail-bmo", SAMPLE_2025)
    outcome = build_release(engine, "2025-Q2")
    assert (outcome.revision, outcome.created) == (1, True)
    with Session(engine) as session:
        document = release_document(session, "2025-Q2", None, "fr", include_unpublished=True)
    assert document is not None
    return document


def test_french_zones_equal_an_independent_sum_of_the_source_file(built: dict) -> None:  # type: ignore[type-arg]
    assert built["unmapped_occupations"] == []
    for zone, bassins in (
        ("FR-BMO-3216", {3216}),
        ("FR-BMO-3217", {3217}),
        ("EMLKT-FR", {3216, 3217}),
    ):
        for indicator, column in (
            ("hiring_projects", "met"),
            ("difficult_hiring_projects", "xmet"),
        ):
            cell = _cell(built, zone, indicator)
            assert cell["value"] == pytest.approx(
                _met_of_bassins(SAMPLE_2025, bassins, column), abs=0.5
            )
            # Some métiers are secret in these bassins: the total is of the published parts.
            assert (cell["obs_status"], cell["conf_status"]) == ("D", "F")
    assert _cell(built, "EMLKT-FR", "hiring_projects")["reference_period"] == "2025"


def test_isco_levels_add_up_to_the_zone_total(built: dict) -> None:  # type: ignore[type-arg]
    total = _cell(built, "FR-BMO-3216", "hiring_projects")["value"]
    majors = [
        cell for cell in built["cells"]
        if cell["zone"] == "FR-BMO-3216" and cell["indicator"] == "hiring_projects"
        and cell["occupation_level"] == 1
    ]  # fmt: skip
    assert {cell["occupation_code"] for cell in majors} <= set("0123456789")
    published = [cell["value"] for cell in majors if cell["value"] is not None]
    # Level 1 is large enough here that nothing is suppressed: the parts give the total.
    assert len(published) == len(majors)
    assert sum(published) == pytest.approx(total, abs=0.5)


def test_no_zone_adds_concepts_or_sides_that_lack_the_figures(built: dict) -> None:  # type: ignore[type-arg]
    zones = {cell["zone"] for cell in built["cells"]}
    # BMO is a French survey: no Belgian zone, and no cross-border total of it.
    assert not zones & {"EMLKT", "EMLKT-VL", "EMLKT-WA", "INTERREG"}
    # The sample covers Hauts-de-France only: the French Interreg side (with Ardennes) is absent.
    assert "INTERREG-FR" not in zones
    assert {"FR-DEP-59", "FR-DEP-62", "FR-DEP-02", "FR-DEP-80"} <= zones


def test_a_suppressed_value_is_never_a_number_and_shares_follow_their_terms(built: dict) -> None:  # type: ignore[type-arg]
    suppressed = [cell for cell in built["cells"] if cell["conf_status"] != "F"]
    assert suppressed, "the unit groups of a bassin include small cells"
    assert all(cell["value"] is None and cell["obs_status"] == "O" for cell in suppressed)
    assert all(cell["value"] is None or cell["value"] >= 4 or cell["value"] == 0
               for cell in built["cells"] if cell["unit"] == "projects")  # fmt: skip
    share = _cell(built, "EMLKT-FR", "difficult_share")
    expected = 100 * _cell(built, "EMLKT-FR", "difficult_hiring_projects")["value"] / _cell(
        built, "EMLKT-FR", "hiring_projects")["value"]  # fmt: skip
    assert share["value"] == pytest.approx(expected, abs=0.01)
    assert share["unit"] == "percent"


def test_a_rebuild_with_the_same_inputs_is_a_no_op(engine: Engine, built: dict) -> None:  # type: ignore[type-arg]
    outcome = build_release(engine, "2025-Q2")
    assert (outcome.revision, outcome.created) == (1, False)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(BulletinRelease)) == 1


def test_a_corrected_file_gives_revision_2_with_a_diff(
    engine: Engine, raw_dir: Path, built: dict, tmp_path: Path
) -> None:  # type: ignore[type-arg]
    def double_first_lille_row(_workbook, sheet) -> None:  # type: ignore[no-untyped-def]
        for row in range(2, sheet.max_row + 1):
            if get_cell(sheet, row, "BE25") == 3216 and get_cell(sheet, row, "met") != "*":
                set_cell(sheet, row, "met", str(int(str(get_cell(sheet, row, "met"))) + 100))
                return

    corrected = edited_copy(
        SAMPLE_2025, tmp_path, "BMO_2025_corrected.xlsx", double_first_lille_row
    )
    _ingest(engine, raw_dir, "france-travail-bmo", tmp_path / "BMO_2025_corrected.xlsx", corrected)
    outcome = build_release(engine, "2025-Q2")
    assert (outcome.revision, outcome.created) == (2, True)
    changed = {entry["cell"] for entry in outcome.diff["changed"]}
    assert "FR-BMO-3216|0|_T|_T|hiring_projects|projects|all|2025" in changed
    assert outcome.diff["previous_revision"] == 1
    assert set(outcome.diff["inputs"]) == {"submissions"}
    with Session(engine) as session:
        first = release_document(session, "2025-Q2", 1, "en", include_unpublished=True)
        second = release_document(session, "2025-Q2", None, "en", include_unpublished=True)
    assert first is not None and second is not None
    before = _cell(first, "FR-BMO-3216", "hiring_projects")["value"]
    assert _cell(second, "FR-BMO-3216", "hiring_projects")["value"] == pytest.approx(before + 100)


def test_states_move_forward_only(engine: Engine, built: dict) -> None:  # type: ignore[type-arg]
    with pytest.raises(ReleaseError) as missing:
        advance(engine, "2024-Q1", "public")
    assert missing.value.code == "bulletin-not-built"
    assert advance(engine, "2025-Q2", "preview").state == "preview"
    public = advance(engine, "2025-Q2", "public")
    assert public.published_at is not None and public.previewed_at is not None
    again_public = advance(engine, "2025-Q2", "public").published_at
    assert again_public is not None  # (SQLite hands timestamps back without their zone)
    assert again_public.replace(tzinfo=None) == public.published_at.replace(tzinfo=None)
    with pytest.raises(ReleaseError) as again:
        advance(engine, "2025-Q2", "preview")
    assert again.value.code == "bulletin-already-public"


@pytest.fixture
def client(engine: Engine, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_drafts_are_embargoed_until_published(
    engine: Engine, built: dict, client: TestClient
) -> None:  # type: ignore[type-arg]
    with Session(engine) as session, session.begin():
        add_partner(session, "vdab-stats", "vdab", "VDAB")
        session.flush()
        key = create_key(session, "vdab-stats", ["reader"])
    anonymous = client.get("/v1/bulletins/2025-Q2", params={"lang": "nl"})
    assert anonymous.status_code == 404
    assert anonymous.json()["error"]["code"] == "bulletin-not-found"
    assert client.get("/v1/bulletins").json() == {"items": []}
    partner = client.get("/v1/bulletins/2025-Q2", params={"lang": "nl", "zone": "EMLKT-FR"},
                         headers={"X-API-Key": key})  # fmt: skip
    assert partner.status_code == 200
    body = partner.json()
    assert (body["state"], body["period_label"]) == ("draft", "K2 2025")
    assert {cell["zone"] for cell in body["cells"]} == {"EMLKT-FR"}
    assert any("ESCO" in text for text in body["attribution"])
    advance(engine, "2025-Q2", "public")
    public = client.get(
        "/v1/bulletins/2025-Q2/revisions/1", params={"lang": "en", "occupation_level": 0}
    )
    assert public.status_code == 200
    assert public.headers["content-language"] == "en"
    assert {cell["occupation_label"] for cell in public.json()["cells"]} == {"All occupations"}
    assert client.get("/v1/bulletins/2025-Q7").status_code == 422


def test_synthetic_fixtures_never_reach_a_bulletin(engine: Engine, raw_dir: Path) -> None:
    _ingest(engine, raw_dir, "vdab-vacancies", VDAB_SYNTHETIC)
    outcome = build_release(engine, "2026-Q1")
    with Session(engine) as session:
        cells = session.scalar(
            select(func.count()).where(BulletinCell.release_id == outcome.release_id)
        )
        release = session.get(BulletinRelease, outcome.release_id)
    assert cells == 0
    assert release is not None and release.inputs["submissions"] == []


def test_cli_builds_and_refuses_a_non_quarter(settings: Settings, engine: Engine, raw_dir: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("CROSSBMO_DATABASE_URL", settings.effective_database_url)
    get_settings.cache_clear()
    monkeypatch.setattr("services.cli.bulletin.get_settings", lambda: settings)
    runner = CliRunner()
    bad = runner.invoke(cli_app, ["bulletin", "build", "2025-Q5", "--lang", "nl"])
    assert bad.exit_code == 2
    assert "Geen kwartaal: 2025-Q5" in " ".join(bad.output.split())
    _ingest(engine, raw_dir, "france-travail-bmo", SAMPLE_2025)
    built = runner.invoke(cli_app, ["bulletin", "build", "2025-Q2", "--lang", "en"])
    assert built.exit_code == 0, built.output
    assert "revision 1 built as a draft" in " ".join(built.output.split())
    unpublished = runner.invoke(cli_app, ["bulletin", "publish", "2024-Q4", "--lang", "fr"])
    assert unpublished.exit_code == 2
    assert "crossbmo bulletin build 2024-Q4" in " ".join(unpublished.output.split())


TENSION = (
    ROOT / "data" / "samples" / "france_travail_tension"
    / "mobiville_cities-tension-utf8_ROME_bassin_Hauts-de-France_REG32_DERIVED.csv"
)  # fmt: skip
KNELPUNT = (
    ROOT / "data" / "samples" / "vdab" / "vdab_knelpuntberoepen_2026_SECONDARY_lexpat_contract.csv"
)
ROME_ISCO = ROOT / "mappings" / "rome_isco_nace" / "crosswalks" / "rome3_isco08.csv"


def _job_seekers_of(isco: str, bassins: set[str]) -> float:
    """Independent computation from the tension file and the ROME → ISCO-08 table."""
    with ROME_ISCO.open(encoding="utf-8", newline="") as handle:
        weights = {row["source_code"]: float(row["weight"]) for row in csv.DictReader(handle)
                   if row["target_code"] == isco}  # fmt: skip
    lines = [
        line
        for line in TENSION.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    rows = csv.DictReader(lines, delimiter=";")
    return sum(float(row["defm_abc"]) * weights[row["ROME"]] for row in rows
               if row["cbassin"] in bassins and row["ROME"] in weights)  # fmt: skip


def test_opportunities_pair_flemish_shortages_with_french_job_seekers(
    engine: Engine, raw_dir: Path, settings: Settings
) -> None:
    _ingest(engine, raw_dir, "france-travail-bmo", SAMPLE_2025)
    _ingest(engine, raw_dir, "france-travail-tension", TENSION)
    _ingest(engine, raw_dir, "vdab-shortage", KNELPUNT)
    build_release(engine, "2025-Q2")
    with Session(engine) as session:
        document = release_document(session, "2025-Q2", None, "nl", include_unpublished=True)
    assert document is not None
    typology = {row["source_id"]: row for row in document["shortage_typology"]}
    assert typology["vdab-shortage"]["list_period"] == "2026"
    assert typology["vdab-shortage"]["signals"] > 200
    first = document["opportunities"][0]
    assert (first["rank"], first["short_side"], first["candidate_side"]) == (1, "BE-VL", "FR")
    assert first["candidates"] == pytest.approx(
        _job_seekers_of(first["occupation_code"], {"3216", "3217"}), abs=0.5
    )
    assert {figure["reference_period"] for figure in first["job_seekers"]} == {"2020"}
    assert all(signal["source_id"] == "vdab-shortage" for signal in first["signals"])
    ranked = [item["candidates"] for item in document["opportunities"]]
    assert ranked == sorted(ranked, reverse=True)
    # 2026 lists meet 2020 job seekers: each side's period is shown, and the gap flagged.
    assert (first["signal_periods"], first["job_seeker_periods"]) == (["2026"], ["2020"])
    assert (first["years_apart"], first["evidence_apart"]) == (6, True)
    # No pairing through a minor crosswalk weight (the crosswalk read independently here).
    links = isco_links_for("arvastat-beroep", "2026")
    for item in document["opportunities"]:
        for signal in item["signals"]:
            own = links[links["source_code"] == signal["occupation_code"]]
            weight = float(own.loc[own["target_code"] == item["occupation_code"], "weight"].max())
            assert weight >= 0.25 or weight == own["weight"].max(), (signal, item)
    pairs = {(s["occupation_code"], i["occupation_code"]) for i in document["opportunities"]
             for s in i["signals"]}  # fmt: skip
    assert ("Kapper", "7531") not in pairs and ("Bewakingsagent", "8322") not in pairs
    advance(engine, "2025-Q2", "public")
    with TestClient(create_app(settings)) as client:
        page = client.get("/bulletins/2025-Q2", params={"lang": "nl"})
    assert page.status_code == 200
    assert "Knelpuntsignalen naast elkaar" in page.text
    assert first["occupation_label"] in page.text


def test_a_share_of_no_project_has_no_value_and_says_why() -> None:
    """Shares are derived from published counts: a zero base gives no value, never 0 %."""
    from services.bulletin.derived import shares

    place = {"zone": "FR-BMO-3216", "occupation_level": 4, "occupation_code": "7212",
             "nace_section": "_T", "reference_period": "2025", "period_type": "year",
             "coverage": "all", "source_id": "france-travail-bmo", "unit": "projects",
             "conf_status": "F", "obs_status": "A", "flags": ""}  # fmt: skip
    names = ("hiring_projects", "difficult_hiring_projects", "seasonal_hiring_projects")
    counts = [{**place, "indicator": name, "value": 0.0} for name in names]
    derived = shares(pd.DataFrame(counts)).set_index("indicator")
    assert derived.loc["difficult_share", "flags"] == "zero_base"
    assert pd.isna(derived.loc["difficult_share", "value"])
    assert derived.loc["seasonal_share", "obs_status"] == "O"


def test_a_figure_across_quarters_is_a_time_series(
    engine: Engine, raw_dir: Path, client: TestClient
) -> None:
    for sample in (SAMPLE_2023, SAMPLE_2025):
        _ingest(engine, raw_dir, "france-travail-bmo", sample)
    for quarter in ("2023-Q2", "2025-Q1", "2025-Q2"):
        build_release(engine, quarter)
    for quarter in ("2023-Q2", "2025-Q2"):
        advance(engine, quarter, "public")
    with Session(engine) as session, session.begin():
        add_partner(session, "forem-stats", "forem", "Le Forem")
        session.flush()
        key = create_key(session, "forem-stats", ["reader"])
    params = {"zone": "FR-BMO-3216", "indicator": "hiring_projects"}
    public = client.get("/v1/bulletins/series", params=params).json()["points"]
    assert [(point["period"], point["reference_period"]) for point in public] == [
        ("2023-Q2", "2023"), ("2025-Q2", "2025")]  # fmt: skip
    assert public[1]["value"] == pytest.approx(_met_of_bassins(SAMPLE_2025, {3216}), abs=0.5)
    partner = client.get("/v1/bulletins/series", params=params, headers={"X-API-Key": key}).json()
    assert [point["period"] for point in partner["points"]] == ["2023-Q2", "2025-Q1", "2025-Q2"]
    # The annual survey is the same in every quarter of its year: no quarter-on-quarter change.
    with Session(engine) as session:
        document = release_document(session, "2025-Q2", None, "en", include_unpublished=True)
    assert document is not None
    assert _cell(document, "FR-BMO-3216", "hiring_projects")["previous_quarter"] is None
    assert client.get("/v1/bulletins/series", params={**params, "zone": "<x>"}).status_code == 422


JOB_SEEKERS = (
    ROOT / "data" / "samples" / "france_travail_job_seekers"
    / "odis_emploi_demandeur_communes_Hauts-de-France_REG32_DERIVED.csv"
)  # fmt: skip


def test_job_seekers_come_from_departement_figures_never_from_a_sum_of_some_communes(
    engine: Engine, raw_dir: Path
) -> None:
    _ingest(engine, raw_dir, "france-travail-job-seekers", JOB_SEEKERS)
    build_release(engine, "2024-Q3")
    with Session(engine) as session:
        document = release_document(session, "2024-Q3", None, "fr", include_unpublished=True)
    assert document is not None
    rows = list(csv.reader(JOB_SEEKERS.read_text(encoding="utf-8").splitlines()))
    # Registered on 1 October 2024 = the stock at the end of September, the quarter's end.
    nord = next(float(row[2]) for row in rows if row[0] == "59" and row[1] == "octobre_2024")
    cell = _cell(document, "FR-DEP-59", "job_seekers")
    assert (cell["value"], cell["reference_period"], cell["unit"]) == (nord, "2024-M09", "persons")
    zones = {cell["zone"] for cell in document["cells"] if cell["indicator"] == "job_seekers"}
    assert not zones & {"FR-BMO-3216", "FR-BMO-3217", "EMLKT-FR"}


@pytest.mark.shared_data
def test_the_interreg_french_side_equals_the_national_file(engine: Engine, raw_dir: Path) -> None:
    """On the whole national survey: départements and the French Interreg side (Nord,
    Pas-de-Calais, Aisne, Somme and the Ardennes, in another region) against a plain sum."""
    national = NATIONAL_BMO / "Base_open_data_BMO_2025.xlsx"
    _ingest(engine, raw_dir, "france-travail-bmo", national)
    build_release(engine, "2025-Q2")
    with Session(engine) as session:
        document = release_document(session, "2025-Q2", None, "en", include_unpublished=True)
    assert document is not None
    sheet = openpyxl.load_workbook(national, read_only=True)["BMO_2025_open_data"]
    rows = sheet.iter_rows(values_only=True)
    header = list(next(rows))
    department, met = header.index("Dept"), header.index("met")
    sums: dict[str, float] = {}
    for row in rows:
        if row[met] != "*":
            sums[str(row[department])] = sums.get(str(row[department]), 0.0) + int(row[met])
    for code in ("59", "62", "02", "80", "08"):
        cell = _cell(document, f"FR-DEP-{code}", "hiring_projects")
        assert cell["value"] == pytest.approx(sums[code], abs=0.5), code
    side = _cell(document, "INTERREG-FR", "hiring_projects")
    expected = sum(sums[code] for code in ("59", "62", "02", "80", "08"))
    assert side["value"] == pytest.approx(expected, abs=0.5)
    assert "INTERREG" not in {cell["zone"] for cell in document["cells"]}  # no Belgian side
