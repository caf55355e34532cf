"""Le Forem's open offers in the shape published since late 2025: `metiercodedimeco` in the
Competent form with a variant suffix (H250201-1), `secteurscodenace` and
`niveauxetudesisced2011`. Accepted by ingest, offers load and pull, kept as given, reaching
ISCO-08 through the ROME v3 fiche of its first five characters; a code of neither form stays a
located error."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from services.harmonizer.adapters import adapter_for
from services.harmonizer.mappings.links import isco_links_for
from services.harmonizer.mappings.tables import load_crosswalk
from services.harmonizer.pull import pull_records
from services.harmonizer.store.models import JobOffer, Observation
from services.harmonizer.submit import ingest_file
from services.offers.store import load_offers
from tests.harmonizer.test_pull import Clock, Server, page, puller

SOURCE = "forem-offers"


def record(number: str, code: str = "H250201-1", **changes: Any) -> dict[str, Any]:
    """One ODWB `offres-d-emploi-forem` record in the published shape (values SYNTHETIC: no
    real export was collected; fields and list shapes as in formats-belgium.md §2.2)."""
    fields: dict[str, Any] = {
        "numerooffreforem": number,
        "titreoffre": "Responsable de production (H/F/X)",
        "metier": "Responsable de production",
        "metiercodedimeco": code,
        "lieuxtravaillocalite": ["MOUSCRON"],
        "lieuxtravailcodepostal": ["7700"],
        "lieuxtravailregion": ["Belgique", "RÉGION WALLONNE"],
        "lieuxtravailregionnuts": ["BE", "BE32"],
        "lieuxtravailgeo": [],
        "typecontrat": "Durée indéterminée",
        "regimetravail": "Temps plein",
        "nombrepostes": 1,
        "niveauxetudes": ["Bachelier"],
        "niveauxetudesisced2011": ["6"],
        "langues": ["Français"],
        "languescodeiso2": ["FR"],
        "experiencerequise": "Au moins 2 ans",
        "permisdeconduire": ["B"],
        "secteurs": ["Imprimerie et reproduction d'enregistrements"],
        "secteurscodenace": ["18"],
        "nomemployeur": "Employeur synthétique 0007",
        "source": "Via site Forem",
        "referenceexterne": None,
        "url": f"https://www.leforem.be/recherche-offres/offre-detail/{number}",
        "datedebutdiffusion": "2026-10-05",
        "datefindiffusion": "2026-12-31",
    }
    return {**fields, **changes}


def _page(records: list[dict[str, Any]]) -> bytes:
    document = {"synthetic": True, "total_count": len(records), "results": records}
    return json.dumps(document, ensure_ascii=False).encode()


RECORDS = [record("99000001"), record("99000002", "M1805", secteurscodenace=[])]
ROME_ISCO = dict(zip(*(load_crosswalk("rome3_isco08")[c] for c in ("source_code", "target_code")),
                     strict=True))  # fmt: skip


def test_the_competent_form_is_kept_as_given_in_its_own_system(
    engine: Engine, raw_dir: Path
) -> None:
    outcome = ingest_file(engine, raw_dir, SOURCE, "page_SYNTHETIC.json", _page(RECORDS))
    assert outcome.status == "accepted", outcome.findings
    with Session(engine) as session:
        rows = session.scalars(select(Observation)).all()
    kinds = {(r.occupation_system, r.occupation_version, r.occupation_code, r.nace_section,
              r.value) for r in rows}  # fmt: skip
    assert kinds == {
        ("forem-competent", "1", "H250201-1", "_T", 1.0),
        ("forem-competent", "1", "H250201-1", "C", 1.0),  # NACE division 18 is in section C
        ("rome3", "v3", "M1805", "_T", 1.0),
        ("rome3", "v3", "M1805", "_U", 1.0),  # no sector listed: sector unknown
    }


def test_the_competent_form_reaches_isco_through_its_rome_fiche() -> None:
    links = isco_links_for("forem-competent", "1", ["H250201-1", "H250201-2"])
    assert set(links["source_code"]) == {"H250201-1", "H250201-2"}
    assert set(links["target_code"]) == {ROME_ISCO["H2502"]}
    assert links.groupby("source_code")["weight"].sum().round(6).eq(1).all()


def test_offers_load_keeps_the_code_its_sector_and_its_education_level(engine: Engine) -> None:
    outcome = load_offers(engine, SOURCE, _page(RECORDS), "page_SYNTHETIC.json")
    assert outcome.status == "loaded", outcome.findings
    with Session(engine) as session:
        offer = session.scalars(
            select(JobOffer).where(JobOffer.source_offer_id == "99000001")
        ).one()
    assert (offer.occupation_system, offer.occupation_code, offer.isco08) == (
        "forem-competent", "H250201-1", ROME_ISCO["H2502"],
    )  # fmt: skip
    assert (offer.nace, offer.education_isced) == ("18", "6")


def test_a_pull_of_such_records_ingests(engine: Engine, raw_dir: Path, tmp_path: Path) -> None:
    server = Server(functools.partial(page, records=RECORDS))
    content, _ = pull_records(puller(server, tmp_path, Clock()))
    outcome = ingest_file(engine, raw_dir, SOURCE, "pull.json", content)
    assert outcome.status == "accepted", outcome.findings
    assert outcome.observation_count == 4


def test_a_code_of_neither_form_is_a_located_error() -> None:
    bad = [record("99000001", "H2502-1"), record("99000002", secteurscodenace=["1X"])]
    result = adapter_for(SOURCE).parse(_page(bad), "bad_SYNTHETIC.json")
    assert [(f.code, f.row, f.column, f.value) for f in result.findings] == [
        ("malformed-dimeco-code", 1, "metiercodedimeco", "H2502-1"),
        ("unknown-nace-code", 2, "secteurscodenace", "1X"),
    ]
    assert result.observations is None
