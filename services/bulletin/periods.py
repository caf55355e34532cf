"""Quarters: which stored periods a quarter covers, its neighbours, and its names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

QUARTER: Final = re.compile(r"(?P<year>\d{4})-Q(?P<quarter>[1-4])")


class BadQuarter(ValueError):
    """A period that is not a quarter such as 2025-Q2."""


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        match = QUARTER.fullmatch(text.strip())
        if match is None:
            raise BadQuarter(text)
        return cls(int(match["year"]), int(match["quarter"]))

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def months(self) -> tuple[str, ...]:
        first = 3 * (self.number - 1) + 1
        return tuple(f"{self.year}-M{month:02d}" for month in range(first, first + 3))

    @property
    def last_month(self) -> str:
        return self.months[-1]

    def previous(self) -> Quarter:
        if self.number == 1:
            return Quarter(self.year - 1, 4)
        return Quarter(self.year, self.number - 1)

    def year_earlier(self) -> Quarter:
        return Quarter(self.year - 1, self.number)
