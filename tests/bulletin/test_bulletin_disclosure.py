"""Disclosure control: an attacker solving the published tables for each suppressed cell must
fail. The attacker here is written independently of services/bulletin/disclosure.py: it builds
its own equations (ISCO levels and zone trees, French and Belgian zones added together, NACE
sections adding up to all sectors) and asks linear algebra whether each hidden cell is
determined by the published figures."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from services.bulletin.disclosure import PRIMARY_THRESHOLD, protect, relations
from services.bulletin.release import build_release
from services.bulletin.zones import zone_tree
from services.harmonizer.store.releases import BulletinCell
from services.harmonizer.submit import ingest_file
from tests.conftest import SAMPLE_2023, SAMPLE_2025

COUNT_UNITS = {"projects", "vacancies", "offers", "persons", "aspirations"}
PARENT_CODE = {
    1: (0, lambda code: "_T"),
    2: (1, lambda code: code[:1]),
    4: (2, lambda code: code[:2]),
}


def attacker_equations(cells: list[dict[str, Any]]) -> list[list[int]]:
    """Each equation: [total, part, part, …] as indices into ``cells``."""
    parents = {code: zone.parent for code, zone in zone_tree().zones.items()}
    index = {_key(cell): position for position, cell in enumerate(cells)}
    groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for position, cell in enumerate(cells):
        concept = _concept(cell)
        level, code = cell["occupation_level"], cell["occupation_code"]
        if level in PARENT_CODE:
            upper, cut = PARENT_CODE[level]
            groups[("isco", *concept, cell["zone"], upper, cut(code))].append(position)
        if parents.get(cell["zone"]):
            groups[("zone", *concept, parents[cell["zone"]], level, code)].append(position)
        if concept[-1] != "_T":
            all_sectors = (*concept[:-1], "_T")
            groups[("sector", *all_sectors, cell["zone"], level, code)].append(position)
    equations = []
    for key, parts in groups.items():
        total = index.get(key[1:])
        if total is not None:
            equations.append([total, *parts])
    return equations


def _concept(cell: dict[str, Any]) -> tuple[Any, ...]:
    return (cell["indicator"], cell["unit"], cell["coverage"], cell["reference_period"],
            cell.get("nace_section", "_T"))  # fmt: skip


def _key(cell: dict[str, Any]) -> tuple[Any, ...]:
    return (*_concept(cell), cell["zone"], cell["occupation_level"], cell["occupation_code"])


def determined_cells(cells: list[dict[str, Any]]) -> list[int]:
    """Hidden cells whose unit vector lies in the row space of the equations' hidden part."""
    hidden = [position for position, cell in enumerate(cells) if cell["value"] is None]
    column = {position: number for number, position in enumerate(hidden)}
    rows = []
    for equation in attacker_equations(cells):
        row = np.zeros(len(hidden))
        for place, position in enumerate(equation):
            if position in column:
                row[column[position]] += -1.0 if place == 0 else 1.0
        if row.any():
            rows.append(row)
    if not rows:
        return []
    matrix = np.array(rows)
    # e_u lies in the row space exactly when every null-space vector has a zero at u.
    _, singular, vt = np.linalg.svd(matrix, full_matrices=True)
    rank = int((singular > 1e-9 * max(1.0, float(singular.max()))).sum())
    null_space = vt[rank:]
    involved = np.abs(matrix).sum(axis=0) > 0
    free = np.abs(null_space).max(axis=0) if len(null_space) else np.zeros(len(hidden))
    return [hidden[number] for number in np.flatnonzero(involved & (free <= 1e-7))]


def _published(engine: Engine, release_id: int) -> list[dict[str, Any]]:
    with Session(engine) as session:
        rows = session.scalars(
            select(BulletinCell).where(BulletinCell.release_id == release_id)
        ).all()
        return [
            {name: getattr(row, name) for name in (
                "zone", "occupation_level", "occupation_code", "indicator", "unit", "coverage",
                "reference_period", "nace_section", "value", "conf_status", "obs_status")}
            for row in rows
        ]  # fmt: skip


def test_no_suppressed_cell_of_a_real_release_can_be_recomputed(
    engine: Engine, raw_dir: Path
) -> None:
    for sample in (SAMPLE_2023, SAMPLE_2025):
        ingest_file(engine, raw_dir, "france-travail-bmo", sample.name, sample.read_bytes())
    outcome = build_release(engine, "2025-Q2")
    cells = _published(engine, outcome.release_id)
    counts = [cell for cell in cells if cell["unit"] in COUNT_UNITS]
    hidden = [cell for cell in counts if cell["value"] is None]
    assert len(hidden) > 100  # the unit groups of small bassins are suppressed
    assert {cell["conf_status"] for cell in hidden} == {"C", "D"}  # primary and secondary
    assert determined_cells(counts) == []
    # A share published with its base would give the count back: it never is when hidden.
    by_key = {_key(cell): cell for cell in counts}
    for share in (
        cell for cell in cells if cell["unit"] == "percent" and cell["value"] is not None
    ):
        numerator = "difficult" if share["indicator"] == "difficult_share" else "seasonal"
        place = _key(share)[2:]
        assert share["nace_section"] == "_T"  # BMO has no sector breakdown
        top = by_key[(f"{numerator}_hiring_projects", "projects", *place)]
        base = by_key[("hiring_projects", "projects", *place)]
        assert top["value"] is not None and base["value"] is not None


def test_the_attacker_does_find_a_lone_suppression() -> None:
    """The audit can fail: hiding one part of a published total is caught."""
    cells = [
        {"indicator": "x", "unit": "projects", "coverage": "all", "reference_period": "2025",
         "zone": "EMLKT-FR", "occupation_level": 0, "occupation_code": "_T", "value": 30.0},
        {"indicator": "x", "unit": "projects", "coverage": "all", "reference_period": "2025",
         "zone": "FR-BMO-3216", "occupation_level": 0, "occupation_code": "_T", "value": None},
        {"indicator": "x", "unit": "projects", "coverage": "all", "reference_period": "2025",
         "zone": "FR-BMO-3217", "occupation_level": 0, "occupation_code": "_T", "value": 28.0},
    ]  # fmt: skip
    assert determined_cells(cells) == [1]


# Cross-border tables: FR, VL and WA sides of the Eurométropole added together, ISCO 1 → 2 → 4.
LEAVES = (
    "FR-BMO-3216",
    "FR-BMO-3217",
    "BE-ARR-34000",
    "BE-ARR-33000",
    "BE-ARR-36000",
    "BE-ARR-37000",
    "BE-ARR-57000",
    "BE-ARR-51000",
)
CODES = ("7212", "7213", "7221", "8121")


SECTIONS = ("C", "F", "_U")  # manufacturing, construction, sector unknown


def cross_border_cells(values: list[int], sections: tuple[str, ...] = ()) -> pd.DataFrame:
    """Unit-group counts of the leaves (per section when given, `_T` their sum), summed up the
    ISCO levels and the zone tree, as the builder does."""
    tree = zone_tree()
    places = [(z, c, n) for z in LEAVES for c in CODES for n in (sections or ("_T",))]
    frame = pd.DataFrame(
        [{"zone": zone, "occupation_level": 4, "occupation_code": code, "nace_section": nace,
          "value": float(value)} for (zone, code, nace), value in zip(places, values, strict=True)]
    )  # fmt: skip
    if sections:
        totals = frame.groupby(["zone", "occupation_level", "occupation_code"], as_index=False)
        frame = pd.concat([frame, totals["value"].sum().assign(nace_section="_T")])
    keys = ["zone", "occupation_level", "occupation_code", "nace_section"]
    frames = [frame]
    for level, width in ((2, 2), (1, 1), (0, 0)):
        codes = frame["occupation_code"].str[:width] if width else "_T"
        upper = frame.assign(occupation_level=level, occupation_code=codes)
        frames.append(upper.groupby(keys, as_index=False)["value"].sum())
    cells = pd.concat(frames, ignore_index=True)
    for parent in tree.parents_bottom_up():
        children = tree.children(parent)
        rows = cells[cells["zone"].isin(children)]
        if rows["zone"].nunique() == len(children):
            summed = rows.groupby(keys[1:], as_index=False)["value"].sum()
            cells = pd.concat([cells, summed.assign(zone=parent)], ignore_index=True)
    return cells.assign(indicator="vacancies_received", unit="vacancies", coverage="all",
                        period_type="quarter", reference_period="2026-Q1")  # fmt: skip


def _attack(cells: pd.DataFrame) -> None:
    suppression = protect(cells["value"].to_numpy(dtype=float), relations(cells, zone_tree()))
    published = cells.to_dict("records")
    for position in suppression.all:
        published[position]["value"] = None
    small = [p for p, v in enumerate(cells["value"]) if 0 < v < PRIMARY_THRESHOLD]
    assert set(small) <= suppression.all
    assert "EMLKT" in set(cells["zone"])  # the cross-border total is part of the table
    assert determined_cells(published) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(min_value=0, max_value=40), min_size=len(LEAVES) * len(CODES),
                max_size=len(LEAVES) * len(CODES)))  # fmt: skip
def test_cross_border_tables_resist_the_attack(values: list[int]) -> None:
    """Whatever the counts, what protect() hides cannot be solved for."""
    _attack(cross_border_cells(values))


SECTOR_CELLS = len(LEAVES) * len(CODES) * len(SECTIONS)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(min_value=0, max_value=12), min_size=SECTOR_CELLS,
                max_size=SECTOR_CELLS))  # fmt: skip
def test_tables_by_nace_section_resist_the_attack(values: list[int]) -> None:
    """Sections add up to all sectors: a hidden section cannot be had from the total either."""
    cells = cross_border_cells(values, SECTIONS)
    assert set(cells["nace_section"]) == {*SECTIONS, "_T"}
    _attack(cells)


def test_the_attacker_solves_a_section_from_its_total() -> None:
    """The sector equations are real: hiding one section of a published total is caught."""
    base = {"indicator": "x", "unit": "vacancies", "coverage": "all", "reference_period": "2026",
            "zone": "BE-ARR-34000", "occupation_level": 0, "occupation_code": "_T"}  # fmt: skip
    cells = [
        {**base, "nace_section": "_T", "value": 30.0},
        {**base, "nace_section": "F", "value": None},
        {**base, "nace_section": "_U", "value": 25.0},
    ]
    assert determined_cells(cells) == [1]


def _svd_determined(rows: list[list[tuple[int, int]]], size: int) -> set[int]:
    matrix = np.zeros((len(rows), size))
    for number, row in enumerate(rows):
        for column, value in row:
            matrix[number, column] += value
    _, singular, vt = np.linalg.svd(matrix, full_matrices=True)
    rank = int((singular > 1e-9 * max(1.0, float(singular.max(initial=0.0)))).sum())
    free = np.abs(vt[rank:]).max(axis=0, initial=0.0) if rank < size else np.zeros(size)
    return {int(column) for column in np.flatnonzero(free <= 1e-7)}


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=24).flatmap(lambda size: st.tuples(
    st.just(size),
    st.lists(st.lists(st.integers(0, size - 1), min_size=1, max_size=6, unique=True),
             min_size=1, max_size=20),
)))  # fmt: skip
def test_exact_elimination_agrees_with_linear_algebra(system: tuple[int, list[list[int]]]) -> None:
    """The audit's sparse elimination (rowspace.py) pins down the same cells as an SVD."""
    from services.bulletin.rowspace import derivations, determined

    size, relations = system
    rows = [[(cells[0], -1)] + [(cell, 1) for cell in cells[1:]] for cells in relations]
    assert determined(rows) == _svd_determined(rows, size)
    # each cell's derivation alone pins it down too
    for cell, used in derivations(rows).items():
        assert cell in _svd_determined([rows[number] for number in sorted(used)], size)
