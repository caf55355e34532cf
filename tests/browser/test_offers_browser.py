"""The offer search page in a real browser (Debian chromium), in French, Dutch and English:
type an occupation and a commune, submit, read the offers, open one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser.conftest import ARTIFACTS, _crossbmo, serving
from tests.offers.test_offers_search import FILES

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser
SEARCHES = {
    "fr": ("soudeur", "Rechercher", "7 offres"),
    "nl": ("lasser", "Zoeken", "7 vacatures"),
    "en": ("welder", "Search", "7 offers"),
}


@pytest.fixture(scope="module")
def offers_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """uvicorn serving a SQLite database holding the offers of the bundled samples."""
    folder = tmp_path_factory.mktemp("offers-site")
    env = {**os.environ, "CROSSBMO_DATABASE_URL": f"sqlite:///{folder / 'site.sqlite3'}",
           "CROSSBMO_VAR_DIR": str(folder / "var")}  # fmt: skip
    for source, path in FILES:
        _crossbmo(env, "offers", "load", str(path), "--source", source)
    with serving(env) as base_url:
        yield base_url


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_search_page_in_a_browser(browser: Browser, offers_site: str, language: str) -> None:
    keyword, button, count = SEARCHES[language]
    page = browser.new_page()
    try:
        page.goto(f"{offers_site}/offers?lang={language}")
        assert page.locator("html").get_attribute("lang") == language
        page.locator("input[name=q]").fill(keyword)
        page.locator("input[name=near]").fill("Roubaix")
        page.locator("input[name=radius_km]").fill("40")
        page.get_by_role("button", name=button).click()
        page.wait_for_selector("#results")
        assert page.locator("#results").inner_text() == count
        titles = page.locator(".offer-title").all_inner_texts()
        assert {"Soudeur TIG (H/F)", "TIG-lasser", "Soudeur (H/F/X)"} <= set(titles)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(Path(ARTIFACTS) / f"offers-search-{language}.png"), full_page=True)
        page.locator(".offer-title", has_text="TIG-lasser").click()
        assert page.locator("h1").get_attribute("lang") == "nl"
        assert page.locator("h1").inner_text() == "TIG-lasser"
        assert "ISCO-08 7212" in page.locator(".offer-details").inner_text()
        assert page.locator("html").get_attribute("lang") == language
    finally:
        page.close()
