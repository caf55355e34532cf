"""`crossbmo offers load FILE --source S`: store the job offers of a France Travail, Forem or
VDAB file for the cross-border search (one transaction; a rejected file changes nothing)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from services.cli.common import (
    EXIT_REJECTED,
    check_file_input,
    console,
    err_console,
    print_findings,
)
from services.harmonizer.sources import OFFER_SOURCES
from services.harmonizer.store.db import make_engine, upgrade
from services.i18n import N_, normalize_language, translate
from services.offers.store import LoadOutcome, load_offers
from services.settings import get_settings

app = typer.Typer(help="Cross-border job offers.", no_args_is_help=True)
MSG_LOADED = N_(
    "{inserted} new and {updated} updated offers stored; {duplicates} republished copies folded."
)
MSG_OFFERS_REJECTED = N_("The offers file was rejected with {count} finding(s); nothing changed.")
MSG_UNKNOWN_OFFER_SOURCE = N_("Unknown offers source {source}; known sources: {known}.")


def _report(outcome: LoadOutcome, language: str) -> None:
    if outcome.status == "rejected":
        count = len(outcome.findings)
        err_console.print(translate(MSG_OFFERS_REJECTED, language, count=count))
        print_findings(outcome.findings, language)
        raise typer.Exit(EXIT_REJECTED)
    console.print(
        translate(
            MSG_LOADED,
            language,
            inserted=outcome.inserted,
            updated=outcome.updated,
            duplicates=outcome.duplicates,
        )
    )
    if outcome.findings:
        print_findings(outcome.findings, language)


@app.command("load")
def load(
    file: Annotated[Path, typer.Argument(help="An offers file as the service publishes it.")],
    source: Annotated[
        str, typer.Option("--source", help="france-travail-offers, forem-offers or vdab-vacancies.")
    ],
    lang: Annotated[str | None, typer.Option("--lang", help="fr, nl or en (messages).")] = None,
) -> None:
    """Store the offers of a file; exit 0 stored, 1 rejected, 2 usage error."""
    settings = get_settings()
    language = normalize_language(lang, settings.default_language)
    check_file_input(source, OFFER_SOURCES, file, language, MSG_UNKNOWN_OFFER_SOURCE)
    upgrade(settings.effective_database_url)
    engine = make_engine(settings.effective_database_url)
    try:
        outcome = load_offers(engine, source, file.read_bytes(), file.name)
    finally:
        engine.dispose()
    _report(outcome, language)
