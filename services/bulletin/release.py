"""Releases: store a computed bulletin as revision N of its quarter, move it draft → preview
→ public. A rebuild with the inputs of the latest revision is a no-op; other inputs give a
new revision with a machine-readable diff. Stored revisions never change, only their state."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

import pandas as pd
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from services.bulletin.build import Computed, compute
from services.bulletin.periods import Quarter
from services.harmonizer.store.bulletins import cell_columns, find_release, store_release
from services.harmonizer.store.releases import BulletinRelease

KEY: Final = (
    "zone", "occupation_level", "occupation_code", "nace_section", "indicator", "unit",
    "coverage", "reference_period",
)  # fmt: skip
NEXT_STATE: Final = {"preview": ("draft",), "public": ("draft", "preview")}


class ReleaseError(ValueError):
    """A state change the release cannot make (no release, or already further on)."""

    def __init__(self, code: str, period: str) -> None:
        super().__init__(code)
        self.code = code
        self.period = period


@dataclass(frozen=True)
class BuildOutcome:
    release_id: int
    period: str
    revision: int
    created: bool  # False: the latest revision had the same inputs
    cells: int
    diff: dict[str, Any]


def build_release(engine: Engine, period: str) -> BuildOutcome:
    quarter = Quarter.parse(period)
    with Session(engine) as session, session.begin():
        computed = compute(session, quarter)
        previous = find_release(session, str(quarter))
        if previous is not None and previous.inputs_digest == computed.inputs.digest:
            return BuildOutcome(
                previous.id, previous.period, previous.revision, False, 0, previous.diff
            )
        release = _store(session, quarter, computed, previous)
        return BuildOutcome(
            release.id, release.period, release.revision, True, len(computed.cells), release.diff
        )


def _store(
    session: Session, quarter: Quarter, computed: Computed, previous: BulletinRelease | None
) -> BulletinRelease:
    cells = _with_changes(session, quarter, computed.cells)
    release = BulletinRelease(
        period=str(quarter),
        revision=(previous.revision + 1) if previous else 1,
        state="draft",
        created_at=datetime.now(UTC),
        inputs=computed.inputs.record,
        inputs_digest=computed.inputs.digest,
        diff=_diff(session, previous, cells, computed.inputs.record),
        summary=computed.summary,
    )
    records = cells.astype(object).where(cells.notna(), None).to_dict("records")
    rows = [{str(name): value for name, value in record.items()} for record in records]
    return store_release(session, release, rows)


def _published_values(session: Session, period: Quarter) -> dict[tuple[Any, ...], float | None]:
    release = find_release(session, str(period))
    if release is None:
        return {}
    rows = cell_columns(session, release.id, [*KEY[:-1], "value"])
    return {tuple(row[:-1]): row[-1] for row in rows}


def _with_changes(session: Session, quarter: Quarter, cells: pd.DataFrame) -> pd.DataFrame:
    """The same cell in the latest revision of the previous quarter and of a year earlier."""
    columns = [name for name in KEY if name != "reference_period"]
    keys = list(cells[columns].itertuples(index=False, name=None))
    before = _published_values(session, quarter.previous())
    year_before = _published_values(session, quarter.year_earlier())
    annual = (cells["period_type"] == "year").to_numpy()
    previous_quarter = pd.Series(
        [None if yearly else before.get(key) for key, yearly in zip(keys, annual, strict=True)],
        index=cells.index, dtype=object,
    )  # fmt: skip
    previous_year = pd.Series(
        [year_before.get(key) for key in keys], index=cells.index, dtype=object
    )
    return cells.assign(previous_quarter=previous_quarter, previous_year=previous_year)


def _cell_map(frame: pd.DataFrame) -> dict[str, tuple[Any, str, str]]:
    return {
        "|".join(str(part) for part in row[: len(KEY)]): (_number(row[-3]), row[-2], row[-1])
        for row in frame[[*KEY, "value", "obs_status", "conf_status"]].itertuples(
            index=False, name=None
        )
    }


def _number(value: Any) -> float | None:
    return (
        None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)
    )


def _diff(
    session: Session, previous: BulletinRelease | None, cells: pd.DataFrame, inputs: dict[str, Any]
) -> dict[str, Any]:
    if previous is None:
        return {
            "previous_revision": None,
            "added": len(cells),
            "removed": [],
            "changed": [],
            "inputs": {},
        }
    old_rows = cell_columns(session, previous.id, [*KEY, "value", "obs_status", "conf_status"])
    old = _cell_map(pd.DataFrame(old_rows, columns=[*KEY, "value", "obs_status", "conf_status"]))
    new = _cell_map(cells)
    changed = [
        {"cell": key, "before": list(old[key]), "after": list(new[key])}
        for key in sorted(old.keys() & new.keys())
        if old[key] != new[key]
    ]
    return {
        "previous_revision": previous.revision,
        "added": sorted(new.keys() - old.keys()),
        "removed": sorted(old.keys() - new.keys()),
        "changed": changed,
        "inputs": {name: {"before": previous.inputs.get(name), "after": value}
                   for name, value in inputs.items() if previous.inputs.get(name) != value},
    }  # fmt: skip


def advance(engine: Engine, period: str, state: str) -> BulletinRelease:
    """Move the latest revision of a quarter to preview (partners) or public; a no-op when it
    is there already, an error when it is further on or absent."""
    quarter = Quarter.parse(period)
    with Session(engine, expire_on_commit=False) as session, session.begin():
        release = find_release(session, str(quarter))
        if release is None:
            raise ReleaseError("bulletin-not-built", str(quarter))
        if release.state == state:  # publishing twice changes nothing (`make run` re-runs it)
            return release
        if release.state not in NEXT_STATE[state]:
            raise ReleaseError(f"bulletin-already-{release.state}", str(quarter))
        now = datetime.now(UTC)
        if state == "preview" or release.previewed_at is None:
            release.previewed_at = now
        if state == "public":
            release.published_at = now
        release.state = state
        return release
