"""Offer search benchmark: N SYNTHETIC offers in PostgreSQL, search latency beside a plain
indexed lookup measured in the same run, and the load rate.

``python -m benchmarks.search_offers [--offers N] [--clients C] [--queries Q] [--keep]
[--reuse URL]`` (run by `make bench` through scripts/test-postgres.sh). Needs a PostgreSQL server:
``CROSSBMO_BENCH_POSTGRES_URL`` (or ``CROSSBMO_TEST_POSTGRES_URL``); a fresh database is created
and dropped. Without one it says so and exits 0. To iterate on the search without reloading:
``--keep`` leaves the loaded database in place (its URL is printed) and ``--reuse URL`` measures
such a database again (migrated to the head revision first, nothing loaded or dropped).

- load: N offers (default 1 000 000) written in the real France Travail *Offres d'emploi v2*
  format (fixed seed, marked SYNTHETIC: real ROME codes and communes with their coordinates,
  invented titles' employers and dates) and stored by ``load_offers`` in files of 50 000 offers,
  the real path (reading, checks, canonical schema, upsert, deduplication): offers/s.
- search: ``search_offers`` with an occupation keyword in fr, nl or en, 30 km around a commune
  of Hauts-de-France, 20 per page, sorted by relevance; p50 / p95 for 1 client and for C
  concurrent clients (threads, one connection each).
- baseline: ``session.get(JobOffer, id)`` (primary-key lookup) with the same clients.

Target: search p95 ≤ 100 ms at 20 clients. Exit status 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Final

from benchmarks.ingest_bmo import machine_info

ROOT: Final = Path(__file__).resolve().parent.parent
ROME3: Final = ROOT / "mappings" / "rome_isco_nace" / "codelists" / "rome3.csv"
COORDINATES: Final = ROOT / "data" / "reference" / "geo" / "commune_coordinates.csv"
ENV_URLS: Final = ("CROSSBMO_BENCH_POSTGRES_URL", "CROSSBMO_TEST_POSTGRES_URL")
FILE_SIZE: Final = 50_000
AS_OF: Final = date(2026, 11, 25)
KEYWORDS: Final = (
    "soudeur",
    "lasser",
    "welder",
    "vendeur",
    "verkoper",
    "shop assistant",
    "comptable",
    "boekhouder",
    "infirmier",
    "verpleegkundige",
    "cook",
    "chauffeur",
)
TARGET_MS: Final = 100.0


def _rome_codes() -> list[tuple[str, str]]:
    with ROME3.open(encoding="utf-8", newline="") as handle:
        return [(row["code"], row["label_fr"]) for row in csv.DictReader(handle)]


def _communes() -> list[dict[str, str]]:
    with COORDINATES.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["country"] == "FR"]


def synthetic_offers(count: int, seed: int = 2026) -> Iterator[dict[str, Any]]:
    """France Travail v2 offer records, invented (SYNTHETIC) on real codes and places."""
    rng = random.Random(seed)
    romes, communes = _rome_codes(), _communes()
    for number in range(count):
        code, label = rng.choice(romes)
        commune = rng.choice(communes)
        created = AS_OF - timedelta(days=rng.randrange(60))
        yield {
            "id": f"SYN{number:07d}", "intitule": f"{label} (H/F)", "romeCode": code,
            "description": "SYNTHETIC offer for the benchmark.",
            "dateCreation": f"{created.isoformat()}T09:00:00+01:00",
            "lieuTravail": {"libelle": commune["name"], "commune": commune["code"],
                            "latitude": float(commune["latitude"]),
                            "longitude": float(commune["longitude"])},
            "entreprise": {"nom": f"ENTREPRISE SYNTHETIQUE {number % 5000:04d}"},
            "typeContrat": rng.choice(("CDI", "CDD", "MIS")),
            "dureeTravailLibelleConverti": rng.choice(("Temps plein", "Temps partiel")),
            "langues": [], "alternance": False,
        }  # fmt: skip


def load(url: str, count: int) -> float:
    """Seconds to store ``count`` offers by files of FILE_SIZE."""
    from services.harmonizer.store.db import make_engine
    from services.offers.store import load_offers

    engine = make_engine(url)
    records = synthetic_offers(count)
    started = time.perf_counter()
    for first in range(0, count, FILE_SIZE):
        chunk = [next(records) for _ in range(min(FILE_SIZE, count - first))]
        content = json.dumps({"synthetic": True, "resultats": chunk}).encode()
        outcome = load_offers(engine, "france-travail-offers", content, "bench_SYNTHETIC.json")
        assert outcome.status == "loaded", outcome.findings[:3]
        print(f"  loaded {first + len(chunk):,} offers", flush=True)
    engine.dispose()
    return time.perf_counter() - started


def _timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def _p(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]


def measure(url: str, clients: int, queries: int, count: int) -> dict[str, tuple[float, float]]:
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from services.harmonizer.store.models import JobOffer
    from services.offers.places import Point
    from services.offers.search import OfferQuery, search_offers

    engine = create_engine(url, pool_size=clients, max_overflow=2)  # one connection per client
    communes = _communes()

    def search(rng: random.Random) -> None:
        commune = rng.choice(communes)
        origin = Point(commune["name"], float(commune["latitude"]), float(commune["longitude"]))
        query = OfferQuery(keywords=rng.choice(KEYWORDS), origin=origin, as_of=AS_OF)
        with Session(engine) as session:
            search_offers(session, query)

    def lookup(rng: random.Random) -> None:
        with Session(engine) as session:
            session.get(JobOffer, rng.randrange(1, count + 1))

    results: dict[str, tuple[float, float]] = {}
    for name, work in (("lookup", lookup), ("search", search)):
        for workers in (1, clients):

            def client(seed: int, work: Callable[[random.Random], None] = work) -> list[float]:
                rng = random.Random(seed)
                return [_timed(lambda: work(rng)) for _ in range(queries)]

            client(0)  # warm-up: caches, plans, pool
            with ThreadPoolExecutor(workers) as pool:
                times = [t for batch in pool.map(client, range(1, workers + 1)) for t in batch]
            results[f"{name}, {workers} client(s)"] = (_p(times, 0.5), _p(times, 0.95))
    engine.dispose()
    return results


@contextmanager
def _database(server: str, keep: bool) -> Iterator[str]:
    """A fresh database, dropped afterwards unless kept (then its URL is printed)."""
    from services.harmonizer.store.db import temporary_postgres_database

    if not keep:
        with temporary_postgres_database(server, "crossbmo_bench_offers") as url:
            yield url
        return
    import psycopg
    from sqlalchemy import make_url

    name = f"crossbmo_bench_offers_kept_{time.strftime('%Y%m%d%H%M%S')}"
    admin = make_url(server).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    yield url
    print(f"kept: {url} (measure it again with --reuse URL)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.search_offers")
    parser.add_argument("--offers", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--queries", type=int, default=50, help="per client")
    parser.add_argument("--keep", action="store_true", help="keep the loaded database")
    parser.add_argument("--reuse", metavar="URL", help="measure a database kept by --keep")
    args = parser.parse_args(argv)
    print("crossbmo offer search benchmark (PostgreSQL): search vs primary-key lookup")
    print("\n".join(machine_info()))
    server = next((os.environ[name] for name in ENV_URLS if os.environ.get(name)), "")
    if not server:
        print(f"PostgreSQL: skipped ({' or '.join(ENV_URLS)} is unset)")
        return 0
    from services.harmonizer.store.db import upgrade

    if args.reuse:
        upgrade(args.reuse)
        results = measure(args.reuse, args.clients, args.queries, args.offers)
    else:
        with _database(server, args.keep) as url:
            upgrade(url)
            seconds = load(url, args.offers)
            print(f"load: {args.offers:,} SYNTHETIC offers in {seconds:.1f} s "
                  f"= {args.offers / seconds:,.0f} offers/s")  # fmt: skip
            results = measure(url, args.clients, args.queries, args.offers)
    print(f"\n{'measurement':<28} {'p50 ms':>9} {'p95 ms':>9}")
    for name, (p50, p95) in results.items():
        print(f"{name:<28} {p50:>9.1f} {p95:>9.1f}")
    p95 = results[f"search, {args.clients} client(s)"][1]
    verdict = "met" if p95 <= TARGET_MS else "NOT met"
    print(f"target search p95 ≤ {TARGET_MS:.0f} ms at {args.clients} clients: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
