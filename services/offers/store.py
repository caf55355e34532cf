"""Load offer files into `job_offers` (one transaction) and mark offers republished elsewhere.

Deduplication rule (README "Job offers"): an offer that one service republishes from another is
shown once, as the original service's offer. (1) A republished offer (Forem `source` other than
its own) whose external reference is the offer id at the service it names is a copy of that
offer. (2) Otherwise, offers of different services with the same fingerprint — title without
gender marks, commune (or postal code) and ISCO-08 unit group, accents and case ignored — and no
conflicting employer are one offer: the service's own offer (not republished) is kept, then the
earliest published, then the first loaded. Offers of one service are never merged.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Final

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from services.harmonizer.errors import Finding, ValidationFailed
from services.harmonizer.sources import OFFER_SOURCES, Source, resolve
from services.harmonizer.store import offers as offer_queries
from services.offers.occupations import normalize
from services.offers.records import OfferFile, duplicate_ids, offers_frame

# The service a republished offer's `source` names, for rule (1).
SERVICE_OF_SOURCE: Final = {
    "vdab": "vdab",
    "pole emploi": "france-travail",
    "france travail": "france-travail",
    "le forem": "forem",
    "forem": "forem",
}
GENDER_MARKS: Final = re.compile(r"\((h/f|f/h|m/f|m/v|v/m|h/f/x|m/v/x|m/f/x|v/m/x|x)\)", re.I)


@dataclass
class LoadOutcome:
    status: str  # "loaded" or "rejected"
    findings: list[Finding]
    inserted: int = 0
    updated: int = 0
    duplicates: int = 0
    stats: dict[str, Any] = field(default_factory=dict)


def fingerprint(title: str, place: str | None, isco08: str | None) -> str:
    key = "|".join((normalize(GENDER_MARKS.sub(" ", title)), place or "", isco08 or ""))
    return hashlib.sha256(key.encode()).hexdigest()


def read_file(source: str, content: bytes, file_name: str) -> OfferFile:
    """The canonical offers of a file, checked; raises ValidationFailed on unreadable files."""
    record = OFFER_SOURCES[source]
    reader: Callable[[Source, bytes, str], OfferFile] = resolve(str(record.offer_reader))
    offer_file = reader(record, content, file_name)
    if not offer_file.errors:
        offer_file.findings += duplicate_ids(offer_file.offers, file_name, "id")
    if not offer_file.errors and not offer_file.offers:
        offer_file.findings.append(Finding("no-data-rows", file=file_name))
    return offer_file


def load_offers(engine: Engine, source: str, content: bytes, file_name: str) -> LoadOutcome:
    """Store every offer of a valid file, or nothing (a rejected file changes nothing)."""
    try:
        offer_file = read_file(source, content, file_name)
    except ValidationFailed as failure:
        return LoadOutcome("rejected", failure.findings)
    if offer_file.errors:
        return LoadOutcome("rejected", offer_file.findings)
    frame = offers_frame(offer_file.offers)
    sha256 = hashlib.sha256(content).hexdigest()
    with Session(engine) as session, session.begin():
        records: list[dict[str, Any]] = frame.to_dict("records")  # type: ignore[assignment]
        inserted, updated = _upsert(session, records, sha256)
        duplicates = deduplicate(session)
    if engine.dialect.name == "postgresql":
        offer_queries.vacuum_offers(engine)
    return LoadOutcome(
        "loaded", offer_file.findings, inserted, updated, duplicates, offer_file.stats
    )


def _row(record: dict[str, Any], sha256: str, now: datetime) -> dict[str, Any]:
    row: dict[str, Any] = {
        key: (None if _is_missing(value) else value) for key, value in record.items()
    }
    row["valid_from"] = date.fromisoformat(str(row["valid_from"]))
    if row["valid_through"]:
        row["valid_through"] = date.fromisoformat(str(row["valid_through"]))
    row["fingerprint"] = fingerprint(
        str(row["title"]), row["commune_code"] or row["postal_code"], row["isco08"]
    )
    return {**row, "languages": row["languages"] or "", "file_sha256": sha256, "loaded_at": now}


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _upsert(session: Session, records: list[dict[str, Any]], sha256: str) -> tuple[int, int]:
    now = datetime.now(UTC)
    service = records[0]["source_service"]
    known = offer_queries.known_offer_ids(session, service)
    rows = [_row(record, sha256, now) for record in records]
    new = [row for row in rows if row["source_offer_id"] not in known]
    changed = [
        {**row, "id": known[row["source_offer_id"]]}
        for row in rows
        if row["source_offer_id"] in known
    ]
    if new:
        offer_queries.insert_offers(session, new)
    if changed:
        offer_queries.update_offers(session, changed)
    return len(new), len(changed)


@dataclass(frozen=True)
class _Candidate:
    id: int
    service: str
    offer_id: str
    republished_from: str | None
    external_reference: str | None
    employer: str | None
    valid_from: date
    fingerprint: str

    def rank(self) -> tuple[bool, date, int]:
        return (self.republished_from is not None, self.valid_from, self.id)


def _candidates(session: Session) -> list[_Candidate]:
    return [_Candidate(*row) for row in offer_queries.dedup_candidates(session)]


def _by_reference(candidates: list[_Candidate]) -> dict[int, int]:
    """Rule (1): republished offer id → the original's id."""
    ids = {(c.service, c.offer_id): c.id for c in candidates}
    found: dict[int, int] = {}
    for candidate in candidates:
        service = SERVICE_OF_SOURCE.get(normalize(candidate.republished_from or ""))
        original = ids.get((service or "", candidate.external_reference or ""))
        if candidate.external_reference and original is not None and original != candidate.id:
            found[candidate.id] = original
    return found


def _employers_agree(group: Iterable[_Candidate]) -> bool:
    employers = {normalize(c.employer) for c in group if c.employer}
    return len(employers) <= 1


def _by_fingerprint(candidates: list[_Candidate], taken: dict[int, int]) -> dict[int, int]:
    """Rule (2): copies across services with the same fingerprint → the kept offer's id."""
    groups: dict[str, list[_Candidate]] = defaultdict(list)
    for candidate in candidates:
        if candidate.id not in taken:
            groups[candidate.fingerprint].append(candidate)
    found: dict[int, int] = {}
    for group in groups.values():
        if len({c.service for c in group}) < 2 or not _employers_agree(group):
            continue
        kept = min(group, key=_Candidate.rank)
        found |= {c.id: kept.id for c in group if c.service != kept.service}
    return found


def deduplicate(session: Session) -> int:
    """Recompute `duplicate_of_id` of every offer (writing only what changed); returns how many
    offers are copies."""
    candidates = _candidates(session)
    copies = _by_reference(candidates)
    copies |= _by_fingerprint(candidates, copies)
    current = offer_queries.marked_duplicates(session)
    changes = [{"id": id_, "duplicate_of_id": None} for id_ in current if id_ not in copies]
    changes += [
        {"id": copy, "duplicate_of_id": kept}
        for copy, kept in copies.items()
        if current.get(copy) != kept
    ]
    if changes:
        offer_queries.update_offers(session, changes)
    return len(copies)
