"""The SQL of an offer search, built once per shape (which filters, keyword parts, sort) with bound
parameters for every value: a search only binds its values (services/offers/search.py).

One statement per search: the matches' keys (id, date, score, squared distance) read from the
indexes — the occupation matches from `ix_job_offers_occupation_place` alone (index-only), the
title matches once from the full-text index (`titled`) —, their count up to a cap, the page's
keys sorted, then the page's offers joined by id (only the columns a result shows).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

from sqlalchemy import (
    ARRAY,
    BindParameter,
    ColumnElement,
    Date,
    Float,
    Select,
    Text,
    and_,
    bindparam,
    case,
    func,
    literal,
    or_,
    select,
    text,
    union_all,
)

from services.harmonizer.store.models import JobOffer

TITLE_VECTOR: Final = "job_offers.title_search"  # PostgreSQL only: migration 0006
TS_QUERY: Final = (
    "(plainto_tsquery('fr_unaccent', :words) || plainto_tsquery('nl_unaccent', :words) "
    "|| plainto_tsquery('simple', :words))"
)
# PostgreSQL only (migration 0009): the title's lexemes joined to the offer's place cell; a title
# search near a place keeps the offers whose title holds one of its lexemes in one of the cells
# covering its box (`:title_cells`, search.py) before the exact word and distance checks.
TITLE_CELLS: Final = "job_offers.title_search_cells && :title_cells"
SQLITE_FTS: Final = (
    "job_offers.id IN (SELECT rowid FROM job_offers_fts WHERE job_offers_fts MATCH :fts)"
)
# What a result shows of an offer (services/offers/present.py `offer_item`): every column but the
# loading bookkeeping, read as plain rows (no ORM objects).
HIDDEN: Final = frozenset({"fingerprint", "file_sha256", "loaded_at", "duplicate_of_id"})
SHOWN: Final = tuple(c for c in JobOffer.__table__.columns if c.name not in HIDDEN)
FILTERS: Final = ("occupations", "contract_type", "working_time", "language", "country", "region")


@dataclass(frozen=True)
class Shape:
    """What a search's SQL depends on (not the values)."""

    dialect: str
    keywords: bool  # keywords given: the matches are the occupation and title parts below
    occupation: bool  # the keywords name occupations (`:isco`)
    title: bool  # the keywords are searched in titles (`:words` / `:fts`)
    origin: bool  # distance from a point (`:south` … `:radius2`)
    cells: bool  # title matches narrowed to the place cells around the point (`:title_cells`)
    sort: str  # relevance, date or distance (distance only with an origin)
    filters: tuple[str, ...]  # the FILTERS given


def _param(name: str, type_: Any = None) -> BindParameter[Any]:
    return bindparam(name, type_=type_)


def _distance2() -> ColumnElement[Any]:
    """Squared distance in km² (equirectangular: within 0.1 % at commuting range)."""
    dx = (JobOffer.longitude - _param("longitude", Float())) * _param("km_per_longitude", Float())
    dy = (JobOffer.latitude - _param("latitude", Float())) * _param("km_per_latitude", Float())
    return dx * dx + dy * dy


def _place(shape: Shape, with_box: bool) -> list[ColumnElement[bool]]:
    """`with_box`: the bounding box too, for an index on the coordinates to find the offers."""
    if not shape.origin:
        return []
    near = [_distance2() <= _param("radius2", Float())]
    if not with_box:
        return near
    return [
        JobOffer.latitude.between(_param("south", Float()), _param("north", Float())),
        JobOffer.longitude.between(_param("west", Float()), _param("east", Float())),
        *near,
    ]


def _filter(name: str) -> ColumnElement[bool]:
    if name == "occupations":
        return JobOffer.isco08.in_(bindparam("occupations", expanding=True))
    if name == "language":  # `:language` is ",nl," — languages are stored "fr,nl"
        listed = literal(",") + JobOffer.languages + literal(",")
        return listed.contains(_param("language"))
    if name == "region":  # a zone (FR-MEL) or a NUTS prefix (BE25)
        region = _param("region")
        return or_(JobOffer.zone == region, JobOffer.nuts3.startswith(region))
    column: ColumnElement[Any] = JobOffer.__table__.c[name]
    return column == _param(name)


def _filters(shape: Shape, with_box: bool = True) -> list[ColumnElement[bool]]:
    today = _param("today", Date())
    current = [
        JobOffer.duplicate_of_id.is_(None),
        or_(JobOffer.valid_through.is_(None), JobOffer.valid_through >= today),
        JobOffer.valid_from <= today,
    ]
    return current + [_filter(name) for name in shape.filters] + _place(shape, with_box)


def _keys(shape: Shape, score: ColumnElement[Any]) -> Select[Any]:
    distance2 = _distance2() if shape.origin else literal(0.0)
    return select(
        JobOffer.id.label("id"),
        JobOffer.valid_from.label("valid_from"),
        score.label("score"),
        distance2.label("distance2"),
    )


def _title_match(shape: Shape) -> ColumnElement[bool]:
    clause = SQLITE_FTS if shape.dialect == "sqlite" else f"{TITLE_VECTOR} @@ {TS_QUERY}"
    if not shape.cells:
        return and_(True, text(clause))
    cells = text(TITLE_CELLS).bindparams(bindparam("title_cells", type_=ARRAY(Text())))
    return and_(cells, text(clause))


def _keyword_parts(shape: Shape) -> list[Select[Any]]:
    """Disjoint parts of the matches, with their relevance (occupation match 2, title match 1):
    the offers of the occupations (3 or 2), then the other offers whose title holds the words
    (1). The title matches are read once (`titled`) through the full-text index — near a place,
    through the index of title words by place cell —: the exact distance is checked on them, the
    bounding box is left out so that the planner does not AND the title index with a scan of the
    whole box."""
    isco: BindParameter[Any] = bindparam("isco", expanding=True)
    titled = None
    if shape.title:
        conditions = [*_filters(shape, with_box=False), _title_match(shape)]
        keys = _keys(shape, literal(1)).add_columns(JobOffer.isco08).where(*conditions)
        titled = keys.cte("titled")
    parts: list[Select[Any]] = []
    if shape.occupation:
        score: ColumnElement[Any] = literal(2)
        if titled is not None:
            score = case((JobOffer.id.in_(select(titled.c.id)), 3), else_=2)
        parts.append(_keys(shape, score).where(*_filters(shape), JobOffer.isco08.in_(isco)))
    if titled is not None:
        others = select(titled.c.id, titled.c.valid_from, titled.c.score, titled.c.distance2)
        if shape.occupation:
            others = others.where(or_(titled.c.isco08.is_(None), titled.c.isco08.not_in(isco)))
        parts.append(others)
    return parts


def _matches(shape: Shape) -> Any:
    """The matches' keys (a CTE); None when the keywords name nothing."""
    if not shape.keywords:
        return _keys(shape, literal(0)).where(*_filters(shape)).cte("matches")
    parts = _keyword_parts(shape)
    if not parts:
        return None
    return (parts[0] if len(parts) == 1 else union_all(*parts)).cte("matches")


def _order(shape: Shape, keys: Any) -> list[Any]:
    newest = [keys.c.valid_from.desc(), keys.c.id.desc()]
    if shape.sort == "distance":
        return [keys.c.distance2, *newest]
    if shape.sort == "relevance":
        return [keys.c.score.desc(), *newest]
    return newest


def _capped_count(matches: Any) -> Select[Any]:
    """How many matches, counting at most `:cap` (the cap + 1: "more than the cap")."""
    some = select(literal(1).label("one")).select_from(matches).limit(_param("cap")).subquery()
    return select(func.count()).select_from(some)


@lru_cache(maxsize=512)
def statements(shape: Shape) -> tuple[Select[Any], Select[Any]] | None:
    """(the page with the capped count in column `counted`, the capped count alone), or None when
    nothing can match."""
    matches = _matches(shape)
    if matches is None:
        return None
    counted = _capped_count(matches).scalar_subquery().label("counted")
    page = (
        select(matches, counted)
        .order_by(*_order(shape, matches))
        .limit(_param("page_limit"))
        .offset(_param("page_offset"))
        .subquery("page")
    )
    offers = (
        select(*SHOWN, page.c.counted)
        .join_from(JobOffer, page, JobOffer.id == page.c.id)
        .order_by(*_order(shape, page))
    )
    return offers, _capped_count(matches)
