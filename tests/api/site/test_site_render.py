"""Bulletin pages rendered from a release document (SYNTHETIC fixture in the contract's shape):
escaping, secrets as marks, table semantics, switcher links, attribution, PDF."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import tinyhtml5
from starlette.requests import Request

from services.api.site.bulletin_view import MARKS
from services.api.site.formatting import Formatter
from services.api.site.pages import STATES, bulletin_context
from services.api.site.pdf import html_to_pdf
from services.api.site.templating import page_context, render
from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "bulletin" / "bulletin_2025-Q2_SYNTHETIC.json"
HOSTILE = '"Quoted" <script>alert("x")</script> שלום 👷 & co'
X = "{http://www.w3.org/1999/xhtml}"


def _document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert document["synthetic"] is True
    return document


def _request(path: str, query: str) -> Request:
    return Request({"type": "http", "method": "GET", "path": path,
                    "query_string": query.encode(), "headers": []})  # fmt: skip


def _html(language: str, query: str = "", template: str = "bulletin.html") -> str:
    request = _request("/bulletins/2025-Q2", query or f"lang={language}")
    context = page_context(
        request, **bulletin_context(_document(), None, Formatter(language)),
        marks=MARKS, states=STATES, downloads=[], revision_requested=None,
        interactive=template == "bulletin.html",
    )  # fmt: skip
    return render(template, context)


def _text(element: ET.Element) -> str:
    return "".join(element.itertext()).strip()


def test_hostile_labels_are_escaped() -> None:
    html = _html("fr")
    assert "<script" not in html  # the page has no script at all, and the label is text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    tree = tinyhtml5.parse(html)
    headers = [_text(th) for th in tree.iter(f"{X}th")]
    assert HOSTILE in headers  # right-to-left text and emoji come through unchanged


def test_secret_values_are_marks_never_zero() -> None:
    tree = tinyhtml5.parse(_html("nl"))
    table = next(t for t in tree.iter(f"{X}table")
                 if _text(t.find(f"{X}caption")) == "Cijfers per zone, alle beroepen")  # type: ignore[arg-type]  # fmt: skip
    rows = {_text(row.find(f"{X}th")): [_text(td) for td in row.iter(f"{X}td")]  # type: ignore[arg-type]
            for row in table.iter(f"{X}tr") if row.find(f"{X}td") is not None}  # fmt: skip
    assert rows["Eurométropole Lille-Kortrijk-Tournai"][0] == "12.345"
    assert rows["Flandre occidentale du Sud"][0] == "c"  # conf_status C
    assert rows["Wallonie picarde"][0] == "d"  # conf_status D: secondary suppression
    legend = tree.find(f".//{X}dl[@class='legend']")
    assert legend is not None
    assert "vertrouwelijk: onder de drempel van de statistische geheimhouding" in _text(legend)


def test_tables_have_captions_and_scoped_headers() -> None:
    tree = tinyhtml5.parse(_html("en"))
    tables = list(tree.iter(f"{X}table"))
    assert len(tables) == 4  # zones, occupations, shortage signals, opportunities
    for table in tables:
        assert table.find(f"{X}caption") is not None
        assert {th.get("scope") for th in table.iter(f"{X}th")} == {"col", "row"}


@pytest.mark.parametrize(
    ("language", "heading", "figure"),
    [
        ("fr", "Bulletin des besoins de recrutement, T2 2025", "12\u202f345"),
        ("nl", "Bulletin van de aanwervingsbehoeften, K2 2025", "12.345"),
        ("en", "Hiring needs bulletin, Q2 2025", "12,345"),
    ],
)
def test_headings_and_figures_follow_the_language(language: str, heading: str, figure: str) -> None:
    tree = tinyhtml5.parse(_html(language))
    assert tree.get("lang") == language
    assert _text(tree.find(f".//{X}h1")) == heading  # type: ignore[arg-type]
    assert _text(tree.find(f".//{X}span[@class='headline-value']")) == figure  # type: ignore[arg-type]


def test_switcher_keeps_the_page_and_replaces_the_language() -> None:
    tree = tinyhtml5.parse(_html("nl", "zone=EMLKT-FR&lang=nl"))
    switcher = tree.find(f".//{X}nav[@class='languages']")
    assert switcher is not None
    links = {a.get("hreflang"): (a.get("href"), a.get("aria-current"))
             for a in switcher.iter(f"{X}a")}  # fmt: skip
    assert links == {
        "fr": ("/bulletins/2025-Q2?zone=EMLKT-FR&lang=fr", None),
        "nl": ("/bulletins/2025-Q2?zone=EMLKT-FR&lang=nl", "true"),
        "en": ("/bulletins/2025-Q2?zone=EMLKT-FR&lang=en", None),
    }


@pytest.mark.parametrize(
    ("language", "esco"),
    [
        ("fr", "Ce service utilise la classification ESCO de la Commission européenne."),
        ("nl", "Deze dienst maakt gebruik van de ESCO-classificatie van de Europese Commissie."),
        ("en", "This service uses the ESCO classification of the European Commission."),
    ],
)
def test_footer_attribution_in_each_language(language: str, esco: str) -> None:
    footer = tinyhtml5.parse(_html(language)).find(f".//{X}footer")
    assert footer is not None
    text = _text(footer)
    assert esco in text and "Bron: VDAB Arvastat" in text and "France Travail" in text


def test_zone_query_selects_the_zone() -> None:
    context = bulletin_context(_document(), "FR-BMO-3216", Formatter("fr"))
    assert context["zone"] == "FR-BMO-3216"
    assert context["key_figures"][0]["figures"][0]["shown"].text == "2\u202f710"
    assert bulletin_context(_document(), "nowhere", Formatter("fr"))["zone"] == "EMLKT"


def test_pdf_has_the_page_content_and_page_numbers(tmp_path: Path) -> None:
    pdf = html_to_pdf(_html("nl", template="bulletin_pdf.html"))
    assert pdf.startswith(b"%PDF-")
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext (poppler-utils) is absent: the PDF text cannot be read back")
    (tmp_path / "b.pdf").write_bytes(pdf)
    text = subprocess.run([tool, str(tmp_path / "b.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    flat = " ".join(text.split())
    assert "Bulletin van de aanwervingsbehoeften, K2 2025" in flat
    pages = re.findall(r"\b(\d) ?/ ?(\d)\b", flat)  # @page counters: 1/N … N/N
    total = int(pages[-1][1]) if pages else 0
    assert total >= 2 and [int(page) for page, _ in pages] == list(range(1, total + 1))
    assert "Bron: VDAB Arvastat" in flat
    assert "12.345" in flat


def test_map_and_chart_have_text_alternatives_with_zone_names() -> None:
    tree = tinyhtml5.parse(_html("en"))
    svgs = list(tree.iter("{http://www.w3.org/2000/svg}svg"))
    assert [svg.get("role") for svg in svgs] == ["img", "img"]
    descriptions = [_text(svg.find("{http://www.w3.org/2000/svg}desc")) for svg in svgs]  # type: ignore[arg-type]
    assert "Flandre occidentale du Sud: c" in descriptions[0]  # the map: names, marks
    assert "Bassin d'emploi de Lille: 2,710" in descriptions[0]
    assert descriptions[1].startswith("Métiers qualifiés de l'industrie et de l'artisanat: 1,500")
