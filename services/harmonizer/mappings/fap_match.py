"""FAP2021 → FAP2009 links from code and label evidence (Dares publishes no passage table)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Final

import pandas as pd

from services.harmonizer.mappings.common import REVIEW_DIR, read_table

REVIEW_FILE: Final = REVIEW_DIR / "fap2021_fap2009_review.csv"
REVIEW_COLUMNS: Final = (
    "fap2021_code", "fap2021_label", "auto_method", "auto_fap2009", "auto_score",
    "decision_fap2009", "decision_method", "reviewed", "note",
)  # fmt: skip
# Below this label overlap a Z→X twin is suspect: the code was reused for another family.
TWIN_MIN_SCORE: Final = 0.25
# Label candidates within this share of the best score are kept together (split families).
NEAR_BEST: Final = 0.8
STOPWORDS: Final = frozenset(
    {"des", "les", "et", "autres", "de", "du", "la", "le", "en", "aux", "au", "hors", "sauf",
     "salaries", "assimiles", "ouvriers", "employes", "agents", "cadres", "techniciens"}
)  # fmt: skip


def tokens(label: str) -> frozenset[str]:
    """Crude French stems: accents off, 'peu qualifiés' = 'non qualifiés', plural and tail cut."""
    text = unicodedata.normalize("NFKD", label.lower().replace("\x9c", "oe"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("peu qualifi", "non-qualifi").replace("non qualifi", "non-qualifi")
    words = re.findall(r"[a-z]+(?:-[a-z]+)?", text)
    return frozenset(w.rstrip("sx")[:7] for w in words if len(w) >= 3 and w not in STOPWORDS)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def auto_links(fap2021: pd.DataFrame, fap2009: pd.DataFrame) -> pd.DataFrame:
    """One row per FAP2021 family: the links found by code, else by label, and their score."""
    old = dict(zip(fap2009["code"], fap2009["label_fr"], strict=True))
    old_tokens = {code: tokens(label) for code, label in old.items()}
    rows = []
    for code, label in zip(fap2021["code"], fap2021["label_fr"], strict=True):
        rows.append((code, label, *_match(code, tokens(label), old, old_tokens)))
    return pd.DataFrame(
        rows, columns=["fap2021_code", "fap2021_label", "auto_method", "auto_fap2009", "auto_score"]
    )


def _match(
    code: str, words: frozenset[str], old: dict[str, str], old_tokens: dict[str, frozenset[str]]
) -> tuple[str, str, str]:
    if code in old:
        return "identical-code", code, f"{similarity(words, old_tokens[code]):.2f}"
    twin = code[:2] + "Z" + code[3:]
    if code[2] == "X" and twin in old:
        score = similarity(words, old_tokens[twin])
        method = "z-to-x-code" if score >= TWIN_MIN_SCORE else "z-to-x-code-label-differs"
        return method, twin, f"{score:.2f}"
    scores = {c: similarity(words, t) for c, t in old_tokens.items() if c[0] == code[0]}
    best = max(scores.values(), default=0.0)
    if best == 0.0:
        return "no-candidate", "", "0.00"
    chosen = sorted(c for c, s in scores.items() if s >= best * NEAR_BEST)
    return "label-match", " ".join(chosen), f"{best:.2f}"


def reconcile(auto: pd.DataFrame, review_file: Path = REVIEW_FILE) -> pd.DataFrame:
    """Keep earlier review decisions; a code never reviewed takes its automatic links."""
    earlier = read_table(review_file) if review_file.is_file() else None
    table = auto.copy()
    table["decision_fap2009"] = table["auto_fap2009"]
    table["decision_method"] = table["auto_method"]
    table["reviewed"] = ""
    table["note"] = ""
    if earlier is not None:
        kept = earlier[earlier["reviewed"] != ""].set_index("fap2021_code")
        for column in ("decision_fap2009", "decision_method", "reviewed", "note"):
            mapped = table["fap2021_code"].map(kept[column])
            table[column] = mapped.where(mapped.notna(), table[column])
    return table.loc[:, list(REVIEW_COLUMNS)]


def decided_links(table: pd.DataFrame) -> pd.DataFrame:
    """FAP2021 → FAP2009 pairs from the decisions, with the method of each."""
    pairs = table.assign(fap2009=table["decision_fap2009"].str.split(" ")).explode("fap2009")
    pairs = pairs[pairs["fap2009"].fillna("") != ""]
    return pairs.rename(columns={"fap2021_code": "fap2021", "decision_method": "method"})[
        ["fap2021", "fap2009", "method"]
    ]
