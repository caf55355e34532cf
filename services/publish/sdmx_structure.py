"""The SDMX-ML 2.1 structure message of a download: code lists (names in fr, nl and en), the
concept scheme and the data structure definition that its SDMX-CSV rows follow."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Final
from xml.etree import ElementTree as ET

from services.i18n import LANGUAGES, gettext
from services.publish.model import (
    AGENCY,
    MISSING_CODE,
    STATUS_CODES,
    CodeList,
    Column,
    Table,
    translated_codes,
)
from services.publish.sdmx_csv import dataset_attributes, dsd_id, observation_columns

NS: Final = {
    "mes": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message",
    "str": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure",
    "com": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common",
}
XML_LANG: Final = "{http://www.w3.org/XML/1998/namespace}lang"
NOT_APPLICABLE: Final = "Not applicable"
for _prefix, _uri in NS.items():
    ET.register_namespace(_prefix, _uri)


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def _sub(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, _q(name), attrs)
    if text is not None:
        element.text = text
    return element


def _names(parent: ET.Element, labels: Mapping[str, str]) -> None:
    for language in LANGUAGES:
        if labels.get(language):
            _sub(parent, "com:Name", labels[language]).set(XML_LANG, language)


def _title(msgid: str) -> dict[str, str]:
    return {language: gettext(msgid, language) for language in LANGUAGES}


def codelist_id(column: Column) -> str:
    return "CL_" + (column.codelist or column.name).upper().replace("-", "_")


def code_lists(table: Table) -> dict[str, tuple[Column, CodeList]]:
    """Every enumerated component: the table's own lists, and the SDMX status lists."""
    lists: dict[str, tuple[Column, CodeList]] = {}
    for column in table.columns:
        if column.codelist in STATUS_CODES:
            lists[codelist_id(column)] = (column, translated_codes(STATUS_CODES[column.codelist]))
        elif column.codelist is not None and column.codelist in table.codes:
            codes = dict(table.codes[column.codelist])
            if column.role == "dimension":
                codes.setdefault(MISSING_CODE, _title(NOT_APPLICABLE))
            lists[codelist_id(column)] = (column, codes)
    return lists


def _header(root: ET.Element, table: Table, prepared: datetime) -> None:
    header = _sub(root, "mes:Header")
    _sub(header, "mes:ID", f"{dsd_id(table)}_STRUCTURE")
    _sub(header, "mes:Test", "false")
    _sub(header, "mes:Prepared", prepared.replace(microsecond=0).isoformat())
    _sub(header, "mes:Sender", id=AGENCY)


def _codelists(parent: ET.Element, lists: Mapping[str, tuple[Column, CodeList]]) -> None:
    holder = _sub(parent, "str:Codelists")
    for list_id, (column, codes) in lists.items():
        element = _sub(holder, "str:Codelist", id=list_id, agencyID=AGENCY, version="1.0")
        _names(element, _title(column.title))
        for code, labels in codes.items():
            _names(_sub(element, "str:Code", id=code), labels)


def _concepts(parent: ET.Element, table: Table) -> None:
    scheme = _sub(_sub(parent, "str:Concepts"), "str:ConceptScheme",
                  id=f"CS_{dsd_id(table)}", agencyID=AGENCY, version="1.0")  # fmt: skip
    _names(scheme, _title(table.title))
    for column in observation_columns(table):
        _names(_sub(scheme, "str:Concept", id=column.sdmx_id), _title(column.title))
    for attribute in dataset_attributes(table):
        _names(_sub(scheme, "str:Concept", id=attribute), {"en": attribute.lower()})


def _concept_ref(parent: ET.Element, table: Table, concept: str) -> None:
    identity = _sub(parent, "str:ConceptIdentity")
    ET.SubElement(identity, "Ref", {
        "id": concept, "maintainableParentID": f"CS_{dsd_id(table)}",
        "maintainableParentVersion": "1.0", "agencyID": AGENCY, "package": "conceptscheme",
        "class": "Concept",
    })  # fmt: skip


def _representation(parent: ET.Element, column: Column | None, enumerated: bool) -> None:
    local = _sub(parent, "str:LocalRepresentation")
    if column is not None and enumerated:
        enumeration = _sub(local, "str:Enumeration")
        ET.SubElement(enumeration, "Ref", {
            "id": codelist_id(column), "version": "1.0", "agencyID": AGENCY,
            "package": "codelist", "class": "Codelist",
        })  # fmt: skip
    elif column is not None and column.role == "time":
        _sub(local, "str:TextFormat", textType="ObservationalTimePeriod")
    else:
        _sub(local, "str:TextFormat", textType="String")


def _components(parent: ET.Element, table: Table, lists: Mapping[str, object]) -> None:
    components = _sub(parent, "str:DataStructureComponents")
    dimensions = _sub(components, "str:DimensionList", id="DimensionDescriptor")
    for position, column in enumerate(table.of_role("dimension", "time"), start=1):
        kind = "str:TimeDimension" if column.role == "time" else "str:Dimension"
        element = _sub(dimensions, kind, id=column.sdmx_id, position=str(position))
        _concept_ref(element, table, column.sdmx_id)
        _representation(element, column, codelist_id(column) in lists)
    attributes = _sub(components, "str:AttributeList", id="AttributeDescriptor")
    for column in table.of_role("attribute", "label"):
        element = _sub(attributes, "str:Attribute", id=column.sdmx_id,
                       assignmentStatus="Conditional")  # fmt: skip
        _concept_ref(element, table, column.sdmx_id)
        _representation(element, column, codelist_id(column) in lists)
        measure = _sub(_sub(element, "str:AttributeRelationship"), "str:PrimaryMeasure")
        ET.SubElement(measure, "Ref", id="OBS_VALUE")
    for attribute in dataset_attributes(table):
        element = _sub(attributes, "str:Attribute", id=attribute, assignmentStatus="Mandatory")
        _concept_ref(element, table, attribute)
        _representation(element, None, False)
        _sub(_sub(element, "str:AttributeRelationship"), "str:None")
    measures = _sub(components, "str:MeasureList", id="MeasureDescriptor")
    _concept_ref(_sub(measures, "str:PrimaryMeasure", id="OBS_VALUE"), table, "OBS_VALUE")


def structure_xml(table: Table, prepared: datetime) -> bytes:
    """The structure message (SDMX-ML 2.1) describing ``table``'s SDMX-CSV."""
    root = ET.Element(_q("mes:Structure"))
    _header(root, table, prepared)
    structures = _sub(root, "mes:Structures")
    lists = code_lists(table)
    _codelists(structures, lists)
    _concepts(structures, table)
    holder = _sub(structures, "str:DataStructures")
    dsd = _sub(holder, "str:DataStructure", id=dsd_id(table), agencyID=AGENCY,
               version=table.version)  # fmt: skip
    _names(dsd, _title(table.title))
    _components(dsd, table, lists)
    ET.indent(root)
    text: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return text
