"""`crossbmo mappings`: rebuild the versioned crosswalks and report how much reaches ISCO-08."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Final

import typer
from rich.table import Table

from services.cli.common import EXIT_USAGE, LangOption, console, err_console, language_of
from services.harmonizer.mappings.common import MAPPINGS_DIR, ROOT, shared_data_dir
from services.i18n import N_, translate
from services.settings import get_settings

if TYPE_CHECKING:
    from services.harmonizer.coverage import Coverage

app = typer.Typer(help="Crosswalks to ISCO-08, ESCO and NACE (mappings/rome_isco_nace/).",
                  no_args_is_help=True)  # fmt: skip
SAMPLES: Final = ROOT / "data" / "samples" / "france_travail_bmo"
SHOWN_MISSING: Final = 30

MSG_NO_SHARED = N_("Reference data not found: {path} (set CROSSBMO_SHARED_DATA).")
MSG_BUILT = N_("Mapping tables written to {path}: version {version} ({state}).")
MSG_CHANGED = N_("new version: some source or table changed")
MSG_UNCHANGED = N_("unchanged: identical sources and tables")
MSG_SAMPLES = N_("National BMO files not found; coverage of the bundled samples instead.")
MSG_MISSING = N_("Not reaching ISCO-08 in {subject}: {codes}")


MSG_APPLIED = N_(
    "ISCO-08 observations rebuilt for {submissions} submission(s): {count} rows, mapping {version}."
)


@app.command("build")
def build_command(
    shared_data: Annotated[
        Path | None, typer.Option(help="Reference data folder (default ../shared/data).")
    ] = None,
    lang: LangOption = None,
) -> None:
    """Regenerate code lists and crosswalk tables from the reference data (deterministic)."""
    from services.harmonizer.mappings.build import build

    language = language_of(lang)
    base = shared_data or shared_data_dir()
    if not base.is_dir():
        err_console.print(translate(MSG_NO_SHARED, language, path=str(base)))
        raise typer.Exit(EXIT_USAGE)
    result = build(base)
    state = translate(MSG_CHANGED if result.changed else MSG_UNCHANGED, language)
    console.print(
        translate(MSG_BUILT, language, path=str(MAPPINGS_DIR), version=result.version, state=state)
    )


@app.command("apply")
def apply_command(lang: LangOption = None) -> None:
    """Rebuild the ISCO-08 observations of every stored BMO submission (after a new build)."""
    from services.harmonizer.derive import derive_isco_all
    from services.harmonizer.mappings.tables import mapping_version
    from services.harmonizer.store.db import make_engine, upgrade

    language = language_of(lang)
    url = get_settings().effective_database_url
    upgrade(url)
    engine = make_engine(url)
    try:
        derived = derive_isco_all(engine)
    finally:
        engine.dispose()
    console.print(translate(MSG_APPLIED, language, submissions=len(derived),
                            count=sum(derived.values()), version=mapping_version()))  # fmt: skip


@app.command("coverage")
def coverage_command(
    files: Annotated[
        list[Path] | None, typer.Argument(help="BMO workbooks (default: the national files).")
    ] = None,
    lang: LangOption = None,
) -> None:
    """Share of codes per system, and of BMO hiring projects per year, that reach ISCO-08."""
    from services.harmonizer.coverage import all_system_coverage, bmo_coverage

    language = language_of(lang)
    items = all_system_coverage()
    workbooks = list(files or [])
    if not workbooks:
        workbooks = sorted((shared_data_dir() / "france_travail" / "bmo").glob("*.xlsx"))
        if not workbooks:
            console.print(translate(MSG_SAMPLES, language))
            workbooks = sorted(SAMPLES.glob("*.xlsx"))
    items += [bmo_coverage(path) for path in workbooks]
    table = Table("subject", "total", "reaching ISCO-08", "share", "not reaching")
    for item in items:
        table.add_row(item.subject, f"{item.total:,.0f}", f"{item.reached:,.0f}",
                      f"{item.share:.4%}", str(len(item.missing)))  # fmt: skip
    console.print(table)
    for item in items:
        _print_missing(item, language)


def _print_missing(item: Coverage, language: str) -> None:
    if not item.missing:
        return
    shown = list(item.missing.items())[:SHOWN_MISSING]
    codes = ", ".join(code if value == 1.0 else f"{code} ({value:,.0f})" for code, value in shown)
    if len(item.missing) > SHOWN_MISSING:
        codes += f", … (+{len(item.missing) - SHOWN_MISSING})"
    console.print(translate(MSG_MISSING, language, subject=item.subject, codes=codes))
