"""What every `crossbmo` sub-command shares: the --lang option, exit codes, consoles, the
input checks of a file command and the table of findings."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Final

import typer
from rich.console import Console
from rich.table import Table

from services.harmonizer.errors import Finding
from services.i18n import N_, normalize_language, translate
from services.settings import get_settings

LangOption = Annotated[str | None, typer.Option("--lang", help="fr, nl or en (messages).")]
EXIT_REJECTED: Final = 1
EXIT_USAGE: Final = 2
SHOWN_FINDINGS: Final = 50
MSG_NO_FILE: Final = N_("File not found: {path}.")
MSG_MORE_FINDINGS: Final = N_("… and {count} more finding(s); see the submission's report.")
console = Console()
err_console = Console(stderr=True)


def language_of(lang: str | None) -> str:
    return normalize_language(lang, get_settings().default_language)


def check_file_input(
    source: str, known: Iterable[str], file: Path, language: str, unknown_message: str
) -> None:
    """Exit 2 with a translated message for an unknown source or a missing file."""
    names = sorted(known)
    if source not in names:
        message = translate(unknown_message, language, source=source, known=", ".join(names))
        err_console.print(message)
        raise typer.Exit(EXIT_USAGE)
    if not file.is_file():
        err_console.print(translate(MSG_NO_FILE, language, path=str(file)))
        raise typer.Exit(EXIT_USAGE)


def print_findings(findings: list[Finding], language: str) -> None:
    """The first findings as a table (code, location, message), and how many more there are."""
    table = Table("code", "location", "message", show_lines=False)
    for finding in findings[:SHOWN_FINDINGS]:
        table.add_row(finding.code, finding.location(language), finding.message(language))
    err_console.print(table)
    hidden = len(findings) - SHOWN_FINDINGS
    if hidden > 0:
        err_console.print(translate(MSG_MORE_FINDINGS, language, count=hidden))
