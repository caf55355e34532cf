"""Re-extract i18n/messages.pot and fill the fr/nl/en catalogues, keeping existing translations.

    python scripts/i18n_fill.py [translations.json ...]

Each JSON file maps a msgid to its translations: ``{"msgid": ["fr", "nl"]}``, or for a plural
message (``ngettext``) ``{"singular": {"plural": "plurals", "fr": ["…", "…"], "nl": ["…", "…"]}}``.
English is the msgid itself. Prints the msgids still missing a translation (``make i18n`` then
leaves them untranslated, and tests/test_i18n.py fails until they are filled). Serialized with a
lock file so that two runs at once cannot clobber each other's catalogues.
"""

from __future__ import annotations

import fcntl
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "i18n"
LANGUAGES = ("fr", "nl", "en")


def _extract() -> None:
    pybabel = Path(sys.executable).parent / "pybabel"
    subprocess.run(
        [str(pybabel), "-q", "extract", "-F", "babel.cfg", "-k", "N_", "--no-location",
         "--sort-output", "--project", "crossbmo", "--version", "0.1.0",
         "--msgid-bugs-address", "crossbmo@localhost", "-o", str(I18N / "messages.pot"), "."],
        cwd=ROOT, check=True,
    )  # fmt: skip


def _given(paths: list[str]) -> dict[str, Any]:
    given: dict[str, Any] = {}
    for path in paths:
        given.update(json.loads(Path(path).read_text(encoding="utf-8")))
    return given


def _translation(message: Any, language: str, old: dict[Any, Any], given: dict[str, Any]) -> Any:
    plural = isinstance(message.id, tuple)
    key = message.id[0] if plural else message.id
    if language == "en":
        return tuple(message.id) if plural else message.id
    previous = old.get(key)
    if previous and (all(previous) if isinstance(previous, tuple) else previous):
        return previous
    entry = given.get(key)
    if entry is None:
        return None
    if plural:
        return tuple(entry[language])
    return entry[LANGUAGES.index(language)]


def fill(paths: list[str]) -> set[str]:
    _extract()
    given = _given(paths)
    with (I18N / "messages.pot").open("rb") as handle:
        template = read_po(handle)
    missing: set[str] = set()
    for language in LANGUAGES:
        po = I18N / language / "LC_MESSAGES" / "messages.po"
        with po.open("rb") as handle:
            old = {
                (m.id[0] if isinstance(m.id, tuple) else m.id): m.string
                for m in read_po(handle, locale=language)
                if m.id and not m.fuzzy
            }
        catalog = Catalog(locale=language, project="crossbmo", version="0.1.0", fuzzy=False)
        for message in template:
            if not message.id:
                continue
            string = _translation(message, language, old, given)
            if string is None:
                missing.add(str(message.id))
                continue
            flags = [flag for flag in message.flags if flag != "fuzzy"]
            catalog.add(message.id, string, flags=flags)
        with po.open("wb") as handle:
            write_po(handle, catalog, sort_output=True, width=100, no_location=True)
    return missing


def main() -> None:
    with (ROOT / "i18n" / ".fill.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        missing = fill(sys.argv[1:])
    for msgid in sorted(missing):
        print(f"missing: {msgid}")
    sys.exit(1 if missing else 0)


if __name__ == "__main__":
    main()
