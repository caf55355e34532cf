"""The offer search page and offer page (server-rendered), on SQLite and PostgreSQL: language,
results, errors, the original text tagged with its language, and safe JSON-LD JobPosting."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from services.harmonizer.store.models import JobOffer
from services.offers.store import load_offers
from tests.offers.test_offers import FT_WELDERS
from tests.offers.test_offers_search import client, loaded  # noqa: F401 - fixtures

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
HEADINGS = {
    "fr": "Offres d’emploi des deux côtés de la frontière",
    "nl": "Vacatures aan beide kanten van de grens",
    "en": "Job offers on both sides of the border",
}


@pytest.mark.parametrize(
    ("language", "keyword", "count"),
    [("fr", "soudeur", "7 offres"), ("nl", "lasser", "7 vacatures"), ("en", "welder", "7 offers")],
)
def test_search_page_in_each_language(
    client: TestClient,  # noqa: F811
    language: str,
    keyword: str,
    count: str,
) -> None:
    params = {"q": keyword, "near": "Roubaix", "radius_km": "40", "lang": language}
    page = client.get("/offers", params=params)
    assert page.status_code == 200
    assert f'<html lang="{language}">' in page.text
    assert HEADINGS[language] in page.text
    assert f'<h2 id="results">{count}</h2>' in page.text
    assert page.text.count('class="offer-title"') == 7
    assert 'lang="nl">TIG-lasser</a>' in page.text  # each title tagged with its own language


def test_search_page_without_a_search_and_with_an_unknown_place(
    client: TestClient,  # noqa: F811
) -> None:
    empty = client.get("/offers", params={"lang": "en"})
    assert empty.status_code == 200
    assert 'id="results"' not in empty.text
    unknown = client.get("/offers", params={"q": "lasser", "near": "Atlantis", "lang": "nl"})
    assert unknown.status_code == 422
    assert "Geen gemeente of postcode “Atlantis” is bekend." in unknown.text


def test_offer_page_shows_the_text_as_published_and_json_ld(
    client: TestClient,  # noqa: F811
    loaded: Engine,  # noqa: F811
) -> None:
    with Session(loaded) as session:
        offer_id = session.scalar(select(JobOffer.id).where(JobOffer.source_offer_id == "082SGKK"))
    page = client.get(f"/offers/{offer_id}", params={"lang": "nl"})
    assert page.status_code == 200
    assert '<h1 lang="fr">conseiller de vente (H/F)</h1>' in page.text
    assert '<div class="offer-text" lang="fr">Dans le cadre' in page.text
    assert "Verkoopmedewerkers (ISCO-08 5223)" in page.text  # the occupation in Dutch
    posting = json.loads(SCRIPT.search(page.text).group(1))  # type: ignore[union-attr]
    assert posting["@type"] == "JobPosting"
    assert posting["hiringOrganization"]["name"] == "ISEAH FORMATION"
    assert posting["datePosted"] == "2019-01-23"
    assert client.get("/offers/999999", params={"lang": "en"}).status_code == 404


def test_json_ld_cannot_close_its_script_element(
    client: TestClient,  # noqa: F811
    loaded: Engine,  # noqa: F811
) -> None:
    hostile = "Soudeur </script><script>alert(1)</script> & co"
    document = json.loads(FT_WELDERS.read_text(encoding="utf-8"))
    document["resultats"][0]["intitule"] = hostile
    outcome = load_offers(loaded, "france-travail-offers", json.dumps(document).encode(), "x.json")
    assert outcome.status == "loaded"
    with Session(loaded) as session:
        offer_id = session.scalar(select(JobOffer.id).where(JobOffer.source_offer_id == "SYN0001"))
    page = client.get(f"/offers/{offer_id}").text
    assert "<script>alert(1)" not in page
    (payload,) = SCRIPT.findall(page)
    assert json.loads(payload)["title"] == hostile
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in page  # the visible title, escaped
