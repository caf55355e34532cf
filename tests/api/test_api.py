"""The HTTP API over the two ingested samples: paging, filters, CSV, errors, languages, history."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import ColumnElement, Engine, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from services.api.app import create_app
from services.api.deps import MAX_PAGE_SIZE
from services.api.routes.observations import neutralize
from services.harmonizer.store.access import add_partner, create_key
from services.harmonizer.store.ingest import IngestOutcome
from services.harmonizer.store.models import Observation, Submission
from services.harmonizer.store.queries import OBSERVATION_OUTPUT
from services.harmonizer.submit import ingest_file
from services.settings import Settings
from tests.conftest import SAMPLE_2023, SAMPLE_2025
from tests.sample_edits import column_of, edited_copy, get_cell, set_cell

SOURCE = "france-travail-bmo"
# both samples: rows × (met, xmet, smet), and their ISCO-08 observations (issue #3)
SAMPLE_2025_TOTAL = 3617 * 3
TOTAL = 3570 * 3 + SAMPLE_2025_TOTAL
LILLE_ARTISTS = {"period": "2025", "geo_code": "3216", "occupation_code": "U1X91"}
LILLE_ARTISTS_ROW = 3172  # spreadsheet row of that cell in the 2025 sample
ENVELOPE_KEYS = {"status", "code", "message", "details"}


@dataclass(frozen=True)
class Api:
    client: TestClient
    engine: Engine
    raw_dir: Path
    ids: dict[str, int]  # "2023" / "2025" → accepted submission id

    def get(self, path: str, key: str | None = None, **params: Any) -> Any:
        headers = {"X-API-Key": key} if key else {}
        response = self.client.get(path, params=params, headers=headers)
        assert response.status_code == 200, response.text
        return response.json()

    def key(self, partner: str, service: str, roles: list[str]) -> str:
        with Session(self.engine) as session, session.begin():
            add_partner(session, partner, service, partner)
            session.flush()
            return create_key(session, partner, roles)

    def ingest(self, name: str, content: bytes) -> IngestOutcome:
        return ingest_file(self.engine, self.raw_dir, SOURCE, name, content)


@pytest.fixture
def api(engine: Engine, raw_dir: Path, settings: Settings) -> Iterator[Api]:
    ids = {}
    for period, path in (("2023", SAMPLE_2023), ("2025", SAMPLE_2025)):
        outcome = ingest_file(engine, raw_dir, SOURCE, path.name, path.read_bytes())
        assert outcome.status == "accepted"
        ids[period] = outcome.submission_id
    with TestClient(create_app(settings)) as client:
        yield Api(client, engine, raw_dir, ids)


def count_where(engine: Engine, *conditions: ColumnElement[bool]) -> int:
    """Direct count of current (accepted) observations, bypassing the API."""
    accepted = select(Submission.id).where(Submission.status == "accepted")
    statement = select(func.count()).select_from(Observation)
    statement = statement.where(Observation.submission_id.in_(accepted), *conditions)
    with Session(engine) as session:
        return session.scalar(statement) or 0


def item_key(item: dict[str, Any]) -> tuple[Any, ...]:
    return (item["submission_id"], item["source_row"], item["indicator"])


def by_indicator(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {item["indicator"]: item["value"] for item in items}


def assert_envelope(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"}
    error: dict[str, Any] = body["error"]
    assert set(error) == ENVELOPE_KEYS
    assert (error["status"], error["code"]) == (status, code)
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["details"], list)
    return error


# ---- health ---------------------------------------------------------------------------------


def test_healthz_reports_schema_revision(api: Api, database_url: str) -> None:
    body = api.get("/healthz")
    assert body == {
        "status": "ok",
        "database": make_url(database_url).get_backend_name(),
        "schema_revision": head_revision(database_url),
    }


def head_revision(database_url: str) -> str:
    """The newest migration, so the test follows new revisions instead of pinning one."""
    from alembic.script import ScriptDirectory

    from services.harmonizer.store.db import alembic_config

    head = ScriptDirectory.from_config(alembic_config(database_url)).get_current_head()
    assert head is not None
    return head


# ---- observations: paging -------------------------------------------------------------------


def test_total_matches_a_direct_count(api: Api) -> None:
    page = api.get("/v1/observations", limit=5)
    assert page["total"] == count_where(api.engine) == TOTAL
    assert (page["limit"], page["offset"], len(page["items"])) == (5, 0, 5)


def test_consecutive_pages_tile_a_larger_page(api: Api) -> None:
    first = api.get("/v1/observations", limit=7, offset=0)["items"]
    second = api.get("/v1/observations", limit=7, offset=7)["items"]
    both = api.get("/v1/observations", limit=14, offset=0)["items"]
    assert [item_key(i) for i in first + second] == [item_key(i) for i in both]
    assert len({item_key(i) for i in both}) == 14


def test_last_page_is_partial_and_past_the_end_is_empty(api: Api) -> None:
    last = api.get("/v1/observations", limit=7, offset=TOTAL - 3)
    assert (len(last["items"]), last["total"], last["offset"]) == (3, TOTAL, TOTAL - 3)
    beyond = api.get("/v1/observations", limit=7, offset=TOTAL)
    assert (beyond["items"], beyond["total"]) == ([], TOTAL)


# ---- observations: filters ------------------------------------------------------------------

FILTERS = [
    ("dataset", "bmo"),
    ("period", "2025"),
    ("geo_system", "fr-bassin-bmo"),
    ("geo_code", "3216"),
    ("occupation_system", "bmo-metier"),
    ("occupation_code", "U1X91"),
    ("indicator", "seasonal_hiring_projects"),
]
NARROWING = {"period", "geo_code", "occupation_code", "indicator"}


@pytest.mark.parametrize(("field", "value"), FILTERS)
def test_filter_keeps_exactly_the_matching_rows(api: Api, field: str, value: str) -> None:
    page = api.get("/v1/observations", limit=1000, **{field: value})
    expected = count_where(api.engine, getattr(Observation, field) == value)
    assert page["total"] == expected > 0
    assert {item[field] for item in page["items"]} == {value}
    if field in NARROWING:
        assert page["total"] < TOTAL


@pytest.mark.parametrize("field", [field for field, _ in FILTERS])
def test_filter_with_an_unknown_value_finds_nothing(api: Api, field: str) -> None:
    page = api.get("/v1/observations", **{field: "no-such-code"})
    assert (page["total"], page["items"]) == (0, [])


def test_lille_artists_2025_figures_are_those_of_the_file(api: Api) -> None:
    items = api.get("/v1/observations", **LILLE_ARTISTS)["items"]
    assert by_indicator(items) == {
        "hiring_projects": 3432,
        "difficult_hiring_projects": 106,
        "seasonal_hiring_projects": 293,
    }
    assert {(i["geo_label"], i["source_row"], i["conf_status"]) for i in items} == {
        ("LILLE", LILLE_ARTISTS_ROW, "F")
    }


def test_secret_cell_is_null_never_zero(api: Api) -> None:
    # HIRSON (3206), Agriculteurs (A0X40), 2025: met 69, xmet "*", smet 54.
    params = {"period": "2025", "geo_code": "3206", "occupation_code": "A0X40"}
    items = api.get("/v1/observations", **params)["items"]
    cells = {i["indicator"]: (i["value"], i["conf_status"], i["obs_status"]) for i in items}
    assert cells == {
        "hiring_projects": (69, "F", "A"),
        "difficult_hiring_projects": (None, "C", "O"),
        "seasonal_hiring_projects": (54, "F", "A"),
    }


def test_every_confidential_value_is_null(api: Api) -> None:
    page = api.get("/v1/observations", conf_status="C", limit=1000)
    assert page["total"] == count_where(api.engine, Observation.conf_status == "C") > 0
    assert {item["value"] for item in page["items"]} == {None}


# ---- observations: CSV ----------------------------------------------------------------------


def test_csv_has_header_and_the_rows_of_the_json_page(api: Api) -> None:
    params = {"period": "2025", "geo_code": "3206", "limit": 50, "offset": 10}
    page = api.get("/v1/observations", **params)
    response = api.client.get("/v1/observations", params={**params, "format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["x-total-count"] == str(page["total"])
    header, *rows = list(csv.reader(io.StringIO(response.text)))
    assert header == list(OBSERVATION_OUTPUT)
    assert len(rows) == len(page["items"]) == 50
    at = {name: header.index(name) for name in ("geo_code", "occupation_code", "indicator")}
    assert [(r[at["geo_code"]], r[at["occupation_code"]], r[at["indicator"]]) for r in rows] == [
        (i["geo_code"], i["occupation_code"], i["indicator"]) for i in page["items"]
    ]


def test_csv_writes_a_secret_value_as_an_empty_cell(api: Api) -> None:
    params = {"period": "2025", "geo_code": "3206", "occupation_code": "A0X40", "format": "csv"}
    rows = list(csv.DictReader(io.StringIO(api.client.get("/v1/observations", params=params).text)))
    values = {row["indicator"]: (row["value"], row["conf_status"]) for row in rows}
    assert values["difficult_hiring_projects"] == ("", "C")
    assert values["hiring_projects"] == ("69", "F")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("@x", "'@x"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-1+2", "'-1+2"),
        ("\tx", "'\tx"),
        ("-5", "-5"),  # a number, not a formula
        ("+1", "+1"),  # a number too: float("+1") parses, so it is left alone
        ("LILLE", "LILLE"),
        (None, ""),
    ],
)
def test_neutralize_defuses_formulas_but_not_numbers(cell: str | None, expected: str) -> None:
    assert neutralize(cell) == expected


def test_csv_neutralizes_a_formula_stored_in_a_label(api: Api, tmp_path: Path) -> None:
    formula = '=HYPERLINK("http://evil.example","x")'

    def label_as_formula_text(_wb: Any, ws: Any) -> None:
        cell = ws.cell(row=LILLE_ARTISTS_ROW, column=column_of(ws, "Nom métier BMO"))
        cell.value = formula
        cell.data_type = "s"  # text that looks like a formula, not a formula (openpyxl)

    content = edited_copy(SAMPLE_2025, tmp_path, "formula.xlsx", label_as_formula_text)
    assert api.ingest("formula.xlsx", content).status == "accepted"
    params = {**LILLE_ARTISTS, "indicator": "hiring_projects", "format": "csv"}
    [row] = csv.DictReader(io.StringIO(api.client.get("/v1/observations", params=params).text))
    assert row["occupation_label"] == "'" + formula


# ---- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "location"),
    [
        ({"limit": 0}, "query.limit"),
        ({"limit": 1001}, "query.limit"),  # above MAX_PAGE_SIZE (1000)
        ({"offset": -1}, "query.offset"),
        ({"format": "xml"}, "query.format"),
        ({"submission_id": "abc"}, "query.submission_id"),
        ({"submission_id": 2**63}, "query.submission_id"),  # past any BIGINT id
        ({"geo_code": "32\x0016"}, "query.geo_code"),  # NUL: PostgreSQL text cannot hold it
    ],
)
def test_invalid_parameter_gets_the_error_envelope(
    api: Api, params: dict[str, Any], location: str | None
) -> None:
    error = assert_envelope(
        api.client.get("/v1/observations", params=params), 422, "invalid-parameter"
    )
    if location is not None:
        assert location in [detail["location"] for detail in error["details"]]


def test_limit_of_max_page_size_is_allowed(api: Api) -> None:
    page = api.get("/v1/observations", limit=MAX_PAGE_SIZE)
    assert len(page["items"]) == MAX_PAGE_SIZE == 1000


def test_unknown_path_is_a_not_found_envelope(api: Api) -> None:
    assert_envelope(api.client.get("/v1/nothing-here"), 404, "not-found")


def test_unknown_submission_is_a_submission_not_found_envelope(api: Api) -> None:
    response = api.client.get("/v1/submissions/999999", params={"lang": "en"})
    error = assert_envelope(response, 404, "submission-not-found")
    assert error["message"] == "There is no submission 999999."


# ---- submissions ----------------------------------------------------------------------------


def test_submissions_lists_both_samples_accepted(api: Api) -> None:
    page = api.get("/v1/submissions")
    assert page["total"] == 2
    assert [(s["id"], s["period"], s["status"], s["original_filename"]) for s in page["items"]] == [
        (api.ids["2023"], "2023", "accepted", SAMPLE_2023.name),
        (api.ids["2025"], "2025", "accepted", SAMPLE_2025.name),
    ]


def test_submission_returns_its_report(api: Api) -> None:
    body = api.get(f"/v1/submissions/{api.ids['2025']}")
    assert (body["id"], body["status"], body["observation_count"]) == (
        api.ids["2025"], "accepted", SAMPLE_2025_TOTAL,
    )  # fmt: skip
    report = body["report"]
    assert (report["valid"], report["finding_count"], report["findings"]) == (True, 0, [])
    assert report["stats"]["rows"] == 3617
    assert report["stats"]["sheet"] == "BMO_2025_open_data"


@pytest.fixture
def rejected_id(api: Api, tmp_path: Path) -> int:
    content = edited_copy(
        SAMPLE_2025, tmp_path, "neg.xlsx", lambda _wb, ws: set_cell(ws, 11, "met", "-5")
    )
    outcome = api.ingest("neg.xlsx", content)
    assert outcome.status == "rejected"
    return outcome.submission_id


@pytest.mark.parametrize(
    ("lang", "message_word", "location"),
    [
        ("fr", "négatif", "fichier neg.xlsx, feuille BMO_2025_open_data, ligne 11, colonne met"),
        ("nl", "negatief", "bestand neg.xlsx, blad BMO_2025_open_data, rij 11, kolom met"),
        ("en", "negative", "file neg.xlsx, sheet BMO_2025_open_data, row 11, column met"),
    ],
)
def test_rejected_report_findings_are_translated(
    api: Api, rejected_id: int, lang: str, message_word: str, location: str
) -> None:
    owner = api.key("ft-stats", "france-travail", ["submitter"])
    body = api.get(f"/v1/submissions/{rejected_id}", key=owner, lang=lang)
    assert body["status"] == "rejected"
    [finding] = body["report"]["findings"]
    assert (finding["code"], finding["row"], finding["column"]) == ("negative-count", 11, "met")
    assert message_word in finding["message"]
    assert finding["location"] == location


def test_rejected_report_messages_differ_per_language(api: Api, rejected_id: int) -> None:
    operator = api.key("operator", "crossbmo", ["admin"])
    messages = {
        lang: api.get(f"/v1/submissions/{rejected_id}", key=operator, lang=lang)["report"][
            "findings"
        ][0]["message"]
        for lang in ("fr", "nl", "en")
    }
    assert len(set(messages.values())) == 3


def test_a_rejected_report_reaches_only_its_service_and_the_operator(
    api: Api, rejected_id: int
) -> None:
    """It holds the partner's offending values: never for the public or another partner."""
    keys = {
        "owner": api.key("ft-stats", "france-travail", ["submitter"]),
        "operator": api.key("operator", "crossbmo", ["admin"]),
        "other reader": api.key("forem-stats", "forem", ["reader"]),
        "other submitter": api.key("vdab-stats", "vdab", ["submitter"]),
        "public": "",
    }
    path = f"/v1/submissions/{rejected_id}"
    seen = {}
    for who, key in keys.items():
        headers = {"X-API-Key": key} if key else {}
        one = api.client.get(path, headers=headers)
        listed = api.client.get("/v1/submissions", headers=headers).json()["items"]
        seen[who] = (one.status_code, rejected_id in {item["id"] for item in listed})
        if one.status_code == 404:
            assert one.json()["error"]["code"] == "submission-not-found"
            assert "neg.xlsx" not in one.text
    assert seen == {
        "owner": (200, True), "operator": (200, True), "other reader": (404, False),
        "other submitter": (404, False), "public": (404, False),
    }  # fmt: skip
    # Accepted open-data submissions stay public.
    assert api.client.get(f"/v1/submissions/{api.ids['2025']}").status_code == 200


# ---- language negotiation -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "headers", "expected"),
    [
        ({}, {}, "fr"),
        ({"lang": "en"}, {}, "en"),
        ({}, {"Cookie": "crossbmo_lang=nl"}, "nl"),
        ({}, {"Accept-Language": "nl-BE,nl;q=0.9"}, "nl"),
        ({}, {"Accept-Language": "de-DE,en;q=0.5"}, "en"),
        ({"lang": "en"}, {"Cookie": "crossbmo_lang=nl", "Accept-Language": "nl"}, "en"),
        ({}, {"Cookie": "crossbmo_lang=en", "Accept-Language": "nl-BE,nl;q=0.9"}, "en"),
        ({}, {"Cookie": "crossbmo_lang=xx", "Accept-Language": "nl-BE,nl;q=0.9"}, "nl"),
        ({}, {"Accept-Language": "de-DE"}, "fr"),
    ],
)
def test_content_language_follows_query_then_cookie_then_header(
    api: Api, query: dict[str, str], headers: dict[str, str], expected: str
) -> None:
    response = api.client.get("/healthz", params=query, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-language"] == expected


def test_error_envelope_is_in_the_negotiated_language(api: Api) -> None:
    response = api.client.get("/v1/nothing-here", headers={"Accept-Language": "nl-BE,nl;q=0.9"})
    error = assert_envelope(response, 404, "not-found")
    assert response.headers["content-language"] == "nl"
    assert error["message"] == "Op dit adres werd niets gevonden."


# ---- a corrected file supersedes; the same file twice is a no-op ----------------------------


@pytest.fixture
def corrected(api: Api, tmp_path: Path) -> IngestOutcome:
    """The 2025 sample with Lille artists' hiring projects corrected from 3432 to 3500."""

    def correct(_wb: Any, ws: Any) -> None:
        assert get_cell(ws, LILLE_ARTISTS_ROW, "met") == "3432"
        set_cell(ws, LILLE_ARTISTS_ROW, "met", "3500")

    content = edited_copy(SAMPLE_2025, tmp_path, "BMO_2025_corrected.xlsx", correct)
    outcome = api.ingest("BMO_2025_corrected.xlsx", content)
    assert (outcome.status, outcome.superseded_ids) == ("accepted", [api.ids["2025"]])
    return outcome


def test_correction_marks_the_old_submission_superseded(api: Api, corrected: IngestOutcome) -> None:
    old = api.get(f"/v1/submissions/{api.ids['2025']}")
    assert (old["status"], old["superseded_by_id"]) == ("superseded", corrected.submission_id)
    statuses = {s["id"]: s["status"] for s in api.get("/v1/submissions")["items"]}
    assert statuses == {
        api.ids["2023"]: "accepted",
        api.ids["2025"]: "superseded",
        corrected.submission_id: "accepted",
    }


def test_observations_show_only_the_corrected_figures(api: Api, corrected: IngestOutcome) -> None:
    assert api.get("/v1/observations", limit=1)["total"] == TOTAL
    items = api.get("/v1/observations", **LILLE_ARTISTS)["items"]
    assert by_indicator(items)["hiring_projects"] == 3500
    assert {item["submission_id"] for item in items} == {corrected.submission_id}


def test_old_figures_remain_by_submission_id(api: Api, corrected: IngestOutcome) -> None:
    old_id = api.ids["2025"]
    items = api.get("/v1/observations", submission_id=old_id, **LILLE_ARTISTS)["items"]
    assert by_indicator(items)["hiring_projects"] == 3432
    assert api.get("/v1/observations", submission_id=old_id, limit=1)["total"] == SAMPLE_2025_TOTAL


def test_same_file_twice_is_a_no_op(api: Api) -> None:
    outcome = api.ingest(SAMPLE_2025.name, SAMPLE_2025.read_bytes())
    assert (outcome.duplicate, outcome.submission_id, outcome.superseded_ids) == (
        True, api.ids["2025"], [],
    )  # fmt: skip
    assert api.get("/v1/submissions")["total"] == 2
    assert api.get("/v1/observations", limit=1)["total"] == TOTAL


def test_resending_a_superseded_file_changes_nothing(api: Api, corrected: IngestOutcome) -> None:
    outcome = api.ingest(SAMPLE_2025.name, SAMPLE_2025.read_bytes())
    assert (outcome.duplicate, outcome.status) == (True, "superseded")
    items = api.get("/v1/observations", **LILLE_ARTISTS)["items"]
    assert by_indicator(items)["hiring_projects"] == 3500
    assert api.get("/v1/submissions")["total"] == 3
