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
    "archive-too-large": N_(
        "The workbook would unpack to too much data ({detail}); it is refused as a zip bomb."
    ),
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
    # VDAB (Arvastat exports, knelpuntberoepen list, vacancies contract) and text files.
    "missing-sheet": N_(
        "The workbook has no sheet named “{sheet_name}”; its sheets are: {sheets}."
    ),
    "no-header": N_("No header row “{header}” was found in the first {rows} rows."),
    "unknown-title": N_(
        "“{value}” in cell A1 is not a known Arvastat export title (expected {expected})."
    ),
    "unknown-sector": N_(
        "“{value}” is not a sector this adapter knows how to map to a NACE section (known: "
        "{expected})."
    ),
    "missing-period-label": N_(
        "No period label such as “mei 2025 - april 2026” was found in column A above the "
        "header (row 4 of an Arvastat export)."
    ),
    "malformed-period-label": N_(
        "“{value}” is not a period label such as “mei 2025 - april 2026” or “april 2026”."
    ),
    "unsupported-period-span": N_(
        "The period “{value}” spans {months} months; a file can hold a month, a quarter, a "
        "calendar year or 12 consecutive months."
    ),
    "unknown-month": N_(
        "“{value}” is not a month and year such as “January 2024” or “januari 2024”."
    ),
    "value-not-count": N_("“{value}” is neither a whole number nor the suppression mark “-”."),
    "missing-total-row": N_("The final “Totaal” row is missing."),
    "note-below-table": N_(
        "“{value}” below the final “Totaal” row is a note, not data; it is not stored."
    ),
    "total-mismatch": N_(
        "The total {value} does not match the rows above it: {reference} published, plus "
        "{suppressed} suppressed cell(s) of 1 to 3 each."
    ),
    "duplicate-occupation": N_("The occupation “{value}” appears more than once for one period."),
    "unresolved-occupation-label": N_(
        "“{value}” does not resolve to both a Competent and an ISCO-08 code; its figures are "
        "stored under the label only."
    ),
    "encoding-not-utf8": N_(
        "The file is not UTF-8 (first non-UTF-8 byte on this line); it was read as Windows-1252. "
        "Please send UTF-8."
    ),
    "encoding-unreadable": N_(
        "The file is neither UTF-8 nor Windows-1252 text (byte {offset} cannot be decoded)."
    ),
    "invalid-flag": N_("“{value}” is not a flag: 1 (yes), 0 (no) or empty (unknown)."),
    "malformed-competent-code": N_(
        "“{value}” is not a Competent code (OP-123, or 7 characters such as K220301)."
    ),
    "invalid-period": N_("“{value}” is not a period such as 2026, 2026-Q1 or 2026-M04."),
    "invalid-date": N_("“{value}” is not a date (YYYY-MM-DD)."),
    "date-outside-period": N_("The date {value} is outside the period {reference} of the file."),
    "unknown-postal-code": N_("“{value}” is not a Belgian postal code."),
    "unknown-nis-code": N_("“{value}” is not a Belgian municipality (NIS) code."),
    "duplicate-vacancy": N_("The vacancy “{value}” appears more than once."),
    "unknown-circuit": N_(
        "“{value}” is not a circuit of the contract (gewoon, werken_en_leren, vervanging_swt, "
        "tijdelijk); interim assignments are not exchanged."
    ),
    "unknown-nace-code": N_(
        "“{value}” is not a NACE-BEL 2008 / NACE Rev. 2 activity code (such as 41.201, 41201 or "
        "43.2) whose division exists."
    ),
    "not-json": N_("The file is not a JSON document: {detail}."),
    "contract-mismatch": N_("The document does not follow the “{contract}” contract: {detail}."),
    # Le Forem (open-data offers, fonctions critiques list, job seekers contract) and HTTP pulls.
    "duplicate-offer": N_("The offer “{value}” appears more than once."),
    "malformed-rome-code": N_(
        "“{value}” is not a ROME v3 occupation code (a letter A to N and 4 digits, such as M1805)."
    ),
    "value-not-whole-number": N_("“{value}” is not a whole number."),
    "unknown-shortage-status": N_("“{value}” is not a status of the list: critique or pénurie."),
    "duplicate-occupation-place": N_(
        "The occupation {occupation} appears more than once for the municipality “{value}”."
    ),
    # France Travail tension (ROME × bassin) and job seekers by commune files.
    "unknown-bassin": N_("“{value}” is not a bassin BMO of the {vintage} zonage."),
    "duplicate-occupation-bassin": N_(
        "The occupation {occupation} appears more than once for the bassin “{value}”."
    ),
    "invalid-tension-class": N_("“{value}” is not a tension class (a whole number from 1 to 5)."),
    "malformed-place-code": N_(
        "“{value}” is not an INSEE commune (5 characters), département (2 or 3) or region "
        "(regNN) code."
    ),
    "unknown-commune": N_("“{value}” is not an INSEE commune code of département {department}."),
    "malformed-month-label": N_(
        "“{value}” is not a month label such as “janvier_2020” (job seekers registered on the "
        "first day of that month)."
    ),
    "duplicate-row": N_(
        "This row repeats row {first_row} (same place, month and figure); it is counted once."
    ),
    "conflicting-duplicate": N_(
        "The place “{value}” has {figure} for {month} here but {reference} on row {first_row}; "
        "the file does not say which figure is right."
    ),
    "outside-reference-area": N_(
        "{count} row(s) describe places outside the covered area ({area}); they are not stored."
    ),
    "unknown-occupation-code": N_("“{value}” is not a code of the {system} classification."),
    "unknown-region": N_("“{value}” is not a French region name (or “France Entière”)."),
    "no-period-in-file-name": N_(
        "The list has no year column and its file name “{value}” holds no year (such as "
        "metiers_en_tension_mars_2024.csv)."
    ),
    # ONEM/RVA benefit claimants, Eurostat LFS tables, DARES tension indicators.
    "value-not-number": N_(
        "“{value}” is not a number (digits with a decimal point, such as 3781.75)."
    ),
    "unknown-geographic-level": N_(
        "“{value}” is not a level of the file: arrondissement, province, region or country."
    ),
    "unknown-nis-area": N_(
        "“{value}” is not the NIS code of a Belgian area of its level (arrondissement, province, "
        "region or country)."
    ),
    "coverage-out-of-range": N_(
        "{value} municipalities are summed but the area has only {reference}."
    ),
    "duplicate-place-period": N_("The place “{value}” appears more than once for {period}."),
    "partial-coverage": N_(
        "The figure of “{value}” for {period} sums {count} of its {total} municipalities (ONEM "
        "leaves out municipalities below 10 claimants): it is stored, slightly below the true "
        "count."
    ),
    "unknown-nuts-code": N_("“{value}” is not a NUTS region code (such as BE25 or FRE1)."),
    "unknown-status": N_(
        "“{value}” is not a Eurostat status: final, provisional, estimated, break or "
        "low_reliability."
    ),
    "unknown-eurostat-table": N_(
        "The file name “{value}” names no Eurostat table crossbmo knows ({known}); name the file "
        "after its table, as Eurostat's bulk download does (lfst_r_lfu3pers.tsv)."
    ),
    "unsupported-dimension": N_(
        "The table has a dimension “{value}” that crossbmo cannot carry; it knows {known}."
    ),
    "malformed-time-period": N_(
        "“{value}” is not a period column such as 2015, 2015Q1 or 2015M01."
    ),
    "malformed-dimension-code": N_(
        "“{value}” is not an SDMX age (Y15-24, Y_GE15) or sex (T, M, F) code."
    ),
    "unknown-flag": N_(
        "“{value}” carries a flag Eurostat does not define (b, u, c, e, p, d, s, n, z, f, i, r)."
    ),
    "unknown-unit": N_("“{value}” is not a unit crossbmo can carry ({known})."),
    "duplicate-series": N_(
        "The series of “{value}” (the same dimension codes) appears more than once."
    ),
    "aggregate-not-stored": N_(
        "{count} figure(s) of sector aggregates (such as B-E) are not stored: only NACE sections "
        "and the total are."
    ),
    "gzip-unreadable": N_("The compressed file cannot be read: {detail}."),
    "compressed-too-large": N_(
        "The compressed file would unpack to more than {limit} bytes; it is refused."
    ),
    "malformed-fap-code": N_(
        "“{value}” is not a FAP 2009 code of its level (a family such as A0Z, an occupation such "
        "as A0Z40)."
    ),
    "unknown-occupation-level": N_("“{value}” is not an occupation level: fap 87 or fap 225."),
    "duplicate-occupation-area": N_("The occupation “{value}” appears more than once for {place}."),
    "unknown-indicator-code": N_(
        "“{value}” is not the indicator of this file (ADMIN_UNEMPLOYMENT_RATE_COM)."
    ),
    "unknown-obs-status": N_("“{value}” is not an SDMX observation status (A, P, E, B, U or M)."),
    "invalid-month-number": N_("“{value}” is not a month number (1 to 12)."),
    "no-series-in-file-name": N_(
        "The file name “{value}” does not say which series it holds: it must contain "
        "ontvangen_vacatures (received) or open_vacatures (open at month end)."
    ),
    "period-mismatch": N_(
        "The end date {value} does not match the year, the month and the label “{reference}”."
    ),
    "duplicate-period": N_("The period “{value}” appears more than once."),
    "malformed-dimeco-code": N_(
        "“{value}” is neither a ROME v3 code (a letter A to N and 4 digits, such as M1805) nor a "
        "Competent code (a letter and 6 digits, with or without a variant: H250201-1)."
    ),
    "field-too-large": N_(
        "A cell is longer than {limit} characters: no table cell is; the file is probably not "
        "the expected export."
    ),
    "json-too-deep": N_(
        "The JSON document is nested too deeply to be an export (over a thousand levels)."
    ),
    "nul-character": N_("The file contains a NUL character (\\u0000), which no export holds."),
    "http-error": N_("The server answered HTTP {status} after {attempts} attempt(s)."),
    "http-timeout": N_("No answer within {seconds} seconds after {attempts} attempt(s)."),
    "http-unreachable": N_("The server cannot be reached: {detail}."),
    "pull-incomplete": N_(
        "The pages held {value} offers but the server announced {reference}; the offers changed "
        "during the pull. Nothing was stored: pull again."
    ),
    # Files fetched from an address given by a partner (exchange submissions by URL).
    "url-malformed": N_(
        "“{value}” is not an absolute address such as https://example.org/file.xlsx."
    ),
    "url-scheme-refused": N_(
        "The address “{value}” uses {scheme}; only {allowed} addresses are fetched."
    ),
    "url-address-refused": N_(
        "The host {host} resolves to {address}, a private, loopback or link-local address; only "
        "public addresses are fetched."
    ),
}

SEVERITIES: Final = ("error", "warning")

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
    # "error" rejects the file; "warning" is reported but lets the file be stored.
    severity: str = "error"

    def __post_init__(self) -> None:
        if self.code not in CATALOGUE:
            raise ValueError(f"unknown error code {self.code!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    def to_dict(self) -> dict[str, Any]:
        items = {key: value for key, value in asdict(self).items() if value not in (None, {})}
        # "error" is the default and left out, so reports stored before severities still match.
        if self.severity == "error":
            del items["severity"]
        return items

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


def finding_order(finding: Finding) -> tuple[int, str, str]:
    """Findings of a file in reading order: by row, then column, then code."""
    return (finding.row or 0, finding.column or "", finding.code)
