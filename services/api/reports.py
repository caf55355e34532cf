"""Validation reports for people: every finding with its message and location, JSON or HTML."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from jinja2 import Environment, FileSystemLoader, select_autoescape

from services.harmonizer.errors import Finding
from services.i18n import N_, gettext

# report.html sits with the site's templates: one folder of templates, one extraction path.
TEMPLATES: Final = Path(__file__).resolve().parent / "site" / "templates"
_environment = Environment(
    loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]), auto_reload=False
)
LABELS: Final = {
    "title": N_("Validation report of submission {id}"),
    "status": N_("Status"),
    "file": N_("File"),
    "received": N_("Received"),
    "findings": N_("Findings"),
    "code": N_("Code"),
    "location": N_("Location"),
    "message": N_("Message"),
    "none": N_("No finding: the file is valid."),
    "truncated": N_("Only the first findings are listed; the counts by code are complete."),
}


def report_with_messages(report: dict[str, Any] | None, language: str) -> dict[str, Any]:
    """The stored (language-neutral) report with each finding's message and location added."""
    rendered = dict(report or {})
    rendered["findings"] = [_rendered(item, language) for item in rendered.get("findings", [])]
    return rendered


def _rendered(item: dict[str, Any], language: str) -> dict[str, Any]:
    finding = Finding.from_dict(item)
    return {**item, "message": finding.message(language), "location": finding.location(language)}


def render_report_html(submission: dict[str, Any], language: str) -> str:
    labels = {name: gettext(text, language) for name, text in LABELS.items()}
    labels["title"] = labels["title"].format(id=submission["id"])
    template = _environment.get_template("report.html")
    return template.render(submission=submission, labels=labels, language=language)
