"""Ingest one file: validate, then store its submission and observations in one transaction."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import pandas as pd
from sqlalchemy import Engine, insert, select, text, update
from sqlalchemy.orm import Session

from services.harmonizer.errors import Finding, ValidationFailed
from services.harmonizer.parsing import ParseResult, get_parser
from services.harmonizer.sources import get_source
from services.harmonizer.store.models import ShortageSignal, Submission
from services.harmonizer.store.raw_files import keep_raw_file, sha256_of

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
    submission_id: int
    status: str  # accepted | rejected | superseded (an earlier copy of the same file)
    duplicate: bool
    findings: list[Finding]
    observation_count: int
    superseded_ids: list[int]
    period: str | None = None


def no_progress(_stage: str, _done: int, _total: int) -> None:
    return None


def ingest_file(
    engine: Engine,
    raw_dir: Path,
    source_id: str,
    file_name: str,
    content: bytes,
    progress: Progress = no_progress,
    max_bytes: int | None = None,
) -> IngestOutcome:
    """Ingest ``content``; the same file twice is a no-op, a rejected file changes no data."""
    source = get_source(source_id)
    received_at = datetime.now(UTC)
    sha256 = sha256_of(content)
    if max_bytes is not None and len(content) > max_bytes:
        finding = Finding(
            "file-too-large",
            file=file_name,
            params={"size": str(len(content)), "limit": str(max_bytes)},
        )
        result = ParseResult(period=None, observations=None, findings=[finding])
    else:
        existing = _existing_copy(engine, source_id, sha256)
        if existing is not None:
            return existing
        keep_raw_file(raw_dir, sha256, content)
        progress("validate", 0, 1)
        result = _parse(source_id, content, file_name)
    record = {
        "source_id": source_id, "dataset": source.dataset, "period": result.period,
        "original_filename": file_name[:255], "sha256": sha256, "size_bytes": len(content),
        "received_at": received_at, "synthetic": is_synthetic(file_name, result),
    }  # fmt: skip
    return _store(engine, record, result, progress)


def is_synthetic(file_name: str, result: ParseResult) -> bool:
    """Marked synthetic in its name (project rule) or in its content (adapters say so)."""
    return "SYNTHETIC" in file_name.upper() or bool(result.stats.get("synthetic"))


def _parse(source_id: str, content: bytes, file_name: str) -> ParseResult:
    try:
        return get_parser(source_id)(content, file_name)
    except ValidationFailed as failure:
        return ParseResult(period=None, observations=None, findings=failure.findings)


def _existing_copy(engine: Engine, source_id: str, sha256: str) -> IngestOutcome | None:
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


def _store(
    engine: Engine, record: dict[str, Any], result: ParseResult, progress: Progress
) -> IngestOutcome:
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
