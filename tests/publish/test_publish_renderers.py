"""The download renderers on a bulletin release: CSV (canonical, locale), SDMX-CSV 2.0 read back
by sdmx1 with its structure, JSON-stat 2.0 and a Frictionless data package, structurally valid.

The release is a SYNTHETIC fixture in the shape of services/bulletin/read.py's documents; the
renderers are also run on real pooled BMO figures in tests/api/test_pooled_downloads.py."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
import sdmx

from services.harmonizer.mappings.codelists import ESCO_ATTRIBUTION
from services.publish.bulletin import bulletin_table
from services.publish.csv_files import canonical_csv, locale_csv
from services.publish.datapackage import TYPES, datapackage
from services.publish.formats import FORMATS, DownloadFormat, RenderOptions
from services.publish.jsonstat import jsonstat
from services.publish.model import Table
from services.publish.sdmx_csv import sdmx_csv
from services.publish.sdmx_structure import structure_xml
from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "bulletin" / "bulletin_release_2025-Q2_SYNTHETIC.json"
DOCUMENTS: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))["documents"]
CELLS = DOCUMENTS["fr"]["cells"]


def table(language: str = "fr", documents: dict[str, Any] | None = None) -> Table:
    return bulletin_table(documents or DOCUMENTS, language)


def split_csv(text: str, delimiter: str = ",") -> tuple[list[str], list[list[str]]]:
    """The comment lines and the CSV records after them."""
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    comments = [line.rstrip("\n") for line in lines if line.startswith("#")]
    body = "".join(line for line in lines if not line.startswith("#"))
    return comments, list(csv.reader(io.StringIO(body), delimiter=delimiter))


def test_canonical_csv_has_codes_labels_provenance_and_no_zero_for_secrets() -> None:
    comments, records = split_csv("".join(canonical_csv(table())))
    assert "# release: 2025-Q2" in comments and "# revision: 1" in comments
    assert f"# {ESCO_ATTRIBUTION}" in comments
    header, rows = records[0], [dict(zip(records[0], row, strict=True)) for row in records[1:]]
    assert header[:3] == ["zone", "zone_label", "occupation_code"]
    assert len(rows) == len(CELLS)
    assert [row["value"] for row in rows] == ["1234", "310.5", "", "", "42", "", "1234"]
    secret = rows[2]
    assert (secret["obs_status"], secret["conf_status"]) == ("O", "C")
    assert rows[1]["flags"] == "small_base" and rows[1]["previous_year"] == "290"


def test_formulas_are_defused_and_quotes_survive_in_csv() -> None:
    _, records = split_csv("".join(canonical_csv(table())))
    labels = [row[4] for row in records[1:]]
    assert labels[2] == '\'=HYPERLINK("http://evil.example","Soudeurs")'
    assert labels[4] == 'Cuisiniers "chefs" <script>alert(1)</script> 🍳 طباخ'
    assert not any(label.startswith(("=", "+", "-", "@")) for label in labels)


@pytest.mark.parametrize(
    ("language", "delimiter", "value", "title"),
    [("fr", ";", "310,5", "Zone"), ("nl", ";", "310,5", "Zone"), ("en", ",", "310.5", "Zone")],
)
def test_locale_csv_uses_the_language_separators(
    language: str, delimiter: str, value: str, title: str
) -> None:
    text = "".join(locale_csv(table(language), language))
    assert text.startswith("\ufeff#")
    _, records = split_csv(text, delimiter)
    assert records[0][0] == title and len(records[0]) == len(table().columns)
    assert records[2][records[0].index(_title("Value", language))] == value
    names = {
        "fr": "Eurométropole, versant français",
        "nl": "Eurometropool, Franse zijde",
        "en": "Eurometropolis, French side",
    }
    assert records[1][1] == names[language]


def _title(msgid: str, language: str) -> str:
    from services.i18n import gettext

    return gettext(msgid, language)


def read_sdmx(tmp_path: Path, rendered: Table) -> tuple[Any, Any]:
    structure = tmp_path / "structure.xml"
    structure.write_bytes(structure_xml(rendered, datetime(2026, 11, 25, tzinfo=UTC)))
    data = tmp_path / "data.csv"
    data.write_text("".join(sdmx_csv(rendered)), encoding="utf-8")
    message = sdmx.read_sdmx(structure)
    dsd = message.structure["DSD_CROSSBMO_BULLETIN"]
    return message, sdmx.read_sdmx(data, structure=dsd)


def test_sdmx_csv_round_trips_through_sdmx1_with_values_and_flags(tmp_path: Path) -> None:
    _, data = read_sdmx(tmp_path, table())
    observations = data.data[0].obs
    assert len(observations) == len(CELLS)
    for observation, cell in zip(observations, CELLS, strict=True):
        key = observation.dimension.values
        names = ("ZONE", "OCCUPATION_CODE", "INDICATOR", "TIME_PERIOD")
        fields = ("zone", "occupation_code", "indicator", "reference_period")
        assert [key[name].value for name in names] == [cell[field] for field in fields]
        value = float(observation.value) if observation.value else None
        assert value == cell["value"]
        attributes = {name: item.value for name, item in observation.attached_attribute.items()}
        assert attributes["OBS_STATUS"] == cell["obs_status"]
        assert attributes["CONF_STATUS"] == cell["conf_status"]
        assert attributes["FLAGS"] == " ".join(cell["flags"])
        assert (attributes["RELEASE"], attributes["REVISION"]) == ("2025-Q2", "1")
        assert attributes["ATTRIBUTION"].endswith(ESCO_ATTRIBUTION)


def test_sdmx_structure_has_code_lists_in_three_languages(tmp_path: Path) -> None:
    structure, _ = read_sdmx(tmp_path, table())
    zones = structure.codelist["CL_ZONE"]
    names = zones["EMLKT-FR"].name.localizations
    assert names == {"fr": "Eurométropole, versant français", "nl": "Eurometropool, Franse zijde",
                     "en": "Eurometropolis, French side"}  # fmt: skip
    statuses = set(structure.codelist["CL_OBS_STATUS"].items)
    assert statuses == {"A", "O", "M", "D", "P", "B", "U", "E"}
    assert set(structure.codelist["CL_CONF_STATUS"].items) == {"F", "C", "D"}
    confidential = structure.codelist["CL_CONF_STATUS"]["C"].name.localizations
    assert set(confidential) == {"fr", "nl", "en"} and confidential["fr"] != confidential["en"]
    dsd = structure.structure["DSD_CROSSBMO_BULLETIN"]
    assert dsd.dimensions.get("ZONE").local_representation.enumerated is zones
    assert {"OBS_STATUS", "CONF_STATUS", "RELEASE", "REVISION", "ATTRIBUTION"} <= {
        attribute.id for attribute in dsd.attributes.components
    }


def check_jsonstat(dataset: dict[str, Any]) -> int:
    """The JSON-stat 2.0 rules on a dataset; returns the number of cells of the cube."""
    assert (dataset["version"], dataset["class"]) == ("2.0", "dataset")
    ids, sizes = dataset["id"], dataset["size"]
    assert len(ids) == len(sizes) == len(set(ids)) and set(ids) == set(dataset["dimension"])
    for name, size in zip(ids, sizes, strict=True):
        category = dataset["dimension"][name]["category"]
        assert sorted(category["index"].values()) == list(range(size))
        assert set(category["label"]) <= set(category["index"])
    total = math.prod(sizes)
    for field in ("value", "status"):
        cells = dataset[field]
        if isinstance(cells, list):
            assert len(cells) == total
        else:
            assert all(0 <= int(position) < total for position in cells)
    assert set(dataset["role"]["time"]) <= set(ids)
    return total


def jsonstat_cell(dataset: dict[str, Any], field: str, **codes: str) -> Any:
    position = 0
    for name, size in zip(dataset["id"], dataset["size"], strict=True):
        position = position * size + dataset["dimension"][name]["category"]["index"][codes[name]]
    cells = dataset[field]
    return cells[position] if isinstance(cells, list) else cells.get(str(position))


def test_jsonstat_is_structurally_valid_with_a_status_per_value() -> None:
    dataset = jsonstat(table("nl"), "nl")
    check_jsonstat(dataset)
    assert isinstance(dataset["value"], dict)  # 7 cells of a large cube: sparse
    cell = {"zone": "EMLKT-FR", "occupation_code": "7", "nace_section": "_T",
            "indicator": "hiring_projects", "coverage": "all", "source_id": "france-travail-bmo",
            "reference_period": "2025"}  # fmt: skip
    assert jsonstat_cell(dataset, "value", **cell) == 310.5
    secret = {**cell, "occupation_code": "7212"}
    assert jsonstat_cell(dataset, "value", **secret) is None
    assert jsonstat_cell(dataset, "status", **secret) == "O"
    labels = dataset["dimension"]["zone"]["category"]["label"]
    assert labels["EMLKT-FR"] == "Eurometropool, Franse zijde"
    assert dataset["extension"]["release"] == "2025-Q2" and ESCO_ATTRIBUTION in dataset["note"]


def test_jsonstat_of_a_filled_cube_is_dense() -> None:
    documents = {lang: {**doc, "cells": doc["cells"][:2]} for lang, doc in DOCUMENTS.items()}
    dataset = jsonstat(table("en", documents), "en")
    assert check_jsonstat(dataset) == 2
    assert dataset["value"] == [1234.0, 310.5] and dataset["status"] == ["A", "A"]


def test_datapackage_describes_the_csv_it_points_to() -> None:
    package = datapackage(table(), "download.csv", "fr")
    assert package["profile"] == "tabular-data-package"
    assert re.fullmatch(r"[a-z0-9._-]+", package["name"])
    assert package["crossbmo"]["revision"] == "1" and ESCO_ATTRIBUTION in package["description"]
    resource = package["resources"][0]
    assert resource["path"] == "download.csv" and resource["dialect"]["commentChar"] == "#"
    fields = resource["schema"]["fields"]
    _, records = split_csv("".join(canonical_csv(table())))
    assert [field["name"] for field in fields] == records[0]
    assert all(field["type"] in TYPES for field in fields)
    assert set(resource["schema"]["primaryKey"]) <= set(records[0])
    for index, field in enumerate(fields):  # every value meets its enum and its type
        for row in records[1:]:
            value = row[index]
            if value and "enum" in field.get("constraints", {}):
                assert value in field["constraints"]["enum"], (field["name"], value)
            if value and field["type"] == "number":
                float(value)


def _parsed(download: DownloadFormat, text: str) -> Any:
    """The rendered file read back by the parser its media type calls for."""
    if download.content_type == "text/csv":
        return split_csv(text)
    if download.content_type == "application/json":
        return json.loads(text)
    assert download.content_type == "application/xml", download.media_type
    return ET.fromstring(text.encode("utf-8"))


@pytest.mark.parametrize("download", FORMATS.values(), ids=list(FORMATS))
@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_every_registered_format_renders_and_reads_back(
    download: DownloadFormat, language: str
) -> None:
    """A format is tested by being registered: its render yields text that its media type's
    parser reads, the same from a one-shot stream of rows as from a list."""
    prepared = datetime(2026, 11, 25, tzinfo=UTC)
    for layout in ("canonical", "locale"):
        options = RenderOptions(language=language, layout=layout, csv_url="download.csv",
                                prepared=prepared)  # fmt: skip
        listed = list(download.render(table(language), options))
        assert listed and all(isinstance(chunk, str) for chunk in listed)
        assert _parsed(download, "".join(listed))
        listed_rows = table(language)
        streamed = replace(listed_rows, rows=(row for row in listed_rows.rows))
        assert "".join(download.render(streamed, options)) == "".join(listed)


def test_the_registry_names_are_file_extensions_with_a_media_type() -> None:
    for name, download in FORMATS.items():
        assert download.name == name and re.fullmatch(r"[a-z]+(\.[a-z]+)*", name)
        assert download.content_type in ("text/csv", "application/json", "application/xml")
