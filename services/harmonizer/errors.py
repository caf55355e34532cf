"""The catalogue of validation error codes; each template is also the gettext msgid (i18n/)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Final

from services.i18n import N_, gettext, translate

# Stable codes: partners script against them, so a code is never renamed or reused.
CATALOGUE: Final[dict[str, str]] = {
    "empty-file": N_("The file is empty."),
    "file-too-large": N_("The file has {size} bytes; the limit is {limit} bytes."),
    "not-a-workbook": N_(
        "The file is not an Excel workbook (XLSX or XLS); it looks like {detail}."
    ),
    "workbook-unreadable": N_("The workbook cannot be read (truncated or corrupt): {detail}."),
    "no-data-sheet": N_(
        "No sheet has the BMO header (met, xmet, smet and a bassin column BE<yy>)."
    ),
    "missing-column": N_("The column {column} is missing."),
    "no-data-rows": N_("The sheet has a header but no data rows."),
    "missing-value": N_("The cell is empty."),
    "value-not-integer": N_("“{value}” is neither a whole number nor the secret mark “*”."),
    "negative-count": N_("“{value}” is a negative count."),
    "difficult-exceeds-hiring": N_(
        "Difficult hiring projects ({value}) exceed hiring projects ({reference})."
    ),
    "seasonal-exceeds-hiring": N_(
        "Seasonal hiring projects ({value}) exceed hiring projects ({reference})."
    ),
    "malformed-bassin-code": N_("“{value}” is not a bassin code (3 or 4 digits)."),
    "malformed-occupation-code": N_(
        "“{value}” is not a BMO occupation code (5 characters, such as A0Z40 or T2A60)."
    ),
    "invalid-year": N_("“{value}” is not a survey year."),
    "year-mismatch": N_(
        "The survey year {value} does not match the bassin column {reference} of the header."
    ),
    "duplicate-cell": N_(
        "Bassin {bassin}, département {department} and occupation {occupation} appear more "
        "than once in the sheet."
    ),
}

LOCATION_LABELS: Final = {
    "file": N_("file"),
    "sheet": N_("sheet"),
    "row": N_("row"),
    "column": N_("column"),
}


@dataclass(frozen=True)
class Finding:
    """One coded, located validation finding; language-neutral until rendered."""

    code: str
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in CATALOGUE:
            raise ValueError(f"unknown error code {self.code!r}")

    def to_dict(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if value not in (None, {})}

    def message(self, language: str) -> str:
        # Parameters that are msgids themselves (e.g. "binary data") are translated too.
        params = {name: gettext(text, language) for name, text in self.params.items()}
        return translate(CATALOGUE[self.code], language, value=self.value, **params)

    def location(self, language: str) -> str:
        parts = [
            f"{gettext(LOCATION_LABELS[name], language)} {getattr(self, name)}"
            for name in ("file", "sheet", "row", "column")
            if getattr(self, name) is not None
        ]
        return ", ".join(parts)

    def render(self, language: str) -> str:
        location = self.location(language)
        prefix = f"{location}: " if location else ""
        return f"{prefix}{self.message(language)} [{self.code}]"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        return cls(**data)


class ValidationFailed(Exception):
    """Raised when a file cannot be read at all; carries its findings."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(f"{len(findings)} finding(s): {findings[0].code if findings else '-'}")
        self.findings = findings
