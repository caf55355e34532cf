"""The search's rewritten query (matches' keys from the indexes, capped count) on SQLite and
PostgreSQL: the same offers in the same order as a straightforward reference query, and the total
capped at TOTAL_CAP ("more than 1 000 offers")."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from services.api.app import create_app
from services.harmonizer.store.models import JobOffer
from services.offers import search
from services.offers.occupations import isco_of_keywords
from services.offers.places import search_origin
from services.offers.search import OfferQuery, search_offers
from services.settings import Settings
from tests.offers.test_offers_search import TODAY, loaded  # noqa: F401 - fixture


def _title_ids(session: Session, words: str) -> set[int]:
    """Offers whose title holds the words, by the full-text index alone."""
    if session.get_bind().dialect.name == "sqlite":
        fts = " ".join(f'"{word}"' for word in re.findall(r"\w+", words))
        sql = "SELECT rowid FROM job_offers_fts WHERE job_offers_fts MATCH :fts"
        return set(session.scalars(text(sql), {"fts": fts}))
    sql = (
        "SELECT id FROM job_offers WHERE title_search @@ (plainto_tsquery('fr_unaccent', :w) "
        "|| plainto_tsquery('nl_unaccent', :w) || plainto_tsquery('simple', :w))"
    )
    return set(session.scalars(text(sql), {"w": words}))


def _distance2(query: OfferQuery, offer: JobOffer) -> float:
    assert query.origin is not None and offer.latitude is not None
    assert offer.longitude is not None
    kx = 111.320 * math.cos(math.radians(query.origin.latitude))
    dx = (offer.longitude - query.origin.longitude) * kx
    dy = (offer.latitude - query.origin.latitude) * 110.574
    return dx * dx + dy * dy


def _kept(query: OfferQuery, offer: JobOffer) -> bool:
    today = query.as_of or TODAY
    current = offer.duplicate_of_id is None and offer.valid_from <= today
    current = current and (offer.valid_through is None or offer.valid_through >= today)
    if query.country and offer.country != query.country:
        return False
    if query.origin is not None:
        if offer.latitude is None or offer.longitude is None:
            return False
        return current and _distance2(query, offer) <= query.radius_km**2
    return current


def _reference(session: Session, query: OfferQuery) -> tuple[list[int], int]:
    """The search written plainly, in Python over every stored offer."""
    offers = [offer for offer in session.scalars(select(JobOffer)) if _kept(query, offer)]
    score: dict[int, int] = dict.fromkeys((offer.id for offer in offers), 0)
    if query.keywords:
        isco = isco_of_keywords(query.keywords)
        titled = _title_ids(session, query.keywords)
        score = {o.id: 2 * (o.isco08 in isco) + (o.id in titled) for o in offers}
        offers = [offer for offer in offers if score[offer.id]]
    offers.sort(key=lambda offer: (offer.valid_from, offer.id), reverse=True)
    if query.sort == "relevance":
        offers.sort(key=lambda offer: score[offer.id], reverse=True)  # stable: then newest
    elif query.sort == "distance" and query.origin is not None:
        offers.sort(key=lambda offer: _distance2(query, offer))
    ids = [offer.id for offer in offers]
    return ids[query.offset : query.offset + query.limit], len(ids)


CASES = [
    {"keywords": "soudeur"},
    {"keywords": "welder", "near": "Roubaix", "radius_km": 40.0},
    {"keywords": "vendeur"},
    {"keywords": "verkoper", "sort": "date"},
    {"keywords": "telephonie"},
    {"keywords": "lasser", "near": "Lille", "radius_km": 60.0, "sort": "distance"},
    {"keywords": "conseiller vente", "near": "Lille", "radius_km": 200.0},
    {"keywords": None, "near": "Kortrijk", "radius_km": 30.0},
    {"keywords": None, "country": "BE", "sort": "date"},
    {"keywords": "welder", "limit": 3, "offset": 2},
    {"keywords": "xyzzy"},
]


@pytest.mark.parametrize("case_", CASES, ids=lambda case_: str(sorted(case_.items())))
def test_same_offers_in_the_same_order_as_the_reference(
    loaded: Engine,  # noqa: F811
    case_: dict[str, Any],
) -> None:
    criteria = dict(case_)
    near = criteria.pop("near", None)
    query = OfferQuery(
        as_of=TODAY,
        limit=criteria.pop("limit", 100),
        origin=search_origin(near)[0] if near else None,
        **criteria,
    )
    with Session(loaded) as session:
        expected_ids, expected_total = _reference(session, query)
        result = search_offers(session, query)
    assert [offer.id for offer, _ in result.offers] == expected_ids
    assert (result.total, result.total_capped) == (expected_total, False)
    if case_.get("keywords") != "xyzzy":
        assert expected_ids, "a case must find offers to compare"


def test_the_total_is_capped(loaded: Engine, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setattr(search, "TOTAL_CAP", 5)
    with Session(loaded) as session:
        many = search_offers(session, OfferQuery(keywords="welder", as_of=TODAY, limit=3))
        few = search_offers(
            session,
            OfferQuery(
                keywords="welder", origin=search_origin("Roubaix")[0], radius_km=10.0, as_of=TODAY
            ),
        )
        everything = session.scalar(select(func.count()).select_from(JobOffer))
    assert (many.total, many.total_capped, len(many.offers)) == (5, True, 3)
    assert (few.total, few.total_capped, len(few.offers)) == (3, False, 3)
    assert everything is not None and everything > 5


@pytest.fixture
def capped_client(
    loaded: Engine,  # noqa: F811
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[TestClient]:
    monkeypatch.setattr(search, "TOTAL_CAP", 5)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_api_and_page_say_more_than_the_cap(capped_client: TestClient) -> None:
    body = capped_client.get("/v1/offers", params={"q": "welder", "as_of": "2026-11-25"}).json()
    assert (body["total"], body["total_capped"]) == (5, True)
    exact = capped_client.get(
        "/v1/offers",
        params={"q": "welder", "near": "Roubaix", "radius_km": "10", "as_of": "2026-11-25"},
    ).json()
    assert (exact["total"], exact["total_capped"]) == (3, False)
    for language, heading in (
        ("fr", "Plus de 5 offres"),
        ("nl", "Meer dan 5 vacatures"),
        ("en", "More than 5 offers"),
    ):
        page = capped_client.get("/offers", params={"q": "soudeur", "lang": language})
        assert f'<h2 id="results">{heading}</h2>' in page.text


def test_the_title_cells_hold_every_offer_within_the_radius(loaded: Engine) -> None:  # noqa: F811
    """PostgreSQL (migration 0009): each offer with coordinates has its title lexemes keyed by
    its 0.25° cell, and that cell is among those a search around Lille (30 km) looks up."""
    origin = search_origin("Lille")[0]
    cells = set(search._cells(origin, 30.0))
    assert "202:12" in cells and len(cells) == 12  # 50.25–51.0° N × 2.5–3.5° E
    near_lille = OfferQuery(keywords="welder", origin=origin, radius_km=30.0)
    assert search._few_cells(near_lille)
    assert not search._few_cells(OfferQuery(keywords="welder", origin=origin, radius_km=200.0))
    if loaded.dialect.name == "sqlite":
        return
    with Session(loaded) as session:
        rows = session.execute(
            text(
                "SELECT latitude, longitude, title_search_cells, "
                "tsvector_to_array(title_search) FROM job_offers WHERE latitude IS NOT NULL"
            )
        ).all()
        near = search_offers(session, OfferQuery(origin=origin, radius_km=30.0, as_of=TODAY))
    assert rows and near.offers
    for latitude, longitude, keys, lexemes in rows:
        cell = f"{math.floor(latitude * 4)}:{math.floor(longitude * 4)}"
        assert sorted(keys) == sorted(f"{lexeme}@{cell}" for lexeme in lexemes)
    for offer, _ in near.offers:
        assert f"{math.floor(offer.latitude * 4)}:{math.floor(offer.longitude * 4)}" in cells
