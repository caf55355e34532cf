"""The web site over a real built and published bulletin (BMO 2023 and 2025 samples), on SQLite
and PostgreSQL: pages, language negotiation and cookie, PDF, 404s, unpublished releases hidden."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tinyhtml5
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from services.api.app import create_app
from services.bulletin import read
from services.bulletin.release import advance, build_release
from services.harmonizer.submit import ingest_file
from services.settings import Settings
from tests.conftest import SAMPLE_2023, SAMPLE_2025
from tests.sample_edits import edited_copy, get_cell, set_cell

PERIOD = "2025-Q2"
LILLE_ARTISTS_ROW = 3172  # spreadsheet row of Lille × U1X91 (artists) in the 2025 sample


def _ingest(engine: Engine, raw_dir: Path) -> None:
    for path in (SAMPLE_2023, SAMPLE_2025):
        outcome = ingest_file(engine, raw_dir, "france-travail-bmo", path.name, path.read_bytes())
        assert outcome.status == "accepted"


@pytest.fixture
def client(engine: Engine, raw_dir: Path, settings: Settings) -> Iterator[TestClient]:
    """The site with the 2025-Q2 bulletin built and published."""
    _ingest(engine, raw_dir)
    build_release(engine, PERIOD)
    advance(engine, PERIOD, "public")
    with TestClient(create_app(settings)) as client:
        yield client


def _document(engine: Engine, language: str) -> dict[str, Any]:
    with Session(engine) as session:
        document = read.release_document(session, PERIOD, None, language, include_unpublished=False)
    assert document is not None
    return document


def test_home_shows_the_latest_public_bulletin(client: TestClient) -> None:
    response = client.get("/", headers={"Accept-Language": "nl-BE,nl;q=0.9"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-language"] == "nl"
    assert "Laatste bulletin: K2 2025" in response.text
    assert f'href="/bulletins/{PERIOD}?lang=nl"' in response.text


@pytest.mark.parametrize(
    ("query", "cookie", "accept", "expected"),
    [
        ("?lang=en", "nl", "fr", "en"),  # ?lang= beats the cookie
        ("", "nl", "en", "nl"),  # the cookie beats Accept-Language
        ("", None, "en-GB,en;q=0.8", "en"),
        ("", None, "de", "fr"),  # default
        ("?lang=xx", None, "nl", "nl"),  # an unknown ?lang= is ignored
    ],
)
def test_language_negotiation_on_pages(
    client: TestClient, query: str, cookie: str | None, accept: str, expected: str
) -> None:
    if cookie:
        client.cookies.set("crossbmo_lang", cookie)
    response = client.get(f"/bulletins/{PERIOD}{query}", headers={"Accept-Language": accept})
    assert response.status_code == 200
    assert response.headers["content-language"] == expected
    assert f'<html lang="{expected}">' in response.text
    # Caches keep one answer per language and per key (a key may see drafts).
    assert response.headers["vary"] == "Accept-Language, Cookie, X-API-Key"


def test_lang_parameter_sets_the_cookie(client: TestClient) -> None:
    response = client.get(f"/bulletins/{PERIOD}?lang=nl")
    assert response.cookies.get("crossbmo_lang") == "nl"
    follow = client.get("/methodology", headers={"Accept-Language": "en"})
    assert follow.headers["content-language"] == "nl"
    assert "<h1>Methodologie en bronnen</h1>" in follow.text


def test_api_answers_in_the_negotiated_language(client: TestClient) -> None:
    client.cookies.set("crossbmo_lang", "nl")
    response = client.get("/v1/submissions/999999", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert response.headers["content-language"] == "nl"
    assert response.json()["error"]["message"] == "Er bestaat geen inzending 999999."


def _cell(document: dict[str, Any], zone: str, indicator: str, code: str = "_T") -> dict[str, Any]:
    return next(c for c in document["cells"] if c["zone"] == zone and c["indicator"] == indicator
                and c["occupation_code"] == code and c["nace_section"] == "_T")  # fmt: skip


def test_bulletin_page_shows_localized_figures(client: TestClient, engine: Engine) -> None:
    """The Eurométropole adds nothing across the border: each side's key figures are shown."""
    value = _cell(_document(engine, "fr"), "EMLKT-FR", "hiring_projects")["value"]
    assert value is not None and value >= 1000
    whole = round(value)
    french = client.get(f"/bulletins/{PERIOD}?lang=fr").text
    assert "<h1>Bulletin des besoins de recrutement, T2 2025</h1>" in french
    assert f"{whole // 1000}\u202f{whole % 1000:03d}" in french
    english = client.get(f"/bulletins/{PERIOD}?lang=en").text
    assert f"{whole // 1000},{whole % 1000:03d}" in english
    assert "This service uses the ESCO classification of the European Commission." in english


def _table(html: str, caption: str) -> list[dict[str, str]]:
    """A rendered table's body rows as {column header: text}, the row header included."""
    x = "{http://www.w3.org/1999/xhtml}"

    def text(element: Any) -> str:
        return "".join(element.itertext()).strip()

    tree = tinyhtml5.parse(html)
    table = next(t for t in tree.iter(f"{x}table") if text(t.find(f"{x}caption")) == caption)
    columns = [text(th) for th in table.iter(f"{x}th") if th.get("scope") == "col"]
    rows = [row for row in table.iter(f"{x}tr") if row.find(f"{x}td") is not None]
    return [dict(zip(columns, [text(cell) for cell in row], strict=True)) for row in rows]


def test_secret_cells_are_marks_never_zero(client: TestClient, engine: Engine) -> None:
    document = _document(engine, "en")
    secret = next(c for c in document["cells"] if c["value"] is None and c["nace_section"] == "_T"
                  and c["occupation_level"] == 1 and c["zone"].startswith("FR-BMO"))  # fmt: skip
    zone = next(z["name"] for z in document["zones"] if z["code"] == secret["zone"])
    label = next(i["label"] for i in document["indicators"] if i["code"] == secret["indicator"])
    page = client.get(f"/bulletins/{PERIOD}?lang=en&zone={secret['zone']}").text
    rows = _table(page, f"Figures by occupation group, {zone}")
    row = next(r for r in rows if r["Occupation group (ISCO-08)"] == secret["occupation_label"])
    expected = {"C": "c", "D": "d"}[secret["conf_status"]]
    assert row[label] == expected
    legend = {"c": "confidential: under the statistical-secret threshold",
              "d": "suppressed so that a confidential value cannot be worked out"}  # fmt: skip
    assert f"<dt>{expected}</dt><dd>{legend[expected]}</dd>" in page


def test_pdf_in_each_language(client: TestClient) -> None:
    for language in ("fr", "nl", "en"):
        response = client.get(f"/bulletins/{PERIOD}.pdf?lang={language}")
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/pdf"
        assert response.headers["content-language"] == language
        name = f"crossbmo-bulletin-{PERIOD}-r1-{language}.pdf"
        assert response.headers["content-disposition"] == f'inline; filename="{name}"'
        assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize(
    "path", ["/bulletins/2024-Q1", "/bulletins/2025-Q9", "/bulletins/nonsense.pdf",
             "/occupations/0000"],
)  # fmt: skip
def test_missing_pages_are_translated_404s(client: TestClient, path: str) -> None:
    response = client.get(path, params={"lang": "nl"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>Pagina niet gevonden</h1>" in response.text


def test_occupation_page_shows_both_sides(client: TestClient, engine: Engine) -> None:
    document = _document(engine, "en")
    code, label = next((c["occupation_code"], c["occupation_label"]) for c in document["cells"]
                       if c["occupation_level"] == 1)  # fmt: skip
    response = client.get(f"/occupations/{code}?lang=en&period={PERIOD}")
    assert response.status_code == 200
    assert f"{label} on both sides of the border" in response.text
    sides = [z["name"] for z in document["zones"] if z.get("parent") == "EMLKT"]
    assert sides and all(f'<th scope="col">{name}</th>' in response.text for name in sides)


def test_releases_and_methodology(client: TestClient) -> None:
    releases = client.get("/releases?lang=en")
    assert releases.status_code == 200
    assert f'href="/bulletins/{PERIOD}?revision=1&amp;lang=en">Q2 2025</a>' in releases.text
    methodology = client.get("/methodology?lang=fr")
    assert "Contrôle du secret statistique" in methodology.text


def test_releases_show_the_figures_a_revision_changed(
    client: TestClient, engine: Engine, raw_dir: Path, tmp_path: Path
) -> None:
    """A corrected BMO file (Lille artists 3432 → 3500 hiring projects) gives revision 2."""

    def correct(_workbook: Any, sheet: Any) -> None:
        assert get_cell(sheet, LILLE_ARTISTS_ROW, "met") == "3432"
        set_cell(sheet, LILLE_ARTISTS_ROW, "met", "3500")

    content = edited_copy(SAMPLE_2025, tmp_path, "BMO_2025_corrected.xlsx", correct)
    assert ingest_file(engine, raw_dir, "france-travail-bmo", "c.xlsx", content).status == (
        "accepted"
    )
    assert build_release(engine, PERIOD).revision == 2
    advance(engine, PERIOD, "public")
    page = client.get("/releases?lang=en").text
    changes = _table(page, "Figures changed by revision 2")

    def number(text: str) -> float:
        return float(text.rstrip("bs").replace(",", ""))

    lille = [row for row in changes if row["Zone"] == "Lille employment area"
             and row["Indicator"] == "Hiring projects (BMO survey, annual)"]  # fmt: skip
    steps = {row["Occupation"]: number(row["After"]) - number(row["Before"]) for row in lille}
    assert steps["All occupations"] == 68  # 3500 minus 3432
    assert all(step > 0 for step in steps.values())  # the groups holding the artists' share
    assert client.get(f"/bulletins/{PERIOD}?revision=1&lang=en").status_code == 200


def test_static_stylesheet_is_served(client: TestClient) -> None:
    response = client.get("/static/site.css")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")
    assert "skip-link" in response.text


def test_unpublished_bulletins_stay_hidden(
    engine: Engine, raw_dir: Path, settings: Settings
) -> None:
    _ingest(engine, raw_dir)
    build_release(engine, PERIOD)  # a draft only
    with TestClient(create_app(settings)) as client:
        assert client.get(f"/bulletins/{PERIOD}?lang=en").status_code == 404
        assert client.get(f"/bulletins/{PERIOD}.pdf?lang=en").status_code == 404
        home = client.get("/?lang=en").text
        assert "No bulletin has been published yet." in home
