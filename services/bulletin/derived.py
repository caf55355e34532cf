"""Published cells: statuses after disclosure control, then the shares and ratios derived
from them (a share or ratio is never published when one of its terms is suppressed, so it
cannot give a suppressed count back)."""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from services.bulletin.disclosure import Suppression

# A share on fewer than 20 projects is published but flagged: one project moves it 5 points.
SMALL_BASE: Final = 20.0
SHARES: Final = {
    "difficult_share": "difficult_hiring_projects",
    "seasonal_share": "seasonal_hiring_projects",
}
SHARE_BASE: Final = "hiring_projects"
FLOWS_FOR_TENSION: Final = ("vacancies_received", "offers_published")
PLACE: Final = (
    "zone", "occupation_level", "occupation_code", "nace_section", "reference_period",
    "period_type",
)  # fmt: skip
DECIMALS: Final = 2


def published_counts(cells: pd.DataFrame, suppression: Suppression) -> pd.DataFrame:
    frame = cells.rename(columns={"sources": "source_id"}).reset_index(drop=True)
    positions = np.arange(len(frame))
    source_secret = frame["value"].isna().to_numpy()
    primary = np.isin(positions, sorted(suppression.primary))
    secondary = np.isin(positions, sorted(suppression.secondary))
    hidden = primary | secondary
    frame["value"] = frame["value"].round(DECIMALS).where(~hidden)
    frame["conf_status"] = np.where(primary, "C", np.where(secondary, "D", "F"))
    partial = (frame["secret"] > 0).to_numpy()
    frame["obs_status"] = np.where(hidden, "O", np.where(partial, "D", "A"))
    frame["flags"] = [
        _flags(secret, first, second)
        for secret, first, second in zip(
            source_secret, primary & ~source_secret, secondary, strict=True
        )
    ]
    return frame.drop(columns=["secret", "parts"])


def _flags(source_secret: object, below_threshold: object, complement: object) -> str:
    names = [
        ("source_secret", source_secret),
        ("primary", below_threshold),
        ("secondary", complement),
    ]
    return " ".join(name for name, on in names if on)


def shares(counts: pd.DataFrame) -> pd.DataFrame:
    base = counts[counts["indicator"] == SHARE_BASE]
    parts = []
    for share, numerator in SHARES.items():
        top = counts[counts["indicator"] == numerator]
        joined = top.merge(base, on=[*PLACE, "coverage"], suffixes=("", "_base"))
        parts.append(_ratio(joined, share, "percent", 100.0, small_base=True))
    return pd.concat(parts, ignore_index=True) if parts else counts.iloc[0:0]


def tension(counts: pd.DataFrame) -> pd.DataFrame:
    """Offers or vacancies per job seeker, within one service's figures only."""
    flows = counts[counts["indicator"].isin(FLOWS_FOR_TENSION)]
    stocks = counts[counts["indicator"] == "job_seekers"]
    if flows.empty or stocks.empty:
        return counts.iloc[0:0]
    flows = flows.assign(family=flows["source_id"].str.split("-").str[0])
    stocks = stocks.assign(family=stocks["source_id"].str.split("-").str[0])
    keys = ["zone", "occupation_level", "occupation_code", "nace_section", "family"]
    joined = flows.merge(stocks, on=keys, suffixes=("", "_base"))
    if joined.empty:
        return counts.iloc[0:0]
    joined["source_id"] = joined["source_id"] + "+" + joined["source_id_base"]
    return _ratio(joined.drop(columns="family"), "tension_ratio", "ratio", 1.0, small_base=False)


def _ratio(
    joined: pd.DataFrame, indicator: str, unit: str, scale: float, *, small_base: bool
) -> pd.DataFrame:
    hidden = joined["value"].isna() | joined["value_base"].isna() | (joined["value_base"] <= 0)
    value = (joined["value"] / joined["value_base"].where(joined["value_base"] > 0) * scale).round(
        DECIMALS
    )
    partial = (joined["obs_status"] == "D") | (joined["obs_status_base"] == "D")
    small = small_base & (joined["value_base"] < SMALL_BASE)
    zero = (joined["value_base"] == 0).to_numpy()  # no base: nothing to divide, nothing hidden
    reason = np.where(zero, "zero_base", "derived_from_suppressed")
    return pd.DataFrame(
        {
            **{column: joined[column] for column in (*PLACE, "coverage", "source_id")},
            "indicator": indicator,
            "unit": unit,
            "value": value.where(~hidden),
            "conf_status": np.where(hidden & (joined["value_base"] != 0), "D", "F"),
            "obs_status": np.where(hidden, "O", np.where(partial, "D", "A")),
            "flags": np.where(hidden, reason, np.where(small, "small_base", "")),
        }
    )
