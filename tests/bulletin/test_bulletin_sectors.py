"""The bulletin's sector dimension (NACE Rev. 2 sections).

No bundled real source crosses occupations, places and sectors (docs/bulletin.md), so this uses
the SYNTHETIC VDAB vacancies sample given an employer activity code per record. Synthetic
figures never reach a bulletin: the test marks that submission as real in its own throw-away
database to exercise the builder; no user ever sees it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, update
from sqlalchemy.orm import Session

from services.api.app import create_app
from services.bulletin.read import release_document
from services.bulletin.release import advance, build_release
from services.harmonizer.geography import place_of_postal_code
from services.harmonizer.store.access import add_partner, create_key
from services.harmonizer.store.models import Submission
from services.harmonizer.submit import ingest_file
from services.settings import Settings
from tests.bulletin.test_bulletin_disclosure import COUNT_UNITS, determined_cells
from tests.harmonizer.adapters.test_vdab_vacancies import (
    NACE_CODES,
    document,
    encode,
    with_activity_codes,
)

SECTION_OF = dict(zip(NACE_CODES, ("F", "F", "C", "Q", "_U"), strict=True))


@pytest.fixture
def sample(engine: Engine, raw_dir: Path) -> dict[str, Any]:
    doc = with_activity_codes(document())
    outcome = ingest_file(engine, raw_dir, "vdab-vacancies", "nace_SYNTHETIC.json", encode(doc))
    assert outcome.status == "accepted"
    with Session(engine) as session, session.begin():
        session.execute(update(Submission).values(synthetic=False))  # see the module docstring
    build_release(engine, "2026-Q1")
    return doc


def _document(engine: Engine, language: str = "nl") -> dict[str, Any]:
    with Session(engine) as session:
        found = release_document(session, "2026-Q1", None, language, include_unpublished=True)
    assert found is not None
    return found


def _expected(doc: dict[str, Any]) -> Counter[tuple[str, str]]:
    """Independent count of the records: arrondissement × section, and all sectors."""
    counts: Counter[tuple[str, str]] = Counter()
    for record in doc["vacancies"]:
        place = place_of_postal_code(record["postal_code"])
        assert place is not None
        zone = f"BE-ARR-{place.arrondissement.nis_code}"
        counts[(zone, SECTION_OF[record["nace"]])] += 1
        counts[(zone, "_T")] += 1
    return counts


def test_sections_equal_an_independent_count_add_up_and_resist_the_attack(
    engine: Engine, sample: dict[str, Any]
) -> None:
    cells = [
        cell for cell in _document(engine)["cells"]
        if cell["indicator"] == "vacancies_received" and cell["occupation_level"] == 0
    ]  # fmt: skip
    assert {cell["nace_section"] for cell in cells} == {"_T", "F", "C", "Q", "_U"}
    expected = _expected(sample)
    compared = 0
    for cell in cells:
        if cell["zone"].startswith("BE-ARR-") and cell["value"] is not None:
            assert cell["value"] == expected[(cell["zone"], cell["nace_section"])], cell
            compared += 1
    assert compared >= 12  # most arrondissement × section totals are published
    totals = {cell["zone"]: cell["value"] for cell in cells if cell["nace_section"] == "_T"}
    assert totals["EMLKT-VL"] == len(sample["vacancies"]) == 150
    for zone, total in totals.items():
        parts = [c["value"] for c in cells if c["zone"] == zone and c["nace_section"] != "_T"]
        if total is not None and parts and None not in parts:
            assert sum(parts) == total, zone
    construction = next(cell for cell in cells if cell["nace_section"] == "F")
    assert construction["nace_label"] == "Bouwnijverheid"
    # No hidden cell, of a section or not, can be recomputed from what is published.
    counts = [cell for cell in _document(engine)["cells"] if cell["unit"] in COUNT_UNITS]
    hidden = [cell for cell in counts if cell["value"] is None]
    assert any(cell["nace_section"] != "_T" for cell in hidden)
    assert determined_cells(counts) == []


@pytest.fixture
def client(engine: Engine, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_the_api_filters_on_a_section_and_labels_it(
    engine: Engine, sample: dict[str, Any], client: TestClient
) -> None:
    with Session(engine) as session, session.begin():
        add_partner(session, "vdab-stats", "vdab", "VDAB")
        session.flush()
        key = create_key(session, "vdab-stats", ["reader"])
    response = client.get(
        "/v1/bulletins/2026-Q1",
        params={"lang": "fr", "nace_section": "F", "occupation_level": 0},
        headers={"X-API-Key": key},
    )
    assert response.status_code == 200
    cells = response.json()["cells"]
    assert cells and {cell["nace_section"] for cell in cells} == {"F"}
    assert {cell["nace_label"] for cell in cells} == {"Construction"}
    bad = client.get("/v1/bulletins/2026-Q1", params={"nace_section": "Z9"})
    assert bad.status_code == 422
    series = client.get(
        "/v1/bulletins/series",
        params={"zone": "EMLKT-VL", "indicator": "vacancies_received", "nace_section": "_T"},
        headers={"X-API-Key": key},
    ).json()
    assert [point["value"] for point in series["points"]] == [150]


def test_the_page_shows_the_sectors_of_a_zone_in_each_language(
    engine: Engine, sample: dict[str, Any], client: TestClient
) -> None:
    advance(engine, "2026-Q1", "public")
    expected = _expected(sample)
    pages = {
        language: client.get(
            "/bulletins/2026-Q1", params={"zone": "EMLKT-VL", "lang": language}
        ).text
        for language in ("fr", "nl", "en")
    }
    for language, (title, construction) in {
        "fr": ("Chiffres par secteur (NACE)", "F Construction"),
        "nl": ("Cijfers per sector (NACE)", "F Bouwnijverheid"),
        "en": ("Figures by sector (NACE)", "F Construction"),
    }.items():
        assert title in pages[language] and construction in pages[language], language
    # the construction row of the whole Flemish side: the sum of its arrondissements' records
    flemish_construction = sum(n for (zone, section), n in expected.items() if section == "F")
    row = pages["en"].split("F Construction", 1)[1].split("</tr>", 1)[0]
    assert f">{flemish_construction}<" in row.replace(" ", "")
