"""Forem test files: the bundled SYNTHETIC samples and edited copies in the real formats."""

from __future__ import annotations

import json
from typing import Any

from benchmarks.synthetic_forem import SAMPLES, csv_export

PAGE_SAMPLE = SAMPLES / "forem_offres_page1_SYNTHETIC.json"
EXPORT_SAMPLE = SAMPLES / "forem_offres_export_SYNTHETIC.json"
CSV_SAMPLE = SAMPLES / "forem_offres_export_SYNTHETIC.csv"
SHORTAGE_SAMPLE = SAMPLES / "forem_fonctions_critiques_2026_SYNTHETIC.csv"
JOB_SEEKERS_SAMPLE = SAMPLES / "forem_dei_2026-09_SYNTHETIC.csv"


def export_records() -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = json.loads(EXPORT_SAMPLE.read_text(encoding="utf-8"))
    return records


def as_json(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()


def as_csv(records: list[dict[str, Any]], encoding: str = "utf-8") -> bytes:
    return csv_export(records, encoding)


def contract_lines(path: Any) -> list[str]:
    lines: list[str] = path.read_text(encoding="utf-8").splitlines()
    return lines


def contract_bytes(lines: list[str], encoding: str = "utf-8") -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode(encoding)
