"""Search the offers: occupation keywords (cross-lingual, through ESCO labels) or title words
(full text), filters, distance from a commune, sort and pagination.

Only current offers are searched: published on or before the day of the search, not expired
(`valid_through` before that day) and not a copy of an offer republished by another service
(store.py).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, Literal

from sqlalchemy import ColumnElement, and_, case, func, literal, or_, select, text
from sqlalchemy.orm import Session

from services.offers.models import JobOffer
from services.offers.occupations import isco_of_keywords, normalize
from services.offers.places import (
    KM_PER_DEGREE_LATITUDE,
    KM_PER_DEGREE_LONGITUDE_AT_EQUATOR,
    Point,
    box,
    distance_km,
)

Sort = Literal["relevance", "date", "distance"]
TITLE_VECTOR: Final = "job_offers.title_search"  # PostgreSQL only: migration 0006
TS_QUERY: Final = (
    "(plainto_tsquery('fr_unaccent', :words) || plainto_tsquery('nl_unaccent', :words) "
    "|| plainto_tsquery('simple', :words))"
)
FTS_WORD: Final = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class OfferQuery:
    keywords: str | None = None
    isco08: tuple[str, ...] = ()
    origin: Point | None = None
    radius_km: float = 30.0
    country: str | None = None
    region: str | None = None  # a NUTS code prefix (BE25, FRE11) or a zone (FR-MEL, BE-WVL)
    contract_type: str | None = None
    working_time: str | None = None
    language: str | None = None  # a language the offer requires (ISO 639-1)
    sort: Sort = "relevance"
    limit: int = 20
    offset: int = 0
    as_of: date | None = None


@dataclass(frozen=True)
class SearchResult:
    offers: list[tuple[JobOffer, float | None]]  # (offer, distance in km)
    total: int
    isco08: tuple[str, ...]  # the ISCO-08 unit groups the keywords named


def _text_match(session: Session, words: str) -> ColumnElement[bool] | None:
    if session.get_bind().dialect.name == "sqlite":
        tokens = FTS_WORD.findall(words)
        if not tokens:
            return None
        expression = " ".join('"' + token.replace('"', "") + '"' for token in tokens)
        fts = "job_offers.id IN (SELECT rowid FROM job_offers_fts WHERE job_offers_fts MATCH :fts)"
        return _condition(text(fts).bindparams(fts=expression))
    return _condition(text(f"{TITLE_VECTOR} @@ {TS_QUERY}").bindparams(words=words))


def _condition(clause: Any) -> ColumnElement[bool]:
    return and_(True, clause)


def _keyword_filter(
    session: Session, query: OfferQuery, isco: frozenset[str]
) -> tuple[ColumnElement[bool] | None, ColumnElement[Any]]:
    """The keyword condition and the relevance score: occupation 2, title words 1."""
    if not query.keywords or not normalize(query.keywords):
        return None, literal(0)
    by_title = _text_match(session, query.keywords)
    by_occupation = JobOffer.isco08.in_(sorted(isco)) if isco else None
    parts = [part for part in (by_occupation, by_title) if part is not None]
    if not parts:
        return literal(False), literal(0)
    score: ColumnElement[Any] = literal(0)
    for weight, part in ((2, by_occupation), (1, by_title)):
        if part is not None:
            score = score + case((part, weight), else_=0)
    return or_(*parts), score


def _distance2(origin: Point) -> ColumnElement[Any]:
    """Squared distance in km² (equirectangular: within 0.1 % at commuting range)."""
    kx = KM_PER_DEGREE_LONGITUDE_AT_EQUATOR * math.cos(math.radians(origin.latitude))
    dx = (JobOffer.longitude - origin.longitude) * kx
    dy = (JobOffer.latitude - origin.latitude) * KM_PER_DEGREE_LATITUDE
    return dx * dx + dy * dy


def _place_filters(query: OfferQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if query.country:
        conditions.append(JobOffer.country == query.country)
    if query.region:
        region = query.region.upper()
        conditions.append(or_(JobOffer.zone == region, JobOffer.nuts3.startswith(region)))
    if query.origin is not None:
        south, north, west, east = box(query.origin, query.radius_km)
        conditions += [
            JobOffer.latitude.between(south, north),
            JobOffer.longitude.between(west, east),
            _distance2(query.origin) <= query.radius_km**2,
        ]
    return conditions


def _filters(query: OfferQuery) -> list[ColumnElement[bool]]:
    today = query.as_of or date.today()
    conditions: list[ColumnElement[bool]] = [
        JobOffer.duplicate_of_id.is_(None),
        or_(JobOffer.valid_through.is_(None), JobOffer.valid_through >= today),
        JobOffer.valid_from <= today,
    ]
    if query.isco08:
        conditions.append(JobOffer.isco08.in_(query.isco08))
    if query.contract_type:
        conditions.append(JobOffer.contract_type == query.contract_type)
    if query.working_time:
        conditions.append(JobOffer.working_time == query.working_time)
    if query.language:
        listed = literal(",") + JobOffer.languages + literal(",")
        conditions.append(listed.contains(f",{query.language.lower()},"))
    return conditions + _place_filters(query)


def _order(query: OfferQuery, score: ColumnElement[Any]) -> list[Any]:
    newest = [JobOffer.valid_from.desc(), JobOffer.id.desc()]
    if query.sort == "distance" and query.origin is not None:
        return [_distance2(query.origin), *newest]
    if query.sort == "relevance":
        return [score.desc(), *newest]
    return newest


def search_offers(session: Session, query: OfferQuery) -> SearchResult:
    if session.get_bind().dialect.name == "postgresql":
        # A plan for the actual keyword and place: a generic plan of the prepared statement
        # (psycopg prepares after 5 runs) walks the whole bounding box instead of the indexes.
        session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
    isco = isco_of_keywords(query.keywords) if query.keywords else frozenset()
    keyword, score = _keyword_filter(session, query, isco)
    conditions = _filters(query) + ([keyword] if keyword is not None else [])
    where = and_(*conditions)
    # One query for the page and the total (a window count); a second only past the last page.
    page = session.execute(
        select(JobOffer, func.count().over())
        .where(where)
        .order_by(*_order(query, score))
        .limit(query.limit)
        .offset(query.offset)
    ).all()
    if page:
        total = int(page[0][1])
    else:
        counted = select(func.count()).select_from(JobOffer).where(where)
        total = (session.scalar(counted) or 0) if query.offset else 0
    offers = [(offer, _distance(query.origin, offer)) for offer, _count in page]
    return SearchResult(offers, total, tuple(sorted(isco)))


def _distance(origin: Point | None, offer: JobOffer) -> float | None:
    if origin is None or offer.latitude is None or offer.longitude is None:
        return None
    return round(distance_km(origin, offer.latitude, offer.longitude), 1)
