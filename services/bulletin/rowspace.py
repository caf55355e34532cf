"""Which unknowns a system of additive relations pins down, by exact sparse elimination.

The relations of a bulletin are sparse (a total and its parts, coefficients ±1) and numerous: a
dense SVD of a component of several thousand hidden cells takes minutes. Here the rows are
brought to reduced row echelon form over the prime field GF(2^61 - 1), keeping each row as a
sparse {column: coefficient} map. An unknown u is determined exactly when e_u lies in the row
space, i.e. when u is a pivot column whose reduced row has no other entry. Over a large prime the
result equals the one over the rationals unless the prime divides a pivot of the elimination;
the coefficients of total-and-parts relations stay small integers, far below it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Final

PRIME: Final = (1 << 61) - 1
SparseRow = dict[int, int]


def determined(rows: Iterable[Sequence[tuple[int, int]]]) -> set[int]:
    """The columns pinned down by the rows; each row is (column, integer coefficient) pairs."""
    return set(derivations(rows, track=False))


def derivations(
    rows: Iterable[Sequence[tuple[int, int]]], *, track: bool = True
) -> dict[int, set[int]]:
    """Each pinned-down column with the rows (their positions) combined to pin it down: a
    superset of them when ``track``, an empty set otherwise."""
    eliminator = _Eliminator(track)
    numbered = sorted(enumerate(list(row) for row in rows), key=lambda item: len(item[1]))
    for number, entries in numbered:
        eliminator.add(_sparse(entries), {number} if track else set())
    return {
        column: eliminator.used[column]
        for column, row in eliminator.pivots.items()
        if len(row) == 1
    }


class _Eliminator:
    """Rows kept in reduced row echelon form, each with the original rows it combines."""

    def __init__(self, track: bool) -> None:
        self.track = track
        self.pivots: dict[int, SparseRow] = {}  # pivot column → row reduced against every pivot
        self.used: dict[int, set[int]] = {}  # pivot column → original rows combined into it
        self.holding: defaultdict[int, set[int]] = defaultdict(set)  # column → pivots holding it

    def add(self, row: SparseRow, used: set[int]) -> None:
        # Pivot rows hold no other pivot column, so one pass of subtractions reduces the row.
        for column in [column for column in row if column in self.pivots]:
            factor = row.get(column)
            if factor:
                _axpy(row, PRIME - factor, self.pivots[column])
                if self.track:
                    used |= self.used[column]
        if row:
            self._add_pivot(row, used)

    def _add_pivot(self, row: SparseRow, used: set[int]) -> None:
        # The pivot held by the fewest other rows: the least fill when it is cleared from them.
        column = min(row, key=lambda candidate: (len(self.holding[candidate]), candidate))
        inverse = pow(row[column], PRIME - 2, PRIME)
        row = {key: value * inverse % PRIME for key, value in row.items()}
        for other in list(self.holding[column]):
            other_row = self.pivots[other]
            before = set(other_row)
            _axpy(other_row, PRIME - other_row[column], row)
            if self.track:
                self.used[other] |= used
            for gone in before - set(other_row):
                self.holding[gone].discard(other)
            for new in set(other_row) - before:
                self.holding[new].add(other)
        self.pivots[column] = row
        self.used[column] = used
        for key in row:
            self.holding[key].add(column)


def _sparse(entries: Sequence[tuple[int, int]]) -> SparseRow:
    row: SparseRow = {}
    for column, value in entries:
        row[column] = (row.get(column, 0) + value) % PRIME
    return {column: value for column, value in row.items() if value}


def _axpy(target: SparseRow, factor: int, source: SparseRow) -> None:
    """target += factor × source (mod PRIME), dropping the zeros."""
    for column, value in source.items():
        total = (target.get(column, 0) + factor * value) % PRIME
        if total:
            target[column] = total
        else:
            target.pop(column, None)
