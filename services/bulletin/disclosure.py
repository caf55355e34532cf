"""Statistical disclosure control of the count cells.

Primary: a cell below PRIMARY_THRESHOLD (and above 0) is suppressed, as is a cell whose parts
are all secret at the source. Secondary: the cells of one concept are tied by additive
relations — each ISCO parent is the sum of its children in a zone, each parent zone the sum of
its children for an occupation, including the zones that add French and Belgian sides, and
each all-sector figure the sum of its NACE sections where a source breaks it down (a source
filtered on one sector makes that relation stricter than the truth: more is suppressed, never
less). Cells
are suppressed until no relation has exactly one suppressed cell, then a linear audit solves
every relation for the suppressed cells: any cell the published figures determine gets a
complement suppressed, until none is determined.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import pandas as pd

from services.bulletin.cells import CONCEPT, TOTAL
from services.bulletin.zones import ZoneTree

# Counts below 4 are not published: VDAB Arvastat's rule (it suppresses 1–3), the strictest of
# the three services, applied to every source so that the sides are comparable.
PRIMARY_THRESHOLD: Final = 4.0
PARENT_LEVEL: Final = {1: 0, 2: 1, 4: 2}
PARENT_WIDTH: Final = {1: 0, 2: 1, 4: 2}
NULL_TOLERANCE: Final = 1e-9
SECTOR: Final = CONCEPT.index("nace_section")
Relation = tuple[int, ...]  # cell ids; the first is the total, the others its parts


@dataclass
class Suppression:
    primary: set[int] = field(default_factory=set)
    secondary: set[int] = field(default_factory=set)

    @property
    def all(self) -> set[int]:
        return self.primary | self.secondary


def relations(cells: pd.DataFrame, tree: ZoneTree) -> list[Relation]:
    """Every additive relation between published cells (ids are the frame's positions)."""
    ids = {key: position for position, key in enumerate(_keys(cells))}
    found: list[Relation] = []
    groups: dict[tuple[object, ...], list[int]] = defaultdict(list)
    concepts = cells[list(CONCEPT)].itertuples(index=False, name=None)
    places = zip(cells["zone"].astype(str), cells["occupation_level"].astype(int),
                 cells["occupation_code"].astype(str), strict=True)  # fmt: skip
    for position, (concept, (zone, level, code)) in enumerate(zip(concepts, places, strict=True)):
        if level in PARENT_LEVEL:
            parent_code = code[: PARENT_WIDTH[level]] if PARENT_WIDTH[level] else TOTAL
            groups[("isco", *concept, zone, PARENT_LEVEL[level], parent_code)].append(position)
        parent_zone = tree.zones[zone].parent
        if parent_zone is not None:
            groups[("zone", *concept, parent_zone, level, code)].append(position)
        if concept[SECTOR] != TOTAL:
            all_sectors = (*concept[:SECTOR], TOTAL, *concept[SECTOR + 1 :])
            groups[("sector", *all_sectors, zone, level, code)].append(position)
    for (_, *total_key), parts in groups.items():
        total = ids.get(tuple(total_key))
        if total is not None:
            found.append((total, *parts))
    return found


def _keys(cells: pd.DataFrame) -> Iterable[tuple[object, ...]]:
    columns = [*CONCEPT, "zone", "occupation_level", "occupation_code"]
    return cells[columns].itertuples(index=False, name=None)


def primary(values: np.ndarray) -> set[int]:
    unknown = np.isnan(values)
    small = (values > 0) & (values < PRIMARY_THRESHOLD)
    return {int(position) for position in np.flatnonzero(unknown | small)}


def protect(values: np.ndarray, links: list[Relation]) -> Suppression:
    """Primary suppression, then complements until no suppressed cell can be recomputed."""
    suppression = Suppression(primary=primary(values))
    while True:
        _close_single_gaps(values, links, suppression)
        determined = recomputable(links, suppression.all)
        if not determined:
            return suppression
        hidden_before = len(suppression.all)
        for position in sorted(determined):
            _suppress_complement(values, links, suppression, position)
        if len(suppression.all) == hidden_before:  # derived through fully hidden relations
            for position in sorted(determined):
                _suppress_on_derivation(values, links, suppression, position)
        if len(suppression.all) == hidden_before:
            raise RuntimeError("disclosure control cannot protect a recomputable cell")


def _close_single_gaps(values: np.ndarray, links: list[Relation], suppression: Suppression) -> None:
    changed = True
    while changed:
        changed = False
        for relation in links:
            hidden = suppression.all
            if sum(1 for cell in relation if cell in hidden) == 1:
                changed |= _suppress_in(values, relation, suppression)


def _suppress_in(values: np.ndarray, relation: Relation, suppression: Suppression) -> bool:
    """Suppress the smallest published part (else the total) of a relation."""
    hidden = suppression.all
    candidates = [cell for cell in relation[1:] if cell not in hidden]
    if not candidates and relation[0] not in hidden:
        candidates = [relation[0]]
    if not candidates:
        return False
    nonzero = [cell for cell in candidates if values[cell] != 0] or candidates
    suppression.secondary.add(min(nonzero, key=lambda cell: (values[cell], cell)))
    return True


def _suppress_complement(
    values: np.ndarray, links: list[Relation], suppression: Suppression, position: int
) -> None:
    touching = [relation for relation in links if position in relation]
    hidden = suppression.all
    touching.sort(key=lambda relation: sum(1 for cell in relation if cell in hidden))
    for relation in touching:
        if _suppress_in(values, relation, suppression):
            return


def _suppress_on_derivation(
    values: np.ndarray, links: list[Relation], suppression: Suppression, position: int
) -> None:
    """The relations that give the cell away, combined (least squares on their hidden part):
    suppress in the one with the fewest published cells."""
    hidden = suppression.all
    rows = [relation for relation in links if any(cell in hidden for cell in relation)]
    for unknowns, component_rows in _components(rows, hidden):
        if position not in unknowns:
            continue
        matrix = _hidden_matrix(unknowns, component_rows, hidden)
        target = np.zeros(len(unknowns))
        target[unknowns.index(position)] = 1.0
        weights = np.linalg.lstsq(matrix.T, target, rcond=None)[0]
        used = [
            relation for relation, weight in zip(component_rows, weights, strict=True)
            if abs(weight) > 1e-7 and any(cell not in hidden for cell in relation)
        ]  # fmt: skip
        used.sort(key=lambda relation: sum(1 for cell in relation if cell not in hidden))
        for relation in used:
            if _suppress_in(values, relation, suppression):
                return


def recomputable(links: list[Relation], hidden: set[int]) -> set[int]:
    """Suppressed cells the published cells determine: solve the relations for them."""
    rows = [relation for relation in links if any(cell in hidden for cell in relation)]
    determined: set[int] = set()
    for component, component_rows in _components(rows, hidden):
        determined |= _determined(component, component_rows, hidden)
    return determined


def _components(rows: list[Relation], hidden: set[int]) -> list[tuple[list[int], list[Relation]]]:
    parent: dict[int, int] = {
        cell: cell for relation in rows for cell in relation if cell in hidden
    }

    def find(cell: int) -> int:
        while parent[cell] != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    for relation in rows:
        unknown = [cell for cell in relation if cell in hidden]
        for cell in unknown[1:]:
            parent[find(cell)] = find(unknown[0])
    members: dict[int, list[int]] = defaultdict(list)
    for cell in parent:
        members[find(cell)].append(cell)
    by_root: dict[int, list[Relation]] = defaultdict(list)
    for relation in rows:
        first = next(cell for cell in relation if cell in hidden)
        by_root[find(first)].append(relation)
    return [(sorted(cells), by_root[root]) for root, cells in members.items()]


def _hidden_matrix(unknowns: list[int], rows: list[Relation], hidden: set[int]) -> np.ndarray:
    column = {cell: index for index, cell in enumerate(unknowns)}
    matrix = np.zeros((len(rows), len(unknowns)))
    for row, relation in enumerate(rows):
        for position, cell in enumerate(relation):
            if cell in hidden:
                matrix[row, column[cell]] += -1.0 if position == 0 else 1.0
    return matrix


def _determined(unknowns: list[int], rows: list[Relation], hidden: set[int]) -> set[int]:
    matrix = _hidden_matrix(unknowns, rows, hidden)
    _, singular, vt = np.linalg.svd(matrix, full_matrices=True)
    rank = int((singular > NULL_TOLERANCE * max(1.0, float(singular.max(initial=0.0)))).sum())
    null_space = vt[rank:]
    free = (
        np.abs(null_space).max(axis=0, initial=0.0) if len(null_space) else np.zeros(len(unknowns))
    )
    return {unknowns[index] for index in np.flatnonzero(free <= 1e-7)}
