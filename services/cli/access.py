"""`crossbmo partners` and `crossbmo keys`: who may use the exchange, with which keys."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.harmonizer.store.access import (
    ROLES,
    SERVICES,
    add_partner,
    create_key,
    list_keys,
    revoke_key,
)
from services.harmonizer.store.db import make_engine, upgrade
from services.i18n import N_, normalize_language, translate
from services.settings import get_settings

partners_app = typer.Typer(help="Partners of the exchange.", no_args_is_help=True)
keys_app = typer.Typer(
    help="API keys of the partners (shown once, stored hashed).", no_args_is_help=True
)
console = Console()
err_console = Console(stderr=True)
LangOption = Annotated[str | None, typer.Option("--lang", help="fr, nl or en (messages).")]

MSG_PARTNER_ADDED = N_("Partner {id} added for the service {service}.")
MSG_PARTNER_EXISTS = N_("Partner {id} exists already.")
MSG_BAD_SERVICE = N_("Unknown service {service}; known services: {known}.")
MSG_KEY_CREATED = N_("Key created for {partner}. It is shown once; keep it safe:")
MSG_BAD_ROLES = N_("Roles must be among {known}.")
MSG_NO_PARTNER = N_("There is no partner {id}.")
MSG_KEY_REVOKED = N_("Key {id} revoked.")
MSG_NO_KEY = N_("There is no active key {id}.")


def _session() -> tuple[Session, str]:
    settings = get_settings()
    upgrade(settings.effective_database_url)
    return Session(make_engine(settings.effective_database_url)), settings.default_language


@partners_app.command("add")
def partners_add(
    partner_id: Annotated[str, typer.Argument(help="Short id, e.g. forem-stats.")],
    service: Annotated[str, typer.Option(help=f"One of: {', '.join(SERVICES)}.")],
    name: Annotated[str, typer.Option(help="Display name.")] = "",
    lang: LangOption = None,
) -> None:
    """Add a partner: one team of an employment service (or the operator, `crossbmo`)."""
    session, default = _session()
    language = normalize_language(lang, default)
    if service not in SERVICES:
        known = ", ".join(SERVICES)
        err_console.print(translate(MSG_BAD_SERVICE, language, service=service, known=known))
        raise typer.Exit(2)
    with session, session.begin():
        try:
            add_partner(session, partner_id, service, name or partner_id)
            session.flush()
        except IntegrityError:
            err_console.print(translate(MSG_PARTNER_EXISTS, language, id=partner_id))
            raise typer.Exit(1) from None
    console.print(translate(MSG_PARTNER_ADDED, language, id=partner_id, service=service))


@keys_app.command("create")
def keys_create(
    partner: Annotated[str, typer.Option(help="Partner id.")],
    role: Annotated[list[str], typer.Option(help=f"Repeatable: {', '.join(ROLES)}.")],
    label: Annotated[str, typer.Option(help="What the key is for.")] = "",
    lang: LangOption = None,
) -> None:
    """Create a key; it is printed once and only its hash is stored."""
    session, default = _session()
    language = normalize_language(lang, default)
    with session, session.begin():
        try:
            key = create_key(session, partner, role, label)
        except ValueError:
            err_console.print(translate(MSG_BAD_ROLES, language, known=", ".join(ROLES)))
            raise typer.Exit(2) from None
        except LookupError:
            err_console.print(translate(MSG_NO_PARTNER, language, id=partner))
            raise typer.Exit(1) from None
    console.print(translate(MSG_KEY_CREATED, language, partner=partner))
    print(key)


@keys_app.command("revoke")
def keys_revoke(
    key_id: Annotated[str, typer.Argument(help="The key id (the part after cbmo_).")],
    lang: LangOption = None,
) -> None:
    """Revoke a key at once."""
    session, default = _session()
    language = normalize_language(lang, default)
    with session, session.begin():
        revoked = revoke_key(session, key_id)
    if not revoked:
        err_console.print(translate(MSG_NO_KEY, language, id=key_id))
        raise typer.Exit(1)
    console.print(translate(MSG_KEY_REVOKED, language, id=key_id))


@keys_app.command("list")
def keys_list() -> None:
    """List keys (ids, partner, roles, state); secrets are never shown again."""
    session, _ = _session()
    table = Table("id", "partner", "roles", "label", "created", "revoked")
    with session:
        for key in list_keys(session):
            revoked = key.revoked_at.isoformat(timespec="seconds") if key.revoked_at else "-"
            table.add_row(key.id, key.partner_id, ", ".join(key.roles), key.label,
                          key.created_at.isoformat(timespec="seconds"), revoked)  # fmt: skip
    console.print(table)
