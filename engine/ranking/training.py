"""Training the learned ranker and estimating, by query-grouped cross-validation, how every
ordering of the same candidates does on queries it was not fitted on.

Each judged set's queries are split into folds by query text (a query asked twice lands in one
fold). For each fold, everything fitted — the LightGBM model and the score-fusion weight — is
fitted on the other folds of every set and scored on this one; the figures are the mean ± sd of
the fold means. Untuned orderings (keyword, dense, reciprocal rank fusion) are scored on the same
folds, so all rows of a report come from one run over the same candidates.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from engine.progress import NEVER_CANCELLED, CancelToken, ProgressCallback, no_progress
from engine.ranking.features import BASE_SCALE, COLUMN, FEATURES, RankingInput, base_scores
from engine.ranking.judgments import Judgments
from engine.ranking.metrics import ndcg_at

if TYPE_CHECKING:
    import lightgbm

PARAMS: dict[str, object] = {
    "objective": "lambdarank", "metric": "ndcg", "eval_at": [10], "learning_rate": 0.05,
    "num_leaves": 15, "min_data_in_leaf": 50, "feature_fraction": 0.8,
    "lambdarank_truncation_level": 20, "deterministic": True, "force_row_wise": True,
    "num_threads": 1, "seed": 0, "verbosity": -1,
}
ROUNDS = 150
SET_BALANCE = 0.75
"""Each query weighs (queries / (sets x its set's queries)) ** SET_BALANCE: at 0, homedepot's
5,850 queries outvoted crowdflower's 130 (crowdflower learned 0.772 below fusion's 0.796); at 1,
homedepot fell to 0.430; 0.75 is above fusion on every set (cross-validated, docs/EVALUATION.md)."""
FUSION_GRID = tuple(round(w * 0.1, 1) for w in range(11))  # the dense leg's share
RRF_K = 60


class RankingSource(Protocol):
    def ranking_candidates(self, query: str) -> RankingInput: ...


@dataclass(frozen=True)
class JudgedQuery:
    """One query's candidates (fused order), their features and their judged grades."""

    set_name: str
    text: str
    ids: list[str]
    features: np.ndarray
    labels: np.ndarray
    grades: dict[str, int]


def collect(set_name: str, catalog: RankingSource, judgments: Judgments, *,
            progress: ProgressCallback = no_progress,
            cancel: CancelToken = NEVER_CANCELLED) -> list[JudgedQuery]:
    """Candidates and features of every judged query (those with a relevant product)."""
    queries = judgments.judged_queries()
    out = []
    for n, (qid, text) in enumerate(queries):
        cancel.check()
        ranking = catalog.ranking_candidates(text)
        grades = judgments.grades[qid]
        ids = [c.product.id for c in ranking.candidates]
        out.append(JudgedQuery(set_name, text, ids, ranking.matrix(),
                               np.array([grades.get(i, 0) for i in ids], dtype=np.int32), grades))
        progress(n + 1, len(queries), f"Collecting ranking features: {set_name}")
    return out


def train(queries: Sequence[JudgedQuery], dense_share: float, rounds: int = ROUNDS
          ) -> lightgbm.Booster:
    """A LightGBM lambdarank booster fitted on these queries (deterministic).

    It starts from score fusion (``init_score``) and learns corrections to it: with a few
    hundred judged queries, trees learned from nothing ranked below the fusion they could use.
    """
    import lightgbm

    usable = [q for q in queries if len(q.ids)]
    weights = set_weights(usable)
    data = lightgbm.Dataset(
        np.vstack([q.features for q in usable]), np.concatenate([q.labels for q in usable]),
        group=[len(q.ids) for q in usable], feature_name=list(FEATURES),
        weight=np.concatenate([np.full(len(q.ids), w) for q, w in zip(usable, weights,
                                                                        strict=True)]),
        init_score=np.concatenate([base_scores(q.features, dense_share) for q in usable]),
        free_raw_data=True, params={"verbosity": -1},
    )
    return lightgbm.train(PARAMS, data, num_boost_round=rounds)


def set_weights(queries: Sequence[JudgedQuery]) -> list[float]:
    """Per query, so that a small judged set is not drowned by a large one (``SET_BALANCE``)."""
    sizes: dict[str, int] = {}
    for q in queries:
        sizes[q.set_name] = sizes.get(q.set_name, 0) + 1
    return [(len(queries) / (len(sizes) * sizes[q.set_name])) ** SET_BALANCE for q in queries]


def write_model(queries: Sequence[JudgedQuery], directory: Path, report: Mapping[str, object]
                ) -> Path:
    """Train on every query and write the model and its card (the same inputs give the same
    bytes: no dates, one thread, a fixed seed)."""
    import lightgbm

    from engine.ranking.model import CARD_FILE, MODEL_FILE

    directory.mkdir(parents=True, exist_ok=True)
    share = best_fusion(queries)
    booster = train(queries, share)
    booster.save_model(str(directory / MODEL_FILE))
    card = {"features": list(FEATURES), "fusion_dense_share": share, "base_scale": BASE_SCALE,
            "params": PARAMS, "rounds": ROUNDS, "set_balance": SET_BALANCE,
            "lightgbm": lightgbm.__version__, **report}
    (directory / CARD_FILE).write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
    return directory / MODEL_FILE


def fold_of(text: str, folds: int, seed: int) -> int:
    """The fold of a query: a hash of its normalised text, so splits are stable and grouped."""
    digest = hashlib.sha256(f"{seed}:{' '.join(text.lower().split())}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % folds


def order_ndcg(query: JudgedQuery, scores: np.ndarray) -> float:
    order = sorted(range(len(query.ids)), key=lambda i: (-scores[i], i))
    return ndcg_at([query.ids[i] for i in order], query.grades, 10)


def fusion_scores(query: JudgedQuery, dense_share: float) -> np.ndarray:
    """Score fusion as in search: BM25 over the query's best, plus cosine, weighted."""
    return base_scores(query.features, dense_share)


def rrf_scores(query: JudgedQuery) -> np.ndarray:
    total = np.zeros(len(query.ids))
    for column in ("keyword_rank", "dense_rank"):
        ranks = query.features[:, COLUMN[column]]
        total += np.where(np.isnan(ranks), 0.0, 1.0 / (RRF_K + np.nan_to_num(ranks) + 1))
    return total


def leg_scores(query: JudgedQuery, column: str) -> np.ndarray:
    return np.nan_to_num(query.features[:, COLUMN[column]], nan=-1e9)


def best_fusion(queries: Sequence[JudgedQuery]) -> float:
    """The dense share with the best mean nDCG@10 over these queries (ties: the smaller)."""
    means = [np.mean([order_ndcg(q, fusion_scores(q, w)) for q in queries]) for w in FUSION_GRID]
    return FUSION_GRID[int(np.argmax(means))]


UNTUNED = {
    "keyword": lambda q: leg_scores(q, "bm25"),
    "dense": lambda q: leg_scores(q, "cosine"),
    "rrf": rrf_scores,
}


def _learned_scores(query: JudgedQuery, booster: lightgbm.Booster, share: float) -> np.ndarray:
    return fusion_scores(query, share) + np.asarray(booster.predict(query.features,
                                                                    num_threads=1))


def cross_validate(queries: Sequence[JudgedQuery], *, folds: int = 5, seed: int = 0,
                   progress: ProgressCallback = no_progress,
                   cancel: CancelToken = NEVER_CANCELLED) -> dict[str, dict[str, object]]:
    """Per set and ordering: nDCG@10 as mean and sd over folds, and what each fold chose."""
    fold = [fold_of(q.text, folds, seed) for q in queries]
    per_fold: dict[str, dict[str, list[float]]] = {}
    chosen: list[float] = []
    for k in range(folds):
        cancel.check()
        fitted = [q for q, f in zip(queries, fold, strict=True) if f != k]
        held = [q for q, f in zip(queries, fold, strict=True) if f == k]
        share = best_fusion(fitted)
        booster = train(fitted, share)
        chosen.append(share)
        orderings = {**UNTUNED, "fusion (tuned)": partial(fusion_scores, dense_share=share),
                     "learned": partial(_learned_scores, booster=booster, share=share)}
        for name, scores in orderings.items():
            for set_name, values in _by_set(held, scores).items():
                per_fold.setdefault(set_name, {}).setdefault(name, []).append(values)
        progress(k + 1, folds, "Cross-validating")
    return {set_name: {**{name: _mean_sd(v) for name, v in orderings.items()},
                       "fusion_dense_share_per_fold": chosen}
            for set_name, orderings in per_fold.items()}


def _by_set(queries: Iterable[JudgedQuery], scores: object) -> Mapping[str, float]:
    values: dict[str, list[float]] = {}
    for q in queries:
        values.setdefault(q.set_name, []).append(order_ndcg(q, scores(q)))  # type: ignore[operator]
    return {name: float(np.mean(v)) for name, v in values.items()}


def _mean_sd(values: list[float]) -> dict[str, float]:
    return {"mean": round(float(np.mean(values)), 4), "sd": round(float(np.std(values)), 4)}
