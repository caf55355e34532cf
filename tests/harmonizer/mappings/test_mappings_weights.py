"""Weight normalization of the build: any basis gives weights in (0, 1] summing to 1 per code."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from services.harmonizer.mappings.common import normalize_weights, relation_of_links

LINKS = st.lists(
    st.tuples(
        st.sampled_from(["A0Z40", "B1Z40", "R1Z66", "W1Z80"]),
        st.sampled_from(["1111", "2636", "5223", "6114", "8341", "9112"]),
        st.one_of(st.just(0.0), st.floats(min_value=1e-6, max_value=1e7)),
    ),
    min_size=1,
    max_size=40,
    unique_by=lambda link: (link[0], link[1]),
)


@settings(max_examples=200, deadline=None)
@given(LINKS)
def test_weights_of_each_source_code_sum_to_one(links: list[tuple[str, str, float]]) -> None:
    frame = pd.DataFrame(links, columns=["source_code", "target_code", "basis"])
    weights = normalize_weights(frame, "basis")
    assert (weights >= 0).all() and (weights <= 1).all()
    sums = weights.groupby(frame["source_code"]).sum()
    assert ((sums - 1.0).abs() <= 1e-9).all()
    # A code whose basis is all zero is split equally, never dropped.
    for _code, group in frame.groupby("source_code"):
        if (group["basis"] == 0).all():
            shares = weights[group.index]
            assert shares.max() - shares.min() <= 1e-9  # the last digit takes the residue


def test_relations_follow_the_fan_out_on_both_sides() -> None:
    links = pd.DataFrame(
        [("A", "1"), ("A", "2"), ("B", "3"), ("C", "3"), ("D", "4"), ("E", "5"), ("E", "6"),
         ("F", "6")],
        columns=["source_code", "target_code"],
    )  # fmt: skip
    relation = relation_of_links(links).tolist()
    assert relation == ["narrow", "narrow", "broad", "broad", "close", "narrow", "close", "broad"]
