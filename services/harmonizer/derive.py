"""Derived observations: (re)build the ISCO-08 figures of a stored BMO submission.

Kept apart from the ingest transaction on purpose: ISCO-08 figures depend on the mapping version
as much as on the file, so they must be rebuildable for every stored submission whenever
`crossbmo mappings build` makes a new version (`crossbmo mappings apply`). Each rebuild is one
transaction (old ISCO rows of the submission out, new ones in); the source figures are never
touched. If a process dies between an ingest and its derivation, `mappings apply` repairs it.
"""

from __future__ import annotations

from typing import Any, Final

import pandas as pd
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from schemas.canonical import OBSERVATION_COLUMNS
from services.harmonizer.adapters.france_travail_bmo import OCCUPATION_SYSTEM
from services.harmonizer.mappings.apply import ISCO_SYSTEM, isco_observations, unmapped_codes
from services.harmonizer.mappings.tables import mapping_version
from services.harmonizer.sources import SOURCES
from services.harmonizer.store.derived import (
    delete_observations,
    stored_submission_ids,
    submission_observations,
)
from services.harmonizer.store.ingest import Progress, insert_observations, no_progress
from services.harmonizer.store.models import Submission

# Sources whose occupations reach ISCO-08 through the crosswalks (their registry records say so).
DERIVING_SOURCES: Final = frozenset(source.id for source in SOURCES.values() if source.derives_isco)


def derive_isco(engine: Engine, submission_id: int, progress: Progress = no_progress) -> int:
    """Rebuild the ISCO-08 observations of one accepted BMO submission; returns their count."""
    with Session(engine) as session, session.begin():
        submission = session.get(Submission, submission_id)
        if submission is None or submission.source_id not in DERIVING_SOURCES:
            return 0
        source = _source_observations(session, submission_id)
        delete_observations(session, submission_id, ISCO_SYSTEM)
        if source.empty:
            return 0
        derived = isco_observations(source)
        insert_observations(session, submission_id, derived, progress)
        submission.report = _with_derivation(submission.report, source, len(derived))
    return len(derived)


def derive_isco_all(engine: Engine) -> dict[int, int]:
    """Rebuild the ISCO-08 observations of every accepted or superseded BMO submission."""
    with Session(engine) as session:
        ids = stored_submission_ids(session, DERIVING_SOURCES)
    return {submission_id: derive_isco(engine, submission_id) for submission_id in ids}


def _source_observations(session: Session, submission_id: int) -> pd.DataFrame:
    rows = submission_observations(session, submission_id, OCCUPATION_SYSTEM, OBSERVATION_COLUMNS)
    frame = pd.DataFrame(rows, columns=list(OBSERVATION_COLUMNS))
    frame["value"] = frame["value"].astype("float64")
    return frame


def _with_derivation(
    report: dict[str, Any] | None, source: pd.DataFrame, count: int
) -> dict[str, Any]:
    derived = {
        "isco08": {
            "mapping_version": mapping_version(),
            "observations": count,
            "unmapped_codes": unmapped_codes(source),
        }
    }
    return {**(report or {}), "derived": derived}
