"""Statistical disclosure control of the count cells.

Primary: a cell below PRIMARY_THRESHOLD (and above 0) is suppressed, as is a cell whose parts
are all secret at the source. Secondary: the cells of one concept are tied by additive
relations — each ISCO parent is the sum of its children in a zone, each parent zone the sum of
its children for an occupation, including the zones that add French and Belgian sides, and
each all-sector figure the sum of its NACE sections where a source breaks it down (a source
filtered on one sector makes that relation stricter than the truth: more is suppressed, never
less). Cells
are suppressed until no relation has exactly one suppressed cell, then a linear audit solves
every relation for the suppressed cells (exact sparse elimination, rowspace.py): any cell the
published figures determine gets a complement suppressed, until none is determined.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import pandas as pd

from schemas.canonical import TOTAL
from services.bulletin.cells import CONCEPT, SECTOR
from services.bulletin.rowspace import derivations, determined
from services.bulletin.zones import ZoneTree

# Counts below 4 are not published: VDAB Arvastat's rule (it suppresses 1–3), the strictest of
# the three services, applied to every source so that the sides are comparable.
PRIMARY_THRESHOLD: Final = 4.0
PARENT_LEVEL: Final = {1: 0, 2: 1, 4: 2}
PARENT_WIDTH: Final = {1: 0, 2: 1, 4: 2}
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
    table = _Table(values, links, Suppression(primary=primary(values)))
    while True:
        table.close_single_gaps()
        found = table.recomputable()
        if not found:
            return table.suppression
        hidden_before = len(table.hidden)
        for position in sorted(found):
            table.complement(position)
        if len(table.hidden) == hidden_before:  # derived through fully hidden relations
            table.break_derivations(found)
        if len(table.hidden) == hidden_before:
            raise RuntimeError("disclosure control cannot protect a recomputable cell")


class _Table:
    """The cells' values and relations, with the hidden cells and each relation's count of them
    kept up to date as complements are suppressed."""

    def __init__(self, values: np.ndarray, links: list[Relation], suppression: Suppression):
        self.values, self.links, self.suppression = values, links, suppression
        self.hidden = set(suppression.all)
        self.relations_of: dict[int, list[int]] = defaultdict(list)
        for index, relation in enumerate(links):
            for cell in relation:
                self.relations_of[cell].append(index)
        self.count = [sum(1 for cell in relation if cell in self.hidden) for relation in links]
        self.single = [index for index, count in enumerate(self.count) if count == 1]
        self.solved: dict[tuple[tuple[int, ...], tuple[int, ...]], set[int]] = {}

    def hide(self, cell: int) -> None:
        self.suppression.secondary.add(cell)
        self.hidden.add(cell)
        for index in self.relations_of[cell]:
            self.count[index] += 1
            if self.count[index] == 1:
                self.single.append(index)

    def suppress_in(self, relation: Relation) -> bool:
        """Suppress the smallest published part (else the total) of a relation."""
        candidates = [cell for cell in relation[1:] if cell not in self.hidden]
        if not candidates and relation[0] not in self.hidden:
            candidates = [relation[0]]
        if not candidates:
            return False
        nonzero = [cell for cell in candidates if self.values[cell] != 0] or candidates
        self.hide(min(nonzero, key=lambda cell: (self.values[cell], cell)))
        return True

    def close_single_gaps(self) -> None:
        """No relation may have exactly one hidden cell: it would be its difference."""
        while self.single:
            index = self.single.pop()
            if self.count[index] == 1:
                self.suppress_in(self.links[index])

    def complement(self, position: int) -> None:
        """A complement in the relation of the cell with the fewest hidden cells."""
        touching = sorted(self.relations_of[position], key=lambda index: self.count[index])
        for index in touching:
            if self.suppress_in(self.links[index]):
                return

    def recomputable(self) -> set[int]:
        """Suppressed cells the published cells determine: solve the relations for them, one
        connected part at a time (a part unchanged since the last round is not solved again)."""
        found: set[int] = set()
        solved: dict[tuple[tuple[int, ...], tuple[int, ...]], set[int]] = {}
        for numbers, cells in self._parts():
            key = (numbers, cells)
            if key not in self.solved:
                rows = _hidden_rows([self.links[number] for number in numbers], self.hidden)
                self.solved[key] = determined(rows)
            solved[key] = self.solved[key]
            found |= solved[key]
        self.solved = solved
        return found

    def _parts(self) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
        """(relations, hidden cells) of each group of hidden cells tied by relations."""
        parent: dict[int, int] = {}

        def root(cell: int) -> int:
            parent.setdefault(cell, cell)
            while parent[cell] != cell:
                parent[cell] = parent[parent[cell]]
                cell = parent[cell]
            return cell

        touched = [number for number, count in enumerate(self.count) if count]
        for number in touched:
            hidden = [cell for cell in self.links[number] if cell in self.hidden]
            for cell in hidden[1:]:
                parent[root(cell)] = root(hidden[0])
        relations: dict[int, list[int]] = defaultdict(list)
        for number in touched:
            first = next(cell for cell in self.links[number] if cell in self.hidden)
            relations[root(first)].append(number)
        cells: dict[int, list[int]] = defaultdict(list)
        for cell in parent:
            cells[root(cell)].append(cell)
        return [(tuple(relations[key]), tuple(sorted(cells[key]))) for key in relations]

    def break_derivations(self, cells: set[int]) -> None:
        """Cells given away through relations whose cells are all hidden: find the relations
        combined to get each one and suppress in one that still has a published cell."""
        for numbers, part in self._parts():
            if cells.isdisjoint(part):
                continue
            found = derivations(_hidden_rows([self.links[n] for n in numbers], self.hidden))
            for cell in sorted(cells & set(found)):
                self._suppress_on([numbers[number] for number in found[cell]])

    def _suppress_on(self, used: list[int]) -> None:
        """A complement in the relation with the fewest published cells that has one."""
        used.sort(key=lambda index: len(self.links[index]) - self.count[index])
        for index in used:
            published = self.count[index] < len(self.links[index])
            if published and self.suppress_in(self.links[index]):
                return


def _hidden_rows(links: list[Relation], hidden: set[int]) -> list[list[tuple[int, int]]]:
    """The hidden part of each relation: total -1, parts +1."""
    return [
        [(cell, -1 if place == 0 else 1) for place, cell in enumerate(relation) if cell in hidden]
        for relation in links
    ]
