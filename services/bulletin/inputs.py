"""What a quarter's bulletin is built from: the current, non-synthetic observations that fall
in the quarter, the submissions they come from, and the versions that shaped them.

- an annual survey (BMO) counts for every quarter of its year, labelled as annual;
- a flow (offers, vacancies) is the sum of the quarter's three months, or the quarter itself;
- a stock (job seekers) is the figure at the end of the quarter (its last month);
- ONEM's benefit claimants, an annual average, count for every quarter of their year, as BMO.
Figures that are never summed into zones (rates, classes, region-wide series) are read beside
them as *context* (side_by_side.py): the latest year up to the quarter's, or its months.
Synthetic fixtures never reach a bulletin; ISCO-08 observations derived at ingest are left
aside because the builder maps every source with the current mapping version itself.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from importlib.metadata import version
from pathlib import Path
from typing import Any, Final

import pandas as pd
from sqlalchemy import or_
from sqlalchemy.orm import Session

from schemas.canonical import TENSION_FACTORS
from services.bulletin.periods import Quarter
from services.bulletin.zones import MEMBERS_FILE, ZONES_FILE
from services.harmonizer.mappings.tables import mapping_version
from services.harmonizer.store import bulletins
from services.harmonizer.store.models import Observation

FLOWS: Final = ("vacancies_received", "offers_published")
STOCKS: Final = ("job_seekers",)
ANNUAL: Final = (
    "hiring_projects", "difficult_hiring_projects", "seasonal_hiring_projects",
    "benefit_claimants",
)  # fmt: skip
COUNT_INDICATORS: Final = (*ANNUAL, *FLOWS, *STOCKS)
RATES: Final = ("ilo_unemployment_rate", "admin_unemployment_rate")
TENSION: Final = ("tension_index", "tension_class", *TENSION_FACTORS)
REGION_SERIES: Final = ("vacancies_received", "vacancies_open")
# The LFS rate of the whole population of working age (the CSV subset and the bulk tables).
LFS_POPULATION: Final = "Y15-74.T"
# DARES's 87 families (FAP 2009) make a readable table; the 225 are stored too.
TENSION_SYSTEM: Final = "fap87"
COLUMNS: Final = (
    "submission_id", "period", "period_type", "geo_system", "geo_vintage", "geo_code",
    "geo_department", "occupation_system", "occupation_version", "occupation_code",
    "nace_section", "indicator", "unit", "coverage", "value", "conf_status",
)  # fmt: skip
CONTEXT_COLUMNS: Final = (*COLUMNS, "geo_label", "occupation_label", "obs_status")
CODE_DIR: Final = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Inputs:
    observations: pd.DataFrame  # COLUMNS + source_id
    context: pd.DataFrame  # CONTEXT_COLUMNS + source_id
    submissions: list[dict[str, Any]]
    record: dict[str, Any]  # what the release stores as its inputs
    digest: str


def _in_quarter(quarter: Quarter) -> Any:
    year = str(quarter.year)
    return or_(
        (Observation.period_type == "year") & (Observation.period == year)
        & Observation.indicator.in_(ANNUAL),
        (Observation.period_type == "quarter") & (Observation.period == str(quarter)),
        (Observation.period_type == "month") & Observation.period.in_(quarter.months)
        & Observation.indicator.in_(FLOWS),
        (Observation.period_type == "month") & (Observation.period == quarter.last_month)
        & Observation.indicator.in_(STOCKS),
    )  # fmt: skip


def _context_of(quarter: Quarter) -> Any:
    year = str(quarter.year)
    return or_(
        Observation.indicator.in_(RATES) & (Observation.period_type == "year")
        & (Observation.period <= year)
        & ((Observation.indicator != RATES[0]) | (Observation.coverage == LFS_POPULATION)),
        Observation.indicator.in_(TENSION) & (Observation.period_type == "year")
        & (Observation.period <= year) & (Observation.occupation_system == TENSION_SYSTEM),
        Observation.indicator.in_(REGION_SERIES) & (Observation.geo_system == "nuts")
        & (Observation.occupation_system == "all") & (Observation.period_type == "month")
        & Observation.period.in_(quarter.months),
        (Observation.indicator == "benefit_claimants") & (Observation.period == year),
    )  # fmt: skip


def read_inputs(session: Session, quarter: Quarter) -> Inputs:
    observations = bulletins.current_observations(
        session,
        COLUMNS,
        Observation.occupation_system != "isco08",
        Observation.indicator.in_(COUNT_INDICATORS),
        _in_quarter(quarter),
    )
    frame = pd.DataFrame(observations, columns=[*COLUMNS, "source_id"])
    context = pd.DataFrame(
        bulletins.current_observations(session, CONTEXT_COLUMNS, _context_of(quarter)),
        columns=[*CONTEXT_COLUMNS, "source_id"],
    )
    used = pd.concat([frame["submission_id"], context["submission_id"]])
    ids = sorted(int(value) for value in used.unique())
    submissions = _submissions(session, ids)
    record = _record(quarter, pd.concat([frame, context]), submissions)
    return Inputs(frame, context, submissions, record, _digest(record))


def _submissions(session: Session, ids: list[int]) -> list[dict[str, Any]]:
    return [
        {"id": row[0], "source_id": row[1], "dataset": row[2], "period": row[3],
         "sha256": row[4], "filename": row[5]}
        for row in bulletins.submissions_of(session, ids)
    ]  # fmt: skip


def with_sections(session: Session, inputs: Inputs, ids: set[int]) -> Inputs:
    """The inputs with the submissions the other sections read (the shortage lists, the job
    seekers of the opportunities): a corrected list then makes a new revision as a corrected
    count does, and the edition names every file behind it."""
    known = {int(item["id"]) for item in inputs.submissions}
    if ids <= known:
        return inputs
    submissions = _submissions(session, sorted(known | ids))
    record = {**inputs.record, "submissions": submissions}
    return replace(inputs, submissions=submissions, record=record, digest=_digest(record))


def _record(
    quarter: Quarter, frame: pd.DataFrame, submissions: list[dict[str, Any]]
) -> dict[str, Any]:
    vintages = sorted(
        {
            f"{system}:{vintage}"
            for system, vintage in zip(frame["geo_system"], frame["geo_vintage"], strict=True)
        }
    )
    return {
        "period": str(quarter),
        "submissions": submissions,
        "mapping_version": mapping_version(),
        "geo_vintages": vintages,
        "zones_sha256": _files_digest([ZONES_FILE, MEMBERS_FILE]),
        "code_version": f"crossbmo {version('crossbmo')} / builder {_code_digest()[:12]}",
    }


def _code_digest() -> str:
    # The builder's code includes the store's queries that choose its inputs: a change to them
    # must make a new revision, as a change here does.
    return _files_digest([*sorted(CODE_DIR.glob("*.py")), Path(bulletins.__file__)])


def _files_digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _digest(record: dict[str, Any]) -> str:
    text = json.dumps(record, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()
