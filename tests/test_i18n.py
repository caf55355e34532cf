"""The message catalogues are complete and in step with the code and templates (fr, nl, en)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Message
from babel.messages.pofile import read_po

from services.api.site.templating import ENVIRONMENT
from services.i18n import ngettext
from tests.conftest import ROOT

I18N = ROOT / "i18n"


def _key(message: Message) -> str:
    return str(message.id[0] if isinstance(message.id, tuple) else message.id)


def _msgids(path: Path) -> set[str]:
    with path.open("rb") as handle:
        return {_key(m) for m in read_po(handle) if m.id}


def _untranslated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return message.fuzzy or not all(strings)


def _fresh_pot(tmp_path: Path) -> Path:
    fresh = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).parent / "pybabel"
    subprocess.run(
        [str(pybabel), "-q", "extract", "-F", "babel.cfg", "-k", "N_", "--no-location",
         "--sort-output", "-o", str(fresh), "."],
        cwd=ROOT, check=True,
    )  # fmt: skip
    return fresh


def test_pot_is_up_to_date(tmp_path: Path) -> None:
    assert _msgids(_fresh_pot(tmp_path)) == _msgids(I18N / "messages.pot"), "run `make i18n`"


def test_templates_are_extracted(tmp_path: Path) -> None:
    """babel.cfg reads the Jinja2 templates: a `{{ _() }}` and a `{% trans %}` plural are in."""
    with _fresh_pot(tmp_path).open("rb") as handle:
        messages = {_key(m): m for m in read_po(handle) if m.id}
    assert "Skip to content" in messages  # base.html
    plural = messages["%(shown)s figure is confidential"]  # _bulletin_body.html
    assert plural.id == ("%(shown)s figure is confidential", "%(shown)s figures are confidential")


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_catalogue_is_complete(language: str) -> None:
    path = I18N / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    entries = [m for m in catalogue if m.id]
    assert {_key(m) for m in entries} == _msgids(I18N / "messages.pot")
    assert [m.id for m in entries if _untranslated(m)] == []


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("fr", "1 chiffre est confidentiel", "2 chiffres sont confidentiels"),
        ("nl", "1 cijfer is vertrouwelijk", "2 cijfers zijn vertrouwelijk"),
        ("en", "1 figure is confidential", "2 figures are confidential"),
    ],
)
def test_plural_forms_follow_the_language(language: str, one: str, two: str) -> None:
    singular, plural = "%(shown)s figure is confidential", "%(shown)s figures are confidential"
    assert ngettext(singular, plural, 1, language) % {"shown": 1} == one
    assert ngettext(singular, plural, 2, language) % {"shown": 2} == two


def test_french_plural_rule_keeps_zero_singular() -> None:
    """French uses the singular for 0 and 1 (n > 1), Dutch and English the plural for 0."""
    singular, plural = "%(shown)s figure changed", "%(shown)s figures changed"
    assert ngettext(singular, plural, 0, "fr") == "%(shown)s chiffre modifié"
    assert ngettext(singular, plural, 0, "nl") == "%(shown)s cijfers gewijzigd"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "Aller au contenu"), ("nl", "Naar de inhoud"), ("en", "Skip to content")],
)
def test_templates_translate_with_the_catalogues(language: str, expected: str) -> None:
    template = ENVIRONMENT.from_string(
        '{{ _("Skip to content") }}|{% trans count=n, shown=n %}{{ shown }} figure changed'
        "{% pluralize %}{{ shown }} figures changed{% endtrans %}"
    )
    rendered = template.render(language=language, n=3)
    text, plural = rendered.split("|")
    assert text == expected
    assert plural == {"fr": "3 chiffres modifiés", "nl": "3 cijfers gewijzigd"}.get(
        language, "3 figures changed"
    )
