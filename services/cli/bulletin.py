"""`crossbmo bulletin`: build a quarter's release, preview it to partners, publish it."""

from __future__ import annotations

from typing import Annotated, Final

import typer
from rich.table import Table
from sqlalchemy.orm import Session

from services.bulletin.periods import BadQuarter
from services.bulletin.read import list_releases
from services.bulletin.release import ReleaseError, advance, build_release
from services.cli.common import EXIT_USAGE, LangOption, console, err_console, language_of
from services.harmonizer.store.db import make_engine
from services.i18n import N_, translate
from services.settings import get_settings

app = typer.Typer(help="The quarterly cross-border bulletin: build, preview, publish.",
                  no_args_is_help=True)  # fmt: skip
PeriodArgument = Annotated[str, typer.Argument(help="A quarter, e.g. 2025-Q2.")]

MSG_BUILT = N_("Bulletin {period}, revision {revision} built as a draft: {cells} cells.")
MSG_UNCHANGED = N_(
    "Bulletin {period}: the inputs of revision {revision} have not changed; nothing built."
)
MSG_CHANGES = N_(
    "Changes on revision {previous}: {added} cells added, {removed} removed, {changed} changed."
)
MSG_BAD_QUARTER = N_("Not a quarter: {period} (expected e.g. 2025-Q2).")
MSG_STATE = N_("Bulletin {period}, revision {revision}: {state} since {stamp}.")
MSG_NOT_BUILT = N_(
    "Bulletin {period} has not been built yet: run `crossbmo bulletin build {period}`."
)
MSG_ALREADY = N_("Bulletin {period}: its latest revision is already {state}.")
MSG_NONE = N_("No bulletin release yet.")
STATE_NAMES: Final = {
    "draft": N_("draft"),
    "preview": N_("partner preview"),
    "public": N_("public"),
}


def _fail(message: str, language: str, **params: object) -> typer.Exit:
    err_console.print(translate(message, language, **params), markup=False)
    return typer.Exit(EXIT_USAGE)


@app.command("build")
def build_command(period: PeriodArgument, lang: LangOption = None) -> None:
    """Build the quarter's release from the current data (a no-op when nothing changed)."""
    language = language_of(lang)
    engine = make_engine(get_settings().effective_database_url)
    try:
        outcome = build_release(engine, period)
    except BadQuarter:
        raise _fail(MSG_BAD_QUARTER, language, period=period) from None
    finally:
        engine.dispose()
    params = {"period": outcome.period, "revision": outcome.revision, "cells": outcome.cells}
    console.print(
        translate(MSG_BUILT if outcome.created else MSG_UNCHANGED, language, **params), markup=False
    )
    diff = outcome.diff
    if outcome.created and diff.get("previous_revision"):
        counts = {name: len(diff[name]) for name in ("added", "removed", "changed")}
        message = translate(MSG_CHANGES, language, previous=diff["previous_revision"], **counts)
        console.print(message, markup=False)


def _advance(period: str, state: str, language: str) -> None:
    engine = make_engine(get_settings().effective_database_url)
    try:
        release = advance(engine, period, state)
    except BadQuarter:
        raise _fail(MSG_BAD_QUARTER, language, period=period) from None
    except ReleaseError as error:
        if error.code == "bulletin-not-built":
            raise _fail(MSG_NOT_BUILT, language, period=error.period) from None
        state_name = translate(STATE_NAMES[error.code.rsplit("-", 1)[1]], language)
        raise _fail(MSG_ALREADY, language, period=error.period, state=state_name) from None
    finally:
        engine.dispose()
    stamp = release.published_at if state == "public" else release.previewed_at
    message = translate(
        MSG_STATE, language, period=release.period, revision=release.revision,
        state=translate(STATE_NAMES[state], language), stamp=stamp.isoformat() if stamp else "–",
    )  # fmt: skip
    console.print(message, markup=False)


@app.command("preview")
def preview_command(period: PeriodArgument, lang: LangOption = None) -> None:
    """Open the latest revision to the partner services, under embargo."""
    _advance(period, "preview", language_of(lang))


@app.command("publish")
def publish_command(period: PeriodArgument, lang: LangOption = None) -> None:
    """Make the latest revision public."""
    _advance(period, "public", language_of(lang))


@app.command("list")
def list_command(lang: LangOption = None) -> None:
    """Every release and revision with its state and timestamps."""
    language = language_of(lang)
    engine = make_engine(get_settings().effective_database_url)
    try:
        with Session(engine) as session:
            releases = list_releases(session, include_unpublished=True)
    finally:
        engine.dispose()
    if not releases:
        console.print(translate(MSG_NONE, language), markup=False)
        return
    table = Table("period", "revision", "state", "created_at", "published_at")
    for item in releases:
        state = translate(STATE_NAMES[item["state"]], language)
        table.add_row(item["period"], str(item["revision"]), state, item["created_at"] or "",
                      item["published_at"] or "")  # fmt: skip
    console.print(table)
