"""Jinja2 environment of the site (autoescape, gettext from our catalogues) and page context.

Other page modules (the job-offer search) reuse it: build the context with
``page_context(request, title=...)`` and answer with ``render_page(request, "x.html", context)``;
their templates ``{% extends "base.html" %}`` and fill the blocks ``title``, ``head`` and ``main``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from jinja2.runtime import Context

from services.api.language import language_links, remember_language, request_language
from services.api.site.formatting import Formatter
from services.i18n import N_, gettext, ngettext

TEMPLATES: Final = Path(__file__).resolve().parent / "templates"
STATIC: Final = Path(__file__).resolve().parent / "static"
STATIC_URL: Final = "/static/site.css"
# The site's navigation: (path, label msgid), shown in the header of every page.
NAVIGATION: Final = (
    ("/", N_("Home")),
    ("/releases", N_("Releases")),
    ("/methodology", N_("Methodology and sources")),
)


@pass_context
def _gettext(context: Context, message: str) -> str:
    return gettext(message, context["language"])


@pass_context
def _ngettext(context: Context, singular: str, plural: str, count: int) -> str:
    return ngettext(singular, plural, count, context["language"])


def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "svg"]),
        extensions=["jinja2.ext.i18n"],
        auto_reload=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.policies["ext.i18n.trimmed"] = True
    # New-style gettext: `_("… %(name)s", name=x)` escapes `x`, never the translation itself.
    environment.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=_gettext, ngettext=_ngettext, newstyle=True
    )
    return environment


ENVIRONMENT: Final = _environment()


def page_context(request: Request, **extra: Any) -> dict[str, Any]:
    """What base.html needs: language, switcher links, formatter, navigation, and ``extra``."""
    language = request_language(request)
    navigation = [
        {"url": path, "label": label, "current": request.url.path == path}
        for path, label in NAVIGATION
    ]
    return {
        "request": request,
        "language": language,
        "languages": language_links(request, language),
        "fmt": Formatter(language),
        "navigation": navigation,
        "static_url": STATIC_URL,
        **extra,
    }


def render(template: str, context: dict[str, Any]) -> str:
    return ENVIRONMENT.get_template(template).render(context)


def render_page(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """The page as an HTML response; a language chosen with ?lang= is kept in the cookie."""
    response = HTMLResponse(render(template, context), status_code=status_code)
    remember_language(request, response)
    return response
