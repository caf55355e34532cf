"""The message catalogues are complete and in step with the code (fr, nl, en)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.conftest import ROOT

I18N = ROOT / "i18n"


def _msgids(path: Path) -> set[str]:
    with path.open("rb") as handle:
        return {str(m.id) for m in read_po(handle) if m.id}


def test_pot_is_up_to_date(tmp_path: Path) -> None:
    fresh = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).parent / "pybabel"
    subprocess.run(
        [str(pybabel), "-q", "extract", "-F", "babel.cfg", "-k", "N_", "--no-location",
         "--sort-output", "-o", str(fresh), "."],
        cwd=ROOT, check=True,
    )  # fmt: skip
    assert _msgids(fresh) == _msgids(I18N / "messages.pot"), "run `make i18n`"


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_catalogue_is_complete(language: str) -> None:
    path = I18N / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    entries = [m for m in catalogue if m.id]
    assert {str(m.id) for m in entries} == _msgids(I18N / "messages.pot")
    untranslated = [m.id for m in entries if not m.string or m.fuzzy]
    assert untranslated == []
