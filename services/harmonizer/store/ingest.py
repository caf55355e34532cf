"""Store a parsed file: its submission and observations (or signals) in one transaction.

Only storage: receiving, deduplicating and parsing a file is services/harmonizer/submit.py.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

import pandas as pd
from sqlalchemy import Engine, insert, select, text, update
from sqlalchemy.orm import Session

from services.harmonizer.adapters.base import ParseResult
from services.harmonizer.errors import Finding
from services.harmonizer.store.models import ShortageSignal, Submission

INSERT_BATCH: Final = 20_000
MAX_STORED_FINDINGS: Final = 10_000
OBSERVATION_FIELDS: Final = (
    "source_row", "dataset", "period", "period_type", "geo_system", "geo_vintage", "geo_code",
    "geo_label", "geo_department", "occupation_system", "occupation_version", "occupation_code",
    "occupation_label", "nace_section", "indicator", "unit", "coverage", "value", "obs_status",
    "conf_status",
)  # fmt: skip
NULLABLE_FIELDS: Final = frozenset({"source_row", "geo_department", "value"})
LOOKUP_ORDER: Final = ("dataset", "period", "geo_code", "indicator")  # ix_observations_lookup
Progress = Callable[[str, int, int], None]  # stage, done, total


@dataclass(frozen=True)
class IngestOutcome:
    """What the store made of a file: a new submission, or the earlier copy of the same bytes."""

    submission_id: int
    status: str  # accepted | rejected | superseded (an earlier copy of the same file)
    duplicate: bool
    findings: list[Finding]
    observation_count: int
    superseded_ids: list[int]
    period: str | None = None


def no_progress(_stage: str, _done: int, _total: int) -> None:
    return None


def existing_copy(engine: Engine, source_id: str, sha256: str) -> IngestOutcome | None:
    """An earlier accepted (or since superseded) submission of the very same bytes."""
    with Session(engine) as session:
        return _earlier_copy(session, source_id, sha256)


def _earlier_copy(session: Session, source_id: str, sha256: str) -> IngestOutcome | None:
    earlier = session.scalars(
        select(Submission)
        .where(Submission.source_id == source_id, Submission.sha256 == sha256)
        .where(Submission.status.in_(("accepted", "superseded")))
        .order_by(Submission.id)
    ).first()
    if earlier is None:
        return None
    return IngestOutcome(
        earlier.id, earlier.status, True, [], earlier.observation_count, [], earlier.period
    )


def _serialize_period(session: Session, record: dict[str, Any]) -> None:
    """One accepted submission at a time per source and period.

    Two files for the same period stored at once would each miss the other when superseding,
    leaving two current submissions (PostgreSQL, READ COMMITTED); and the same file sent twice
    at once would be stored twice. PostgreSQL: a transaction-scoped advisory lock orders them.
    SQLite: a no-op write takes the database's write lock *before* the duplicate check reads
    (a deferred transaction would only take it at the first insert, after that read).
    """
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("UPDATE submissions SET id = id WHERE 0 = 1"))
        return
    name = f"{record['source_id']}|{record['dataset']}|{record['period']}"
    key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def _errors(findings: list[Finding]) -> list[Finding]:
    """Findings that reject the file; warnings (e.g. an unresolved label) are only reported."""
    return [finding for finding in findings if finding.severity == "error"]


def _report(result: ParseResult) -> dict[str, Any]:
    counts: dict[str, int] = {}
    for finding in result.findings:
        counts[finding.code] = counts.get(finding.code, 0) + 1
    return {
        "valid": not _errors(result.findings),
        "finding_count": len(result.findings),
        "warning_count": len(result.findings) - len(_errors(result.findings)),
        "counts_by_code": counts,
        "findings": [f.to_dict() for f in result.findings[:MAX_STORED_FINDINGS]],
        "truncated": len(result.findings) > MAX_STORED_FINDINGS,
        "stats": result.stats,
    }


def store_submission(
    engine: Engine, record: dict[str, Any], result: ParseResult, progress: Progress = no_progress
) -> IngestOutcome:
    """Store ``result`` as one submission described by ``record`` (the columns of `submissions`
    known before storing); accepted unless it has errors, superseding the period's earlier file."""
    observations = result.observations
    signals = result.shortage_signals
    rows = observations if observations is not None else signals
    accepted = rows is not None and not _errors(result.findings)
    status = "accepted" if accepted else "rejected"
    superseded: list[int] = []
    count = 0 if rows is None else len(rows)  # observations, or signals of a shortage list
    with Session(engine) as session, session.begin():
        if accepted:
            _serialize_period(session, record)
            duplicate = _earlier_copy(session, record["source_id"], record["sha256"])
            if duplicate is not None:  # the same file, stored meanwhile by another request
                return duplicate
        submission = Submission(
            **record, status=status, report=_report(result), observation_count=count
        )
        session.add(submission)
        session.flush()
        if accepted and observations is not None:
            insert_observations(session, submission.id, observations, progress)
        if accepted and signals is not None:
            _insert_shortage_signals(session, submission.id, signals)
        if accepted:
            superseded = _supersede_earlier(session, submission)
        submission.finished_at = datetime.now(UTC)
        submission_id = submission.id
    return IngestOutcome(
        submission_id, status, False, result.findings, count, superseded, result.period
    )


def insert_observations(
    session: Session, submission_id: int, observations: pd.DataFrame, progress: Progress
) -> None:
    """Bulk load in the session's transaction: COPY on PostgreSQL, executemany on SQLite."""
    columns = ("submission_id", *OBSERVATION_FIELDS)
    # Rows in the order of the lookup index turn its B-tree updates into near-appends (it cost
    # more than the table itself on the national file); source_row keeps the file's order.
    observations = observations.sort_values(list(LOOKUP_ORDER), kind="stable")
    values = [[submission_id] * len(observations)]
    values += [_python_values(observations[field]) for field in OBSERVATION_FIELDS]
    rows = list(zip(*values, strict=True))
    connection = session.connection()
    driver = connection.connection.driver_connection
    loader = _copy_rows if connection.dialect.name == "postgresql" else _executemany_rows
    for start in range(0, len(rows), INSERT_BATCH):
        loader(driver, columns, rows[start : start + INSERT_BATCH])
        progress("store", min(start + INSERT_BATCH, len(rows)), len(rows))


def _insert_shortage_signals(session: Session, submission_id: int, signals: pd.DataFrame) -> None:
    """A list has a few hundred rows: a plain executemany in the same transaction."""
    frame = signals.astype(object).where(signals.notna(), None)
    records: list[dict[str, Any]] = frame.to_dict("records")  # type: ignore[assignment]
    rows = [{**row, "submission_id": submission_id} for row in records]
    session.execute(insert(ShortageSignal), rows)


def _python_values(column: pd.Series) -> list[Any]:
    """Plain Python values for the driver, missing values (NaN, pd.NA) as None."""
    values = column.tolist()
    if column.name not in NULLABLE_FIELDS:  # the canonical schema has checked they are filled
        return values
    missing = column.isna().tolist()
    return [None if absent else value for value, absent in zip(values, missing, strict=True)]


def _copy_rows(driver: Any, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    statement = f"COPY observations ({', '.join(columns)}) FROM STDIN"
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def _executemany_rows(driver: Any, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    placeholders = ", ".join("?" for _ in columns)
    statement = f"INSERT INTO observations ({', '.join(columns)}) VALUES ({placeholders})"
    cursor = driver.cursor()
    try:
        cursor.executemany(statement, rows)
    finally:
        cursor.close()


def _supersede_earlier(session: Session, submission: Submission) -> list[int]:
    """A corrected file for the same period replaces the accepted one; both stay in history."""
    earlier = session.scalars(
        select(Submission.id).where(
            Submission.source_id == submission.source_id,
            Submission.dataset == submission.dataset,
            Submission.period == submission.period,
            Submission.status == "accepted",
            Submission.id != submission.id,
        )
    ).all()
    if earlier:
        session.execute(
            update(Submission)
            .where(Submission.id.in_(earlier))
            .values(status="superseded", superseded_by_id=submission.id)
        )
    return list(earlier)
