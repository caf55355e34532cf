"""The shape of the registry (services/harmonizer/sources.py): the parties of the exchange (the
services, each with its side and credit line), what a source record holds, how a source is
pulled, and how a record names the code of its quirks. sources.py re-exports all of it."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any, Final


@dataclass(frozen=True)
class PullEndpoint:
    """Where and how a source is pulled over HTTP (services/harmonizer/pull.py)."""

    contract: str  # the exchange contract (source id) its records are checked as
    url: str  # an Opendatasoft explore v2.1 `records` endpoint, paged with limit/offset
    export_url: str  # the same dataset in one document, when paging cannot reach every record
    page_size: int = 100  # the records API's largest `limit`
    # Opendatasoft answers offset + limit ≤ 10 000 only; beyond that the export is pulled.
    max_records_window: int = 10_000
    order_by: str = ""  # a stable order, so that the same data gives the same bytes
    timeout_seconds: float = 30.0
    retries: int = 3
    backoff_seconds: float = 1.0  # doubled at each retry, unless the server sends Retry-After
    min_interval_seconds: float = 0.5  # between two requests to the host (its rate limit)


@dataclass(frozen=True)
class Service:
    """A party of the exchange: one public employment service, or the operator."""

    id: str
    side: str | None  # its side of the border in the bulletin (None: the operator)
    attribution: str  # the credit line of its figures, as the service words it


SERVICES: Final[dict[str, Service]] = {
    service.id: service
    for service in (
        Service("france-travail", "FR", "Source : France Travail"),
        Service("forem", "BE-WA", "Source : Le Forem"),
        Service("vdab", "BE-VL", "Bron: VDAB"),
        # Public statistics offices whose open data the operator ingests beside the partners'
        # files: each its own credit line, never a partner's figure.
        Service("onem", "BE", "Source : ONEM/RVA, CCI-DE"),
        Service("steunpunt-werk", "BE-VL", "Bron: Steunpunt Werk"),
        Service("dares", "FR", "Source : Dares, Pôle emploi"),
        Service("eurostat", "cross-border", "Source: Eurostat"),
        Service("crossbmo", None, "crossbmo"),  # the operator: keys, no figures of its own
    )
}


@dataclass(frozen=True)
class Source:
    """One partner export: who sends it, what it holds, which formats are read, and by what."""

    id: str
    service: str
    dataset: str
    names: dict[str, str]
    formats: tuple[str, ...]
    code_systems: tuple[str, ...]
    # "module:Class" of its adapter (services/harmonizer/adapters/) and "module:function" of its
    # raw schema (schemas/raw/); None for a source whose files are read only as job offers.
    adapter: str | None = None
    raw_schema: str = ""
    # "module:function" reading its files as job offers for the offer search (services/offers/).
    offer_reader: str | None = None
    pull: PullEndpoint | None = None  # set when `crossbmo pull` can fetch the source
    # Published by the service itself as open data: anyone may read its figures. Figures of
    # other sources (exchange contracts) are for the partners' readers only.
    open_data: bool = False
    derives_isco: bool = False  # ISCO-08 figures are derived from its occupations (mappings/)
    attribution: str | None = None  # its own credit line; else its service's
    signal_name: str | None = None  # msgid naming its shortage signals in the bulletin

    @property
    def side(self) -> str | None:
        return SERVICES[self.service].side

    @property
    def credit(self) -> str:
        """The credit line of its figures: its own, else its service's."""
        return self.attribution or SERVICES[self.service].attribution


def resolve(dotted: str) -> Any:
    """The object a registry record names by "module:attribute" (imported on first use, so
    that the registry stays declarative and imports none of the code it names)."""
    module, _, attribute = dotted.partition(":")
    return getattr(import_module(module), attribute)
