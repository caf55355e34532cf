"""The one submit pipeline: size cap → dedupe → keep raw file → parse → store → ISCO-08 figures.

`crossbmo ingest`, `crossbmo pull` and the exchange's upload route all hand a received file to
`submit_file`, so a file is treated the same whichever way it arrives.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Engine

from services.harmonizer.adapters import adapter_for
from services.harmonizer.adapters.base import ParseResult
from services.harmonizer.derive import derive_isco
from services.harmonizer.errors import Finding, ValidationFailed
from services.harmonizer.sources import get_source
from services.harmonizer.store.ingest import (
    IngestOutcome,
    Progress,
    existing_copy,
    no_progress,
    store_submission,
)
from services.harmonizer.store.raw_files import keep_raw_file, sha256_of

# Reported once, before the derivation, which has no count of its own to show.
DERIVE_STAGE: Final = "derive"


@dataclass(frozen=True)
class SubmitOutcome(IngestOutcome):
    """The store's outcome, and how many ISCO-08 observations were derived from the file."""

    derived: int = 0


def submit_file(
    engine: Engine,
    raw_dir: Path,
    source_id: str,
    file_name: str,
    content: bytes,
    progress: Progress = no_progress,
    max_bytes: int | None = None,
) -> SubmitOutcome:
    """Ingest ``content``, then derive the ISCO-08 figures of a newly accepted file.

    Derivation is its own transaction (services/harmonizer/derive.py says why); a copy
    already received or a rejected file derives nothing.
    """
    outcome = ingest_file(engine, raw_dir, source_id, file_name, content, progress, max_bytes)
    derived = 0
    if outcome.status == "accepted" and not outcome.duplicate:
        progress(DERIVE_STAGE, 0, 1)
        derived = derive_isco(engine, outcome.submission_id)
    stored = {field.name: getattr(outcome, field.name) for field in fields(outcome)}
    return SubmitOutcome(**stored, derived=derived)


def ingest_file(
    engine: Engine,
    raw_dir: Path,
    source_id: str,
    file_name: str,
    content: bytes,
    progress: Progress = no_progress,
    max_bytes: int | None = None,
) -> IngestOutcome:
    """The pipeline up to the store, without derived figures (what tests and benchmarks measure).

    The same file twice is a no-op, a rejected file changes no data.
    """
    source = get_source(source_id)
    received_at = datetime.now(UTC)
    sha256 = sha256_of(content)
    if max_bytes is not None and len(content) > max_bytes:
        # Too large to read: rejected with a finding, and neither deduplicated nor kept.
        finding = Finding(
            "file-too-large",
            file=file_name,
            params={"size": str(len(content)), "limit": str(max_bytes)},
        )
        result = ParseResult(period=None, observations=None, findings=[finding])
    else:
        existing = existing_copy(engine, source_id, sha256)
        if existing is not None:
            return existing
        keep_raw_file(raw_dir, sha256, content)
        progress("validate", 0, 1)
        result = _parse(source_id, content, file_name)
    record: dict[str, Any] = {
        "source_id": source_id, "dataset": result.dataset or source.dataset,
        "period": result.period,
        "original_filename": file_name[:255], "sha256": sha256, "size_bytes": len(content),
        "received_at": received_at, "synthetic": is_synthetic(file_name, result),
    }  # fmt: skip
    return store_submission(engine, record, result, progress)


def is_synthetic(file_name: str, result: ParseResult) -> bool:
    """Marked synthetic in its name (project rule) or in its content (adapters say so)."""
    return "SYNTHETIC" in file_name.upper() or bool(result.stats.get("synthetic"))


def _parse(source_id: str, content: bytes, file_name: str) -> ParseResult:
    try:
        return adapter_for(source_id).parse(content, file_name)
    except ValidationFailed as failure:
        return ParseResult(period=None, observations=None, findings=failure.findings)
