"""Code shapes that several exchange files share, one pattern per concept (syntax only: whether a
code exists is checked against the code lists by the harmonizer)."""

from __future__ import annotations

import re
from typing import Final

ROME_CODE: Final = re.compile(r"[A-N]\d{4}")  # ROME v3 fiche, e.g. H2502
COMPETENT_CODE: Final = re.compile(r"OP-\d{1,4}|[A-N]\d{6}")  # VDAB Competent, e.g. H250201
# Le Forem's DIMECO code in its Competent form: 7 characters and a variant, e.g. H250201-1.
DIMECO_COMPETENT: Final = re.compile(r"[A-N]\d{6}(-\d{1,3})?")
NACE_DIVISION: Final = re.compile(r"\d{2}")  # a NACE Rev. 2 division, e.g. 18
BE_POSTAL_CODE: Final = re.compile(r"\d{4}")  # bpost postal code
COUNT: Final = re.compile(r"\d+")  # a whole count, as text without separators
# A year field as written (four digits); the tension file's is also a plausible year.
YEAR: Final = re.compile(r"\d{4}")
PLAUSIBLE_YEAR: Final = re.compile(r"(19|20)\d{2}")
# A non-negative decimal number as Python and most CSV exports write it (`.`, no separators).
DECIMAL: Final = re.compile(r"\d+(\.\d+)?([eE][-+]?\d+)?")
