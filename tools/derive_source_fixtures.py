"""Write tests/fixtures/<source>/: a good file (a bundled sample, or a real excerpt of one) and a
malformed copy with known defects, for every registered source.

``python -m tools.derive_source_fixtures``. Good files come from data/samples/
(see data/samples/README.md for their provenance); excerpts keep the first rows of the real
file. Every malformed file is an edited copy, so it is SYNTHETIC in its name and, where the
format has room for it, in a comment or field; its defects are listed in README.md beside it.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
FIXTURES = ROOT / "tests" / "fixtures"
MARK = "# SYNTHETIC: malformed copy of good.csv (tests/fixtures), defects listed in README.md"


def _lines(path: Path, count: int | None = None) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines if count is None else lines[:count]


def _write_lines(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _replace(lines: list[str], index: int, old: str, new: str) -> None:
    assert old in lines[index], (index, old, lines[index])
    lines[index] = lines[index].replace(old, new, 1)


def _csv_source(
    folder: str, sample: Path, keep: int | None, edit: Callable[[list[str]], None], name: str
) -> None:
    target = FIXTURES / folder
    target.mkdir(parents=True, exist_ok=True)
    good = _lines(sample, keep)
    _write_lines(target / name.format(kind="good"), good)
    bad = list(good)
    edit(bad)
    _write_lines(target / name.format(kind="malformed_SYNTHETIC"), [MARK, *bad])


def _forem_shortage(lines: list[str]) -> None:
    _replace(lines, 2, "F1703", "F17")  # malformed-rome-code
    _replace(lines, 3, "pénurie", "urgent")  # unknown-shortage-status
    lines.append(lines[4])  # duplicate-occupation


def _forem_job_seekers(lines: list[str]) -> None:
    _replace(lines, 2, ";51004;", ";99999;")  # unknown-nis-code
    _replace(lines, 3, "2026-09", "2026-10")  # invalid-period
    _replace(lines, 4, ";32", ";-32")  # a negative count


def _vdab_shortage(lines: list[str]) -> None:
    _replace(lines, 5, "2026;", "2025;")  # invalid-period
    fields = lines[3].split(";")
    fields[4] = "2"  # kwantitatief: a flag that is neither 1, 0 nor empty
    lines[3] = ";".join(fields)
    lines.append(lines[4])  # duplicate-occupation


def _tension(lines: list[str]) -> None:
    _replace(lines, 1, ";3201;", ";3299;")  # unknown-bassin
    lines[2] = lines[2].rsplit(";", 1)[0] + ";7"  # a tension class outside 1–5
    _replace(lines, 3, "2020;", "2021;")  # invalid-period


def _tension_list(lines: list[str]) -> None:
    _replace(lines, 1, "A0Z40", "A0Z99")  # unknown-occupation-code
    lines.append(lines[2])  # duplicate-occupation


def _job_seekers(lines: list[str]) -> None:
    code, month, _count = lines[1].split(",")
    lines.append(f"{code},{month},12345")  # conflicting-duplicate
    _replace(lines, 2, ",janvier_2020,", ",janvier_2020,x")  # a count that is not a number


def _onem(lines: list[str]) -> None:
    _replace(lines, 1, "31000,", "31999,")  # unknown-nis-area
    _replace(lines, 2, ",6254.916666622999,", ",6 254.92,")  # value-not-number (a thousands space)
    _replace(lines, 3, ",10,10", ",11,10")  # coverage-out-of-range
    lines.append(lines[4])  # duplicate-place-period


def _eurostat_rate(lines: list[str]) -> None:
    _replace(lines, 1, "be25,", "be 25,")  # unknown-nuts-code
    _replace(lines, 2, ",final", ",definitive")  # unknown-status
    _replace(lines, 3, ",3.0,", ",3%,")  # value-not-number
    lines.append(lines[4])  # duplicate-place-period


def _eurostat_tsv(lines: list[str]) -> None:
    _replace(lines, 1, "\t35.2 \t", "\t35,2 \t")  # value-not-number (a decimal comma)
    _replace(lines, 2, "\t5.0 u\t", "\t5.0 x\t")  # unknown-flag
    _replace(lines, 3, "THS,Y15-24,F,", "THS,Y15-24,X,")  # malformed-dimension-code
    lines.append(lines[5])  # duplicate-series


def _tsv_source(sample: Path, keep: int, edit: Callable[[list[str]], None]) -> None:
    """A TSV has no comment line: the malformed copy is SYNTHETIC in its name only."""
    target = FIXTURES / "eurostat-tsv"
    target.mkdir(parents=True, exist_ok=True)
    good = _lines(sample, keep)
    _write_lines(target / "good_lfst_r_lfu3pers.tsv", good)
    bad = list(good)
    edit(bad)
    _write_lines(target / "malformed_SYNTHETIC_lfst_r_lfu3pers.tsv", bad)


def _dares(lines: list[str]) -> None:
    _replace(lines, 1, "A0Z40,", "A0Z4,")  # malformed-fap-code
    _replace(lines, 2, ",4.0,4.0,", ",7.0,4.0,")  # invalid-tension-class (the category)
    _replace(lines, 3, ",2019,nat,", ",2019,monde,")  # unknown-geographic-level
    lines.append(lines[4])  # duplicate-occupation-area


def _steunpunt(lines: list[str]) -> None:
    _replace(lines, 1, "31003,", "31999,")  # unknown-nis-code
    _replace(lines, 2, ",2024,7.3,", ",2024,7.3%,")  # value-not-number
    _replace(lines, 3, ",2024,4.6,A", ",2024,4.6,X")  # unknown-obs-status
    lines.append(lines[4])  # duplicate-place-period


def _construction(lines: list[str]) -> None:
    _replace(lines, 1, "2016-01-31,", "2016-01-30,")  # period-mismatch
    _replace(lines, 2, ",2016,2,", ",2016,13,")  # invalid-month-number
    _replace(lines, 3, ",1828", ",1.828,5")  # value-not-whole-number
    lines.append(lines[4])  # duplicate-period


def _dares_history(lines: list[str]) -> None:
    _replace(lines, 1, "A0Z40,", "A0Z4,")  # malformed-fap-code
    _replace(lines, 2, ",2011", ",11")  # invalid-year
    lines.append(lines[3])  # duplicate-occupation-area


def _json_source(folder: str, sample: Path, edit: Callable[[Any], None]) -> None:
    target = FIXTURES / folder
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(sample, target / "good.json")
    document = json.loads(sample.read_text(encoding="utf-8"))
    edit(document)
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    (target / "malformed_SYNTHETIC.json").write_text(text, encoding="utf-8")


def _vdab_vacancies(document: dict[str, Any]) -> None:
    records = document["vacancies"]
    records[0]["postal_code"] = "8599"  # unknown-postal-code
    records[1]["received_date"] = "2026-07-01"  # date-outside-period
    records[2]["circuit"] = "interim"  # not a circuit of the contract


def _forem_offers(document: dict[str, Any]) -> None:
    records = document["results"]
    records[0]["metiercodedimeco"] = "H29"  # malformed-dimeco-code
    records[1]["lieuxtravailcodepostal"] = ["7999"]  # unknown-postal-code
    records[2]["numerooffreforem"] = records[0]["numerooffreforem"]  # duplicate-offer


def _workbook_source(
    folder: str, sample: Path, keep: int | None, edit: Callable[[Any], None], sheet: str
) -> None:
    target = FIXTURES / folder
    target.mkdir(parents=True, exist_ok=True)
    workbook = openpyxl.load_workbook(sample)
    for other in [name for name in workbook.sheetnames if name != sheet]:
        del workbook[other]
    data = workbook[sheet]
    if keep is not None and data.max_row > keep:
        data.delete_rows(keep + 1, data.max_row - keep)
    workbook.save(target / "good.xlsx")
    edit(data)
    workbook.save(target / "malformed_SYNTHETIC.xlsx")


def _header_column(sheet: Any, header: str, row: int = 1) -> int:
    for cell in sheet[row]:
        if cell.value == header:
            return int(cell.column)
    raise KeyError(header)


def _bmo(sheet: Any) -> None:
    sheet.cell(row=2, column=_header_column(sheet, "met")).value = "beaucoup"  # value-not-integer
    met = _header_column(sheet, "met")
    sheet.cell(row=3, column=_header_column(sheet, "xmet")).value = 10_000  # exceeds hiring
    sheet.cell(row=4, column=met).value = "-5"  # negative-count
    sheet.cell(row=5, column=_header_column(sheet, "Code métier BMO")).value = "X1"


def _arvastat(sheet: Any) -> None:
    sheet.cell(row=7, column=4).value = "veel"  # value-not-count
    sheet.cell(row=8, column=4).value = -4  # negative-count


def main() -> None:
    bmo = (
        SAMPLES
        / "france_travail_bmo"
        / "Base_open_data_BMO_2025_Hauts-de-France_REG32_DERIVED.xlsx"
    )
    _workbook_source("france-travail-bmo", bmo, 41, _bmo, "BMO_2025_open_data")
    arvastat = (
        SAMPLES / "vdab" / "arvastat_ontvangen_vacatures_bouw_2026-04_REBUILT_from_embuild_csv.xlsx"
    )
    _workbook_source("vdab-arvastat", arvastat, None, _arvastat, "Data")
    _csv_source(
        "vdab-shortage",
        SAMPLES / "vdab" / "vdab_knelpuntberoepen_2026_SECONDARY_lexpat_contract.csv",
        30,
        _vdab_shortage,
        "{kind}.csv",
    )
    _json_source(
        "vdab-vacancies",
        SAMPLES / "vdab" / "vdab_vacancies_lassers_2026-Q4_SYNTHETIC.json",
        _vdab_vacancies,
    )
    _json_source(
        "forem-offers", SAMPLES / "forem" / "forem_offres_soudeurs_SYNTHETIC.json", _forem_offers
    )
    _csv_source(
        "forem-shortage",
        SAMPLES / "forem" / "forem_fonctions_critiques_2026_SYNTHETIC.csv",
        None,
        _forem_shortage,
        "{kind}.csv",
    )
    _csv_source(
        "forem-job-seekers",
        SAMPLES / "forem" / "forem_dei_2026-09_SYNTHETIC.csv",
        30,
        _forem_job_seekers,
        "{kind}.csv",
    )
    _csv_source(
        "france-travail-tension",
        SAMPLES
        / "france_travail_tension"
        / "mobiville_cities-tension-utf8_ROME_bassin_Hauts-de-France_REG32_DERIVED.csv",
        30,
        _tension,
        "{kind}.csv",
    )
    _csv_source(
        "france-travail-tension-list",
        SAMPLES
        / "france_travail_tension"
        / "odis_metiers_en_tension_mars_2024_Hauts-de-France_DERIVED.csv",
        None,
        _tension_list,
        "{kind}_mars_2024.csv",
    )
    _csv_source(
        "france-travail-job-seekers",
        SAMPLES
        / "france_travail_job_seekers"
        / "odis_emploi_demandeur_communes_Hauts-de-France_REG32_DERIVED.csv",
        30,
        _job_seekers,
        "{kind}.csv",
    )
    _csv_source(
        "onem-claimants",
        SAMPLES / "onem" / "onem_cci_de_arrondissements_provinces_2017-2026_DERIVED.csv",
        40,
        _onem,
        "{kind}.csv",
    )
    _csv_source(
        "eurostat-lfs-rate",
        SAMPLES / "eurostat" / "lfst_r_lfu3rt_unemployment_rate_nuts2_BE_FR_1999-2025_DERIVED.csv",
        40,
        _eurostat_rate,
        "{kind}.csv",
    )
    _csv_source(
        "dares-tensions",
        SAMPLES / "dares" / "dares_tensions_2019_nat_reg32-44_dep02-08-59-60-62-80_DERIVED.csv",
        40,
        _dares,
        "{kind}.csv",
    )
    _csv_source(
        "steunpunt-werk-rates",
        SAMPLES
        / "steunpunt_werk"
        / "steunpunt_werk_admin_unemployment_rate_communes_2024_DERIVED.csv",
        40,
        _steunpunt,
        "{kind}.csv",
    )
    _csv_source(
        "vdab-arvastat-construction",
        SAMPLES / "vdab" / "arvastat_bouw_ontvangen_vacatures_monthly_2016-01_2026-04.csv",
        40,
        _construction,
        "{kind}_ontvangen_vacatures_monthly.csv",
    )
    _csv_source(
        "dares-tension-history",
        SAMPLES / "dares" / "dares_evol_tensions_2011-2019.csv",
        40,
        _dares_history,
        "{kind}.csv",
    )
    _tsv_source(SAMPLES / "eurostat" / "lfst_r_lfu3pers_BE_FR_DERIVED.tsv", 31, _eurostat_tsv)


if __name__ == "__main__":
    main()
