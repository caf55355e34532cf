"""The bulletin in a real browser: each language, the switcher, the PDF and CSV downloads."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy.orm import Session

from services.api.site.bulletin_view import CellIndex, shown
from services.api.site.formatting import Formatter
from services.bulletin import read
from services.harmonizer.store.db import make_engine
from tests.browser.conftest import PERIOD, Site, pdf_text

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser
HEADINGS = {
    "fr": "Bulletin des besoins de recrutement, T2 2025",
    "nl": "Bulletin van de aanwervingsbehoeften, K2 2025",
    "en": "Hiring needs bulletin, Q2 2025",
}
SWITCHER = {"fr": "Français", "nl": "Nederlands", "en": "English"}


def _document(site: Site, language: str) -> dict[str, Any]:
    engine = make_engine(site.env["CROSSBMO_DATABASE_URL"])
    try:
        with Session(engine) as session:
            document = read.release_document(
                session, PERIOD, None, language, include_unpublished=False
            )
    finally:
        engine.dispose()
    assert document is not None
    return document


def _headline_figure(site: Site, language: str) -> str:
    """The French side's hiring projects (the first key figure), as the page must print them."""
    document = _document(site, language)
    cell = CellIndex.of(document).get("EMLKT-FR", "hiring_projects")
    figure = shown(cell, Formatter(language))
    assert figure.value is not None and figure.value >= 1000  # grouped digits show the locale
    return figure.text


def _check_page(page: Page, site: Site, language: str, artifacts: Path) -> None:
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").inner_text() == HEADINGS[language]
    headline = page.locator(".headline-value").first.inner_text()
    assert headline.startswith(_headline_figure(site, language))  # a mark may follow
    footer = page.locator("footer").inner_text()
    assert "Bron: VDAB Arvastat" in footer
    page.screenshot(path=str(artifacts / f"bulletin-{PERIOD}-{language}.png"), full_page=True)


def test_bulletin_in_each_language_with_the_switcher(
    browser: Browser, site: Site, artifacts: Path
) -> None:
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(f"{site.base_url}/bulletins/{PERIOD}?lang=fr")
    _check_page(page, site, "fr", artifacts)
    for language in ("nl", "en", "fr"):
        page.get_by_role("navigation", name=re.compile("Langue|Taal|Language")).get_by_role(
            "link", name=SWITCHER[language]
        ).click()
        page.wait_for_load_state()
        assert f"lang={language}" in page.url and f"/bulletins/{PERIOD}" in page.url
        _check_page(page, site, language, artifacts)
    # the cookie remembers the last choice: no ?lang= and an English browser still get French
    page.goto(f"{site.base_url}/bulletins/{PERIOD}")
    assert page.locator("h1").inner_text() == HEADINGS["fr"]
    context.close()


def test_keyboard_reaches_the_skip_link_first(browser: Browser, site: Site) -> None:
    page = browser.new_page()
    page.goto(f"{site.base_url}/bulletins/{PERIOD}?lang=nl")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Naar de inhoud"
    page.close()


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_pdf_download(browser: Browser, site: Site, artifacts: Path, language: str) -> None:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(f"{site.base_url}/bulletins/{PERIOD}?lang={language}")
    with page.expect_download() as download_info:
        page.locator(f'a[href^="/bulletins/{PERIOD}.pdf"]').click()
    download = download_info.value
    assert download.suggested_filename == f"crossbmo-bulletin-{PERIOD}-r1-{language}.pdf"
    target = artifacts / download.suggested_filename
    download.save_as(target)
    assert target.read_bytes().startswith(b"%PDF-")
    text = pdf_text(target)
    if text is not None:  # poppler-utils (installed by .ci/run) reads the text back
        flat = " ".join(text.split())
        assert HEADINGS[language] in flat
        assert _headline_figure(site, language).replace("\u202f", " ") in flat.replace(
            "\u202f", " "
        )
        assert "This service uses the ESCO classification" in flat or language != "en"
    context.close()


def test_csv_download(browser: Browser, site: Site, artifacts: Path) -> None:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(f"{site.base_url}/bulletins/{PERIOD}?lang=nl")
    links = page.locator('a[href*="download.csv"][href*="layout=canonical"]')
    assert links.count() == 1
    with page.expect_download() as download_info:
        links.first.click()
    target = artifacts / download_info.value.suggested_filename
    download_info.value.save_as(target)
    text = target.read_text(encoding="utf-8-sig")
    assert PERIOD in text
    assert "hiring_projects" in text
    context.close()
