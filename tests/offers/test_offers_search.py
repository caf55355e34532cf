"""Job offers stored and searched on SQLite and PostgreSQL: cross-lingual occupation search,
full text, distance, filters, expiry, deduplication, rejected files, API and CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from services.api.app import create_app
from services.cli import app as cli
from services.harmonizer.store import access, releases  # noqa: F401 - registers their tables
from services.harmonizer.store.models import Base, JobOffer, is_search_index_object
from services.offers.places import search_origin
from services.offers.search import OfferQuery, search_offers
from services.offers.store import load_offers
from services.settings import Settings, get_settings
from tests.offers.test_offers import FOREM_EXPORT, FOREM_WELDERS, FT_REAL, FT_WELDERS, VDAB_WELDERS

VDAB_Q1 = FOREM_EXPORT.parent.parent / "vdab" / "vdab_vacancies_2026-Q1_SYNTHETIC.json"
TODAY = date(2026, 11, 25)
FILES = [
    ("france-travail-offers", FT_REAL),
    ("france-travail-offers", FT_WELDERS),
    ("forem-offers", FOREM_WELDERS),
    ("forem-offers", FOREM_EXPORT),
    ("vdab-vacancies", VDAB_WELDERS),
    ("vdab-vacancies", VDAB_Q1),
]
NEAR_ROUBAIX = {
    "Soudeur TIG (H/F)",
    "Soudeur / Soudeuse MIG-MAG",
    "Soudeur (H/F/X)",
    "Soudeur TIG (H/F/X)",
    "TIG-lasser",
    "Halfautomaatlasser",
    "Elektrodelasser",
}


@pytest.fixture
def loaded(engine: Engine) -> Engine:
    for source, path in FILES:
        outcome = load_offers(engine, source, path.read_bytes(), path.name)
        assert outcome.status == "loaded", outcome.findings
    return engine


def _search(engine: Engine, **criteria: object) -> list[tuple[str, str, str | None]]:
    origin = criteria.pop("near", None)
    query = OfferQuery(
        as_of=TODAY,
        limit=100,
        origin=search_origin(str(origin))[0] if origin else None,
        **criteria,  # type: ignore[arg-type]
    )
    with Session(engine) as session:
        result = search_offers(session, query)
        return [(offer.title, offer.source_service, offer.isco08) for offer, _ in result.offers]


def test_the_migration_matches_the_offer_model(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"include_name": lambda name, _type, _parent: not is_search_index_object(name)},
        )
        assert compare_metadata(context, Base.metadata) == []


@pytest.mark.parametrize("keyword", ["soudeur", "lasser", "welder"])
def test_welders_near_roubaix_in_any_language(loaded: Engine, keyword: str) -> None:
    found = _search(loaded, keywords=keyword, near="Roubaix", radius_km=40.0)
    assert {title for title, _, _ in found} == NEAR_ROUBAIX
    assert {service for _, service, _ in found} == {"france-travail", "forem", "vdab"}
    assert {isco for _, _, isco in found} == {"7212"}


def test_distance_filters_and_sorts(loaded: Engine) -> None:
    near = _search(loaded, keywords="welder", near="Roubaix", radius_km=10.0, sort="distance")
    assert [title for title, _, _ in near] == [
        "Soudeur TIG (H/F)",
        "Soudeur / Soudeuse MIG-MAG",
        "Soudeur (H/F/X)",
    ]
    everywhere = {title for title, _, _ in _search(loaded, keywords="welder")}
    assert {
        "Soudeur à l'arc (H/F)",
        "Soudeur semi-automatique (H/F/X)",
    } <= everywhere  # Arras, Liège


def test_filters_country_region_contract_time_and_language(loaded: Engine) -> None:
    assert {s for _, s, _ in _search(loaded, keywords="soudeur", country="BE")} == {"forem", "vdab"}
    assert {t for t, _, _ in _search(loaded, keywords="soudeur", region="FR-MEL")} == {
        "Soudeur TIG (H/F)",
        "Soudeur / Soudeuse MIG-MAG",
    }
    assert [
        t
        for t, _, _ in _search(
            loaded, keywords="lasser", region="BE328", contract_type="temporary_agency"
        )
    ] == ["Soudeur TIG (H/F/X)"]
    assert [t for t, _, _ in _search(loaded, keywords="welder", language="nl")] == [
        "Soudeur TIG (H/F/X)",
        "Soudeur / Soudeuse MIG-MAG",
    ]
    part_time = _search(loaded, keywords="welder", working_time="part_time")
    assert part_time == []


def test_expired_offers_leave_the_search(loaded: Engine) -> None:
    titles_now = [t for t, s, _ in _search(loaded, keywords="soudeur", region="BE328")]
    assert titles_now.count("Soudeur (H/F/X)") == 1  # 91000004 ended on 2026-09-30
    with Session(loaded) as session:
        earlier = search_offers(
            session, OfferQuery(keywords="soudeur", region="BE328", as_of=date(2026, 9, 1))
        )
        assert {offer.source_offer_id for offer, _ in earlier.offers} == {"91000004"}


def test_a_republished_offer_is_shown_once(loaded: Engine) -> None:
    with Session(loaded) as session:
        copy = session.scalars(select(JobOffer).where(JobOffer.source_offer_id == "91000005")).one()
        original = session.get(JobOffer, copy.duplicate_of_id)
        assert original is not None
        assert (original.source_service, original.source_offer_id) == ("vdab", "SYNTHETIC-L001")
    assert "TIG-lasser (m/v/x)" not in {t for t, _, _ in _search(loaded, keywords="lasser")}


def test_full_text_on_titles_with_accents_ignored(loaded: Engine) -> None:
    found = _search(loaded, keywords="telephonie")
    assert {t for t, _, _ in found} >= {"Vendeur / Vendeuse en téléphonie"}
    assert all(isco == "5223" for _, _, isco in found)
    assert _search(loaded, keywords="dekvloerlegger")[0][0] == "Dekvloerlegger"


def test_a_rejected_file_changes_nothing_and_a_reload_updates(loaded: Engine) -> None:
    with Session(loaded) as session:
        before = session.scalar(select(func.count()).select_from(JobOffer))
    document = json.loads(FT_WELDERS.read_text(encoding="utf-8"))
    document["resultats"][0]["intitule"] = "Soudeur TIG confirmé (H/F)"
    document["resultats"][1]["romeCode"] = "welding"
    outcome = load_offers(
        loaded, "france-travail-offers", json.dumps(document).encode(), "bad.json"
    )
    assert outcome.status == "rejected"
    assert [(f.row, f.column, f.code) for f in outcome.findings] == [
        (2, "romeCode", "malformed-rome-code")
    ]
    with Session(loaded) as session:
        assert session.scalar(select(func.count()).select_from(JobOffer)) == before
        assert session.scalar(
            select(JobOffer.title).where(JobOffer.source_offer_id == "SYN0001")
        ) == ("Soudeur TIG (H/F)")
    document["resultats"][1]["romeCode"] = "H2913"
    again = load_offers(loaded, "france-travail-offers", json.dumps(document).encode(), "ok.json")
    assert (again.status, again.inserted, again.updated) == ("loaded", 0, 3)
    assert "Soudeur TIG confirmé (H/F)" in {t for t, _, _ in _search(loaded, keywords="confirme")}


@pytest.fixture
def client(loaded: Engine, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_api_searches_and_pages_in_the_asked_language(client: TestClient) -> None:
    params = {
        "q": "lasser",
        "near": "Roubaix",
        "radius_km": "40",
        "as_of": "2026-11-25",
        "sort": "distance",
        "limit": "3",
        "lang": "nl",
    }
    answer = client.get("/v1/offers", params=params)
    assert answer.status_code == 200
    body = answer.json()
    assert (body["total"], body["occupations_searched"], len(body["items"])) == (7, ["7212"], 3)
    first = body["items"][0]
    assert first["title"] == "Soudeur TIG (H/F)"
    assert first["distance_km"] == 0.0
    assert first["occupation"]["isco08_label"] == "Lassers en snijders"
    assert first["contract_type_label"] == "Vast contract"
    assert answer.headers["content-language"] == "nl"
    second_page = client.get("/v1/offers", params={**params, "offset": "6"}).json()
    assert [item["title"] for item in second_page["items"]] == ["Soudeur TIG (H/F/X)"]
    one = client.get(f"/v1/offers/{first['id']}", params={"lang": "en"}).json()
    assert one["occupation"]["esco_uri"].endswith("7aedaa07-3884-4c5b-88f9-80997b2aa54b")
    assert one["occupation"]["esco_label"] == "welder"
    assert one["contract_type_label"] == "Permanent contract"


def test_api_errors_use_the_envelope(client: TestClient) -> None:
    unknown = client.get("/v1/offers", params={"near": "Atlantis", "lang": "fr"})
    assert unknown.status_code == 422
    assert unknown.json()["error"]["code"] == "unknown-place"
    assert "Atlantis" in unknown.json()["error"]["message"]
    ambiguous = client.get("/v1/offers", params={"near": "62063"}).json()["error"]
    assert ambiguous["code"] == "ambiguous-place"
    missing = client.get("/v1/offers/999999", params={"lang": "nl"})
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "offer-not-found"
    bad = client.get("/v1/offers", params={"contract_type": "forever"})
    assert bad.json()["error"]["code"] == "invalid-parameter"


def test_cli_loads_and_rejects(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CROSSBMO_DATABASE_URL", settings.effective_database_url)
    monkeypatch.setenv("CROSSBMO_VAR_DIR", str(settings.var_dir))
    get_settings.cache_clear()
    runner = CliRunner()
    ok = runner.invoke(
        cli, ["offers", "load", str(VDAB_WELDERS), "--source", "vdab-vacancies", "--lang", "en"]
    )
    assert ok.exit_code == 0, ok.output
    assert "3 new and 0 updated offers stored" in ok.output
    wrong = runner.invoke(cli, ["offers", "load", str(VDAB_WELDERS), "--source", "forem-offers"])
    assert wrong.exit_code == 1
    usage = runner.invoke(cli, ["offers", "load", str(VDAB_WELDERS), "--source", "nope"])
    assert usage.exit_code == 2
    get_settings.cache_clear()
