"""Ingest real files and build a quarter's bulletin: the document a test reads, draft included."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from services.bulletin.read import release_document
from services.bulletin.release import build_release
from services.harmonizer.submit import ingest_file


def built_document(
    engine: Engine, raw_dir: Path, files: Iterable[tuple[str, Path]], language: str = "fr",
    period: str = "2025-Q2",
) -> dict[str, Any]:  # fmt: skip
    """Each (source, path) accepted, then ``period`` built; its document in ``language``."""
    for source, path in files:
        outcome = ingest_file(engine, raw_dir, source, path.name, path.read_bytes())
        assert outcome.status == "accepted", outcome
    build_release(engine, period)
    with Session(engine) as session:
        document = release_document(session, period, None, language, include_unpublished=True)
    assert document is not None
    return document
