"""Harmonizing BMO métiers to ISCO-08: totals preserved, unit groups only, secrets stay secret."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from services.harmonizer.adapters import adapter_for
from services.harmonizer.adapters.france_travail_bmo_sheet import read_bmo
from services.harmonizer.mappings.apply import isco_observations
from services.harmonizer.mappings.codelists import isco_unit_groups
from services.harmonizer.mappings.tables import load_crosswalk, mapping_version
from tests.conftest import NATIONAL_BMO, SAMPLE_2023, SAMPLE_2025

PLACE = ["geo_code", "geo_department", "indicator"]


@lru_cache(maxsize=2)
def _sample(path: Path) -> pd.DataFrame:
    return adapter_for("france-travail-bmo").observations(read_bmo(path.read_bytes(), path.name))


def _published_by_place(frame: pd.DataFrame) -> pd.Series:
    return frame.groupby(PLACE, dropna=False)["value"].sum(min_count=0)


def _with_secrets(frame: pd.DataFrame, secret: list[bool]) -> pd.DataFrame:
    mask = np.array(secret)
    return frame.assign(
        value=frame["value"].where(~mask, np.nan),
        obs_status=np.where(mask, "O", frame["obs_status"]),
        conf_status=np.where(mask, "C", frame["conf_status"]),
    )


@st.composite
def bmo_subsets(draw: st.DrawFn) -> pd.DataFrame:
    """Some cells of a real sample, each published or secret at random."""
    source = _sample(draw(st.sampled_from([SAMPLE_2023, SAMPLE_2025])))
    rows = draw(st.lists(st.integers(0, len(source) - 1), min_size=1, max_size=200, unique=True))
    subset = source.iloc[sorted(rows)].reset_index(drop=True)
    secret = draw(st.lists(st.booleans(), min_size=len(subset), max_size=len(subset)))
    return _with_secrets(subset, secret)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bmo_subsets())
def test_harmonizing_preserves_the_published_totals_of_each_place(frame: pd.DataFrame) -> None:
    isco = isco_observations(frame)
    before = _published_by_place(frame)
    after = _published_by_place(isco).reindex(before.index, fill_value=0.0)
    assert np.allclose(before.to_numpy(), after.to_numpy(), atol=1e-6)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bmo_subsets())
def test_every_output_code_is_a_unit_group_and_secrets_stay_unknown(frame: pd.DataFrame) -> None:
    isco = isco_observations(frame)
    assert set(isco["occupation_code"]) <= isco_unit_groups()
    assert (isco["occupation_version"] == mapping_version()).all()
    secret = isco["conf_status"] == "C"
    assert isco.loc[secret, "value"].isna().all()
    assert (isco.loc[secret, "obs_status"] == "O").all()
    assert isco.loc[~secret, "value"].notna().all()
    if (frame["conf_status"] == "F").all():
        assert (isco["obs_status"] == "A").all()
    if (frame["conf_status"] == "C").all():
        assert secret.all()


def _two_cells_sharing_a_unit_group() -> pd.DataFrame:
    """Two published Lille cells whose métiers both feed one ISCO unit group."""
    source = _sample(SAMPLE_2025)
    cells = source[
        (source["geo_code"] == "3216")
        & (source["indicator"] == "hiring_projects")
        & (source["conf_status"] == "F")
    ]
    links = load_crosswalk("fap2021_isco08")
    links = links[links["source_code"].isin(cells["occupation_code"])]
    shared = links.groupby("target_code")["source_code"].nunique()
    target = shared[shared >= 2].index[0]
    codes = sorted(links.loc[links["target_code"] == target, "source_code"])[:2]
    return cells[cells["occupation_code"].isin(codes)].reset_index(drop=True)


def test_a_secret_part_makes_the_aggregate_partial_never_zero() -> None:
    cells = _two_cells_sharing_a_unit_group()
    assert len(cells) == 2
    hidden = _with_secrets(cells, [True, False])
    isco = isco_observations(hidden)
    partial = isco[isco["obs_status"] == "D"]
    assert len(partial) >= 1
    assert (partial["conf_status"] == "F").all() and (partial["value"] > 0).all()
    assert isco["value"].sum() == pytest.approx(hidden["value"].sum())
    only_secret = isco_observations(_with_secrets(cells, [True, True]))
    assert only_secret["value"].isna().all() and (only_secret["conf_status"] == "C").all()


@pytest.mark.shared_data
@pytest.mark.parametrize("year", [2023, 2025])
def test_each_bassin_sums_back_to_its_bmo_total(year: int) -> None:
    path = NATIONAL_BMO / f"Base_open_data_BMO_{year}.xlsx"
    bmo = adapter_for("france-travail-bmo").observations(read_bmo(path.read_bytes(), path.name))
    isco = isco_observations(bmo)
    for indicator in ("hiring_projects", "difficult_hiring_projects", "seasonal_hiring_projects"):
        before = bmo[bmo["indicator"] == indicator].groupby("geo_code")["value"].sum()
        after = isco[isco["indicator"] == indicator].groupby("geo_code")["value"].sum()
        assert (before - after.reindex(before.index, fill_value=0.0)).abs().max() <= 0.5


def test_the_report_names_the_mapping_version_and_unmapped_codes(
    engine: Engine, raw_dir: Path
) -> None:
    from services.harmonizer.derive import derive_isco
    from services.harmonizer.store.models import Observation, Submission
    from services.harmonizer.submit import ingest_file

    content = SAMPLE_2023.read_bytes()
    outcome = ingest_file(engine, raw_dir, "france-travail-bmo", SAMPLE_2023.name, content)
    count = derive_isco(engine, outcome.submission_id)
    with Session(engine) as session:
        report = session.get(Submission, outcome.submission_id).report  # type: ignore[union-attr]
        systems = set(session.scalars(select(Observation.occupation_system).distinct()))
    assert report["derived"]["isco08"] == {
        "mapping_version": mapping_version(), "observations": count, "unmapped_codes": [],
    }  # fmt: skip
    assert systems == {"bmo-metier", "isco08"}
