"""The Belgian side of the bulletin as a reader sees it, on the bundled real files: the
2025-Q2 page in fr, nl and en shows ONEM's 2025 average for Kortrijk and Zuid-West-Vlaanderen,
the LFS rates of BE25, BE32 and FRE1 and DARES's six factors for the Nord, each with its source,
period and definition, and no figure adding two concepts."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from services.api.app import create_app
from services.bulletin.release import advance, build_release
from services.harmonizer.submit import ingest_file
from services.settings import Settings
from tests.conftest import ROOT, SAMPLE_2025

PERIOD = "2025-Q2"
SAMPLES = ROOT / "data" / "samples"
FILES = (
    ("france-travail-bmo", SAMPLE_2025),
    ("onem-claimants", SAMPLES / "onem" / "onem_cci_de_arrondissements_provinces_2017-2026_DERIVED.csv"),  # noqa: E501
    ("eurostat-lfs-rate", SAMPLES / "eurostat" / "lfst_r_lfu3rt_unemployment_rate_nuts2_BE_FR_1999-2025_DERIVED.csv"),  # noqa: E501
    ("dares-tensions", SAMPLES / "dares" / "dares_tensions_2019_nat_reg32-44_dep02-08-59-60-62-80_DERIVED.csv"),  # noqa: E501
)  # fmt: skip
# What each language calls the page's parts (independent of the catalogue: read off the page).
SEPARATORS = {"fr": "\u202f", "nl": ".", "en": ","}
DEFINITIONS = {
    "fr": "chômeurs complets indemnisés demandeurs d'emploi (CCI-DE)",
    "nl": "(UVW-WZ)",
    "en": "(CCI-DE / UVW-WZ)",
}
FACTORS = {
    "fr": ("Intensité d'embauches", "Inadéquation géographique"),
    "nl": ("Aanwervingsintensiteit", "Geografische mismatch"),
    "en": ("Hiring intensity", "Geographic mismatch"),
}


def _onem(nis_codes: tuple[str, ...]) -> int:
    with FILES[1][1].open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle)
                if row["nis_code"] in nis_codes and row["period"] == "2025"]  # fmt: skip
    return round(sum(float(row["value"]) for row in rows))


def _text(html: str) -> str:
    # Only ASCII white space is folded: the French thousands separator (U+202F) stays.
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'")


def _grouped(value: int, language: str) -> str:
    return f"{value:,}".replace(",", SEPARATORS[language])


@pytest.fixture
def client(engine: Engine, raw_dir: Path, settings: Settings) -> Iterator[TestClient]:
    for source, path in FILES:
        outcome = ingest_file(engine, raw_dir, source, path.name, path.read_bytes())
        assert outcome.status == "accepted", outcome
    build_release(engine, PERIOD)
    advance(engine, PERIOD, "public")
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_each_belgian_zone_shows_its_claimants_with_source_and_period(
    client: TestClient, language: str
) -> None:
    page = f"/bulletins/{PERIOD}?lang={language}&zone="
    kortrijk = _text(client.get(page + "BE-ARR-34000").text)
    assert _onem(("34000",)) == 3782
    assert _grouped(3782, language) in kortrijk
    assert "Source : ONEM/RVA, CCI-DE" in kortrijk
    assert DEFINITIONS[language] in kortrijk  # the definition beside the figure
    south_west = _text(client.get(page + "EMLKT-VL").text)
    assert _grouped(_onem(("34000", "33000", "36000", "37000")), language) in south_west
    assert "BE25" in south_west and "2025" in south_west


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_the_eurometropolis_shows_the_three_lfs_rates_and_the_nord_factors(
    client: TestClient, language: str
) -> None:
    page = _text(client.get(f"/bulletins/{PERIOD}?zone=EMLKT&lang={language}").text)
    for region in ("FRE1", "BE25", "BE32"):
        assert f"NUTS 2 {region}" in page
    assert "Source: Eurostat" in page
    for factor in FACTORS[language]:
        assert factor in page
    assert "Source : Dares, Pôle emploi" in page and "2019" in page
