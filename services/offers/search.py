"""Search the offers: occupation keywords (cross-lingual, through ESCO labels) or title words
(full text), filters, distance from a commune, sort and pagination.

Only current offers are searched: published on or before the day of the search, not expired
(`valid_through` before that day) and not a copy of an offer republished by another service
(store.py). The total is counted up to TOTAL_CAP ("more than 1 000 offers"). The SQL is in
search_sql.py, built once per shape; a search binds its values.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, Literal, TypeAlias

from sqlalchemy import Row, text
from sqlalchemy.orm import Session

from services.offers.occupations import isco_of_keywords, normalize
from services.offers.places import (
    KM_PER_DEGREE_LATITUDE,
    KM_PER_DEGREE_LONGITUDE_AT_EQUATOR,
    Point,
    box,
    distance_km,
)
from services.offers.search_sql import FILTERS, Shape, statements

Sort = Literal["relevance", "date", "distance"]
FTS_WORD: Final = re.compile(r"\w+", re.UNICODE)
# Matches are counted up to this: "more than 1 000 offers" (counting them all would cost as much
# as reading them all).
TOTAL_CAP: Final = 1000
OfferRow: TypeAlias = Row[*tuple[Any, ...]]  # search_sql.SHOWN columns, by name
# PostgreSQL: the lexemes of the keywords in every configuration of the title search
# (search_sql.TS_QUERY), to look them up by place cell (`:title_cells`, migration 0009); read
# with LOCAL_SETTINGS, in the same round trip.
LEXEMES: Final = (
    ", tsvector_to_array(to_tsvector('fr_unaccent', :words) "
    "|| to_tsvector('nl_unaccent', :words) || to_tsvector('simple', :words))"
)
CELLS_PER_DEGREE: Final = 4  # place cells of 0.25° × 0.25° (migration 0009)
# Beyond this many cells (a radius of about 40 km), looking each word up in every cell costs more
# than reading the title matches of the whole region (200 km: 40 ms instead of 18 ms).
MAX_CELLS: Final = 24
# For the search's transaction: a plan for the actual keyword and place (a generic plan of the
# prepared statement — psycopg prepares after 5 runs — may walk the whole bounding box instead of
# the indexes), and no parallel workers (they cost more to start, milliseconds, than the work).
LOCAL_SETTINGS: Final = (
    "SELECT set_config('plan_cache_mode', 'force_custom_plan', true), "
    "set_config('max_parallel_workers_per_gather', '0', true)"
)


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
    offers: list[tuple[OfferRow, float | None]]  # (offer, distance in km)
    total: int  # the offers found, at most TOTAL_CAP
    total_capped: bool  # more than TOTAL_CAP offers found (`total` is then TOTAL_CAP)
    isco08: tuple[str, ...]  # the ISCO-08 unit groups the keywords named


def _fts_expression(words: str) -> str | None:
    """SQLite FTS5: every word, quoted; None without a word."""
    tokens = FTS_WORD.findall(words)
    return " ".join('"' + token.replace('"', "") + '"' for token in tokens) if tokens else None


def _filter_values(query: OfferQuery) -> dict[str, Any]:
    values = {
        "occupations": list(query.isco08),
        "contract_type": query.contract_type,
        "working_time": query.working_time,
        "language": f",{query.language.lower()}," if query.language else None,
        "country": query.country,
        "region": query.region.upper() if query.region else None,
    }
    return {name: values[name] for name in FILTERS if values[name]}


def _origin_values(origin: Point, radius_km: float) -> dict[str, float]:
    south, north, west, east = box(origin, radius_km)
    km_per_longitude = KM_PER_DEGREE_LONGITUDE_AT_EQUATOR * math.cos(math.radians(origin.latitude))
    return {
        "south": south,
        "north": north,
        "west": west,
        "east": east,
        "latitude": origin.latitude,
        "longitude": origin.longitude,
        "km_per_latitude": KM_PER_DEGREE_LATITUDE,
        "km_per_longitude": km_per_longitude,
        "radius2": radius_km**2,
    }


def _cells(origin: Point, radius_km: float) -> list[str]:
    """The place cells ("row:column", migration 0009) covering the box around a point."""
    south, north, west, east = (
        math.floor(edge * CELLS_PER_DEGREE) for edge in box(origin, radius_km)
    )
    rows, columns = range(south, north + 1), range(west, east + 1)
    return [f"{row}:{column}" for row in rows for column in columns]


def _few_cells(query: OfferQuery) -> bool:
    """Narrow the title matches to place cells: a search near a place, within MAX_CELLS."""
    return query.origin is not None and len(_cells(query.origin, query.radius_km)) <= MAX_CELLS


def _prepare(session: Session, query: OfferQuery, shape: Shape, values: dict[str, Any]) -> None:
    """PostgreSQL: the transaction's settings and, for title matches narrowed to place cells,
    each lexeme of the keywords in each cell around the point ("lexeme@row:column")."""
    if shape.dialect != "postgresql":
        return
    if not (shape.cells and query.keywords and query.origin):
        session.execute(text(LOCAL_SETTINGS))
        return
    read = session.execute(text(LOCAL_SETTINGS + LEXEMES), {"words": query.keywords}).one()
    cells = _cells(query.origin, query.radius_km)
    values["title_cells"] = [f"{lexeme}@{cell}" for lexeme in read[-1] or [] for cell in cells]


def _keyword_values(dialect: str, keywords: str, isco: frozenset[str]) -> dict[str, Any]:
    values: dict[str, Any] = {"isco": sorted(isco)} if isco else {}
    if dialect != "sqlite":
        return values | {"words": keywords}
    fts = _fts_expression(keywords)
    return values | ({"fts": fts} if fts else {})


def _shape_and_values(
    dialect: str, query: OfferQuery, isco: frozenset[str]
) -> tuple[Shape, dict[str, Any]]:
    values: dict[str, Any] = {
        "today": query.as_of or date.today(),
        "page_limit": query.limit,
        "page_offset": query.offset,
        "cap": TOTAL_CAP + 1,
    }
    filters = _filter_values(query)
    values |= filters
    if query.origin is not None:
        values |= _origin_values(query.origin, query.radius_km)
    keywords = bool(query.keywords and normalize(query.keywords))
    if keywords:
        values |= _keyword_values(dialect, str(query.keywords), isco)
    sort = "date" if query.sort == "distance" and query.origin is None else query.sort
    shape = Shape(
        dialect=dialect,
        keywords=keywords,
        occupation="isco" in values,
        title="words" in values or "fts" in values,
        origin=query.origin is not None,
        cells=dialect == "postgresql" and "words" in values and _few_cells(query),
        sort=sort,
        filters=tuple(filters),
    )
    return shape, values


def search_offers(session: Session, query: OfferQuery) -> SearchResult:
    dialect = session.get_bind().dialect.name
    isco = isco_of_keywords(query.keywords) if query.keywords else frozenset()
    shape, values = _shape_and_values(dialect, query, isco)
    found = statements(shape)
    if found is None:
        return SearchResult([], 0, False, tuple(sorted(isco)))
    _prepare(session, query, shape, values)
    page, count = found
    rows = session.execute(page, values).all()
    if rows:
        counted = int(rows[0].counted)
    else:  # zero on the first page, else counted again
        counted = (session.scalar(count, values) or 0) if query.offset else 0
    offers = [(offer, _distance(query.origin, offer)) for offer in rows]
    capped = counted > TOTAL_CAP
    return SearchResult(offers, min(counted, TOTAL_CAP), capped, tuple(sorted(isco)))


def _distance(origin: Point | None, offer: OfferRow) -> float | None:
    if origin is None or offer.latitude is None or offer.longitude is None:
        return None
    return round(distance_km(origin, offer.latitude, offer.longitude), 1)
