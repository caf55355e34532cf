"""What every `crossbmo` sub-command shares: the --lang option, exit codes, consoles, the
input checks of a file command, the table of findings and the summary of a submission."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Final

import typer
from rich.console import Console
from rich.table import Table

from services.harmonizer.errors import Finding
from services.i18n import N_, normalize_language, translate
from services.settings import get_settings

if TYPE_CHECKING:
    from services.harmonizer.store.ingest import IngestOutcome

LangOption = Annotated[str | None, typer.Option("--lang", help="fr, nl or en (messages).")]
EXIT_REJECTED: Final = 1
EXIT_USAGE: Final = 2
SHOWN_FINDINGS: Final = 50
MSG_NO_FILE: Final = N_("File not found: {path}.")
MSG_MORE_FINDINGS: Final = N_("… and {count} more finding(s); see the submission's report.")
MSG_ACCEPTED: Final = N_("Submission {id} accepted: {count} records stored for period {period}.")
MSG_WARNINGS: Final = N_("{count} warning(s), listed below and in the submission's report.")
MSG_DUPLICATE: Final = N_(
    "This file was already received as submission {id} ({status}); nothing changed."
)
MSG_SUPERSEDED: Final = N_("It supersedes submission(s) {ids}, kept in the history.")
MSG_REJECTED: Final = N_("Submission {id} rejected with {count} finding(s); stored data unchanged.")
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


def summarize(outcome: IngestOutcome, language: str) -> None:
    """What became of a submission: accepted (with its warnings), a duplicate, or rejected."""
    if outcome.duplicate:
        console.print(
            translate(MSG_DUPLICATE, language, id=outcome.submission_id, status=outcome.status)
        )
        return
    if outcome.status == "accepted":
        console.print(
            translate(
                MSG_ACCEPTED,
                language,
                id=outcome.submission_id,
                count=outcome.observation_count,
                period=outcome.period or "-",
            )
        )
        if outcome.superseded_ids:
            ids = ", ".join(str(i) for i in outcome.superseded_ids)
            console.print(translate(MSG_SUPERSEDED, language, ids=ids))
        if outcome.findings:  # an accepted file carries warnings only
            console.print(translate(MSG_WARNINGS, language, count=len(outcome.findings)))
            print_findings(outcome.findings, language)
        return
    err_console.print(
        translate(MSG_REJECTED, language, id=outcome.submission_id, count=len(outcome.findings))
    )
    print_findings(outcome.findings, language)
