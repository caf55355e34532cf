"""The `crossbmo` command: migrate the database, ingest partner files, serve the API."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from services.cli.access import keys_app, partners_app
from services.cli.bulletin import app as bulletin_app
from services.cli.common import (
    EXIT_REJECTED,
    LangOption,
    check_file_input,
    console,
    err_console,
    summarize,
)
from services.cli.mappings import app as mappings_app
from services.cli.offers import app as offers_app
from services.cli.pull import pull
from services.harmonizer.sources import SOURCES
from services.harmonizer.store.db import make_engine, upgrade
from services.harmonizer.submit import DERIVE_STAGE, submit_file
from services.i18n import N_, normalize_language, translate
from services.settings import get_settings

app = typer.Typer(
    help="crossbmo: cross-border hiring-needs exchange.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Database migrations.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(partners_app, name="partners")
app.add_typer(keys_app, name="keys")
app.add_typer(mappings_app, name="mappings")
app.add_typer(bulletin_app, name="bulletin")
app.add_typer(offers_app, name="offers")
app.command()(pull)


MSG_UNKNOWN_SOURCE = N_("Unknown source {source}; known sources: {known}.")
MSG_MIGRATED = N_("Database migrated: {url}")
MSG_DERIVED = N_("{count} ISCO-08 observations derived with the current mapping version.")


@db_app.command("upgrade")
def db_upgrade(lang: LangOption = None) -> None:
    """Create or migrate the database to the latest schema (SQLite or PostgreSQL)."""
    settings = get_settings()
    language = normalize_language(lang, settings.default_language)
    upgrade(settings.effective_database_url)
    console.print(translate(MSG_MIGRATED, language, url=_safe_url(settings.effective_database_url)))


def _safe_url(url: str) -> str:
    """The URL without its password, for printing."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@app.command()
def ingest(
    source: Annotated[str, typer.Argument(help="Source id, e.g. france-travail-bmo.")],
    file: Annotated[Path, typer.Argument(help="The file as received from the partner.")],
    lang: LangOption = None,
) -> None:
    """Validate a partner file and store it (one transaction; the same file twice is a no-op)."""
    settings = get_settings()
    language = normalize_language(lang, settings.default_language)
    check_file_input(source, SOURCES, file, language, MSG_UNKNOWN_SOURCE)
    upgrade(settings.effective_database_url)
    engine = make_engine(settings.effective_database_url)
    with _progress() as bar:
        task = bar.add_task(file.name, total=None, stage="read")
        outcome = submit_file(
            engine, settings.raw_dir, source, file.name, file.read_bytes(),
            progress=lambda stage, done, total: _advance(bar, task, file.name, stage, done, total),
            max_bytes=settings.max_upload_bytes,
        )  # fmt: skip
    engine.dispose()
    summarize(outcome, language)
    if outcome.derived:  # only a newly accepted file derives figures
        console.print(translate(MSG_DERIVED, language, count=outcome.derived))
    if outcome.status == "rejected":
        raise typer.Exit(EXIT_REJECTED)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[stage]}"),
        TimeElapsedColumn(), console=err_console, transient=True,
    )  # fmt: skip


def _advance(
    bar: Progress, task: TaskID, file_name: str, stage: str, done: int, total: int
) -> None:
    if stage == DERIVE_STAGE:  # no count to show: the bar names the step instead
        bar.update(task, description=f"{file_name} → ISCO-08")
        return
    bar.update(task, completed=done, total=total, stage=stage)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
) -> None:
    """Run the API (uvicorn)."""
    import uvicorn

    from services.api.app import create_app
    from services.api.redact import install_access_log_redaction

    install_access_log_redaction()  # no ?api_key= or URL credentials in the access log
    uvicorn.run(create_app(), host=host, port=port)


@app.command()
def sources() -> None:
    """List the sources crossbmo can ingest."""
    table = Table("id", "dataset", "formats", "name (en)")
    for source in SOURCES.values():
        table.add_row(source.id, source.dataset, ", ".join(source.formats), source.names["en"])
    console.print(table)
