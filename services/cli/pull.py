"""`crossbmo pull SOURCE`: fetch a source over HTTP, then submit every page as one file."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from services.cli.common import EXIT_USAGE, LangOption, console, err_console, summarize
from services.harmonizer.errors import Finding
from services.harmonizer.pull import PullFailed, pull_source
from services.harmonizer.sources import SOURCES
from services.harmonizer.store.db import make_engine, upgrade
from services.harmonizer.submit import submit_file
from services.i18n import N_, normalize_language, translate
from services.settings import get_settings

EXIT_FAILED = 1
MSG_NOT_PULLABLE = N_("The source {source} cannot be pulled; pullable sources: {known}.")
MSG_PULL_FAILED = N_("The pull failed; nothing was stored.")
MSG_PULLED = N_("Pulled {records} records in {requests} request(s) ({revalidated} unchanged).")


def _print_findings(findings: list[Finding], language: str) -> None:
    err_console.print(translate(MSG_PULL_FAILED, language))
    table = Table("code", "location", "message", show_lines=False)
    for finding in findings:
        table.add_row(finding.code, finding.location(language), finding.message(language))
    err_console.print(table)


def pull(
    source: Annotated[str, typer.Argument(help="Source id, e.g. forem-offers.")],
    max_pages: Annotated[
        int | None, typer.Option("--max-pages", min=1, help="Stop after N pages (a trial).")
    ] = None,
    lang: LangOption = None,
) -> None:
    """Pull a source over HTTP and ingest all its pages as one file (same content: no-op)."""
    settings = get_settings()
    language = normalize_language(lang, settings.default_language)
    endpoint = SOURCES[source].pull if source in SOURCES else None
    if endpoint is None:
        known = ", ".join(sorted(s.id for s in SOURCES.values() if s.pull))
        err_console.print(translate(MSG_NOT_PULLABLE, language, source=source, known=known))
        raise typer.Exit(EXIT_USAGE)
    try:
        content, stats = pull_source(endpoint, settings.var_dir / "cache", max_pages)
    except PullFailed as failure:
        _print_findings(failure.findings, language)
        raise typer.Exit(EXIT_FAILED) from None
    console.print(translate(MSG_PULLED, language, **stats))
    upgrade(settings.effective_database_url)
    engine = make_engine(settings.effective_database_url)
    outcome = submit_file(
        engine, settings.raw_dir, source, f"{source}-pull.json", content,
        max_bytes=settings.max_upload_bytes,
    )  # fmt: skip
    engine.dispose()
    summarize(outcome, language)
    if outcome.status == "rejected":
        raise typer.Exit(EXIT_FAILED)
