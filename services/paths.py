"""Where the repository's data folders are: the one module that locates them from its own file."""

from __future__ import annotations

from pathlib import Path
from typing import Final

# The repository root (a source checkout or an editable install): data/, mappings/ and i18n/
# sit beside services/.
ROOT: Final = Path(__file__).resolve().parent.parent
DATA_DIR: Final = ROOT / "data"
REFERENCE_DIR: Final = DATA_DIR / "reference"
GEO_DIR: Final = REFERENCE_DIR / "geo"
ZONES_DIR: Final = REFERENCE_DIR / "zones"
ESCO_LABELS: Final = REFERENCE_DIR / "esco" / "esco_occupation_labels.csv"
MAPPINGS_DIR: Final = ROOT / "mappings" / "rome_isco_nace"
I18N_DIR: Final = ROOT / "i18n"
