"""The release's inputs list every file any section reads (#18): a corrected shortage list
makes a new revision, as a corrected count does, and the edition names the list."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from services.bulletin.read import release_document
from services.bulletin.release import build_release
from services.harmonizer.submit import ingest_file
from tests.conftest import ROOT, SAMPLE_2025

SHORTAGE = (
    ROOT / "data" / "samples" / "vdab" / "vdab_knelpuntberoepen_2026_SECONDARY_lexpat_contract.csv"
)


def _ingest(engine: Engine, raw_dir: Path, source: str, name: str, content: bytes) -> int:
    outcome = ingest_file(engine, raw_dir, source, name, content)
    assert outcome.status == "accepted", outcome
    return outcome.submission_id


def test_a_corrected_shortage_list_makes_a_new_revision(engine: Engine, raw_dir: Path) -> None:
    _ingest(engine, raw_dir, "france-travail-bmo", SAMPLE_2025.name, SAMPLE_2025.read_bytes())
    original = SHORTAGE.read_bytes()
    first_list = _ingest(engine, raw_dir, "vdab-shortage", SHORTAGE.name, original)
    first = build_release(engine, "2025-Q2")
    assert (first.revision, first.created) == (1, True)
    assert build_release(engine, "2025-Q2").created is False  # same inputs: a no-op
    # The corrected list drops one occupation (the last data line).
    lines = original.decode("utf-8").splitlines()
    dropped = lines[-1].split(";")[1]
    corrected = ("\n".join(lines[:-1]) + "\n").encode("utf-8")
    second_list = _ingest(engine, raw_dir, "vdab-shortage", "corrected.csv", corrected)
    second = build_release(engine, "2025-Q2")
    assert (second.revision, second.created) == (2, True)
    with Session(engine) as session:
        old = release_document(session, "2025-Q2", 1, "en", include_unpublished=True)
        new = release_document(session, "2025-Q2", 2, "en", include_unpublished=True)
    assert old is not None and new is not None
    ids = {item["id"] for item in new["inputs"]["submissions"]}
    assert second_list in ids and first_list not in ids
    assert first_list in {item["id"] for item in old["inputs"]["submissions"]}
    labels = {
        s["occupation_label"] for s in new["shortage_signals"] if s["source_id"] == "vdab-shortage"
    }
    assert dropped not in labels
