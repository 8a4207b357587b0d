"""The on-device re-ranker: LightGBM lambdarank trained on the shopper's own result lists.

Training data comes from replaying the history: at each search the features are computed with
the profile *as it was then* (no peeking at later clicks), labelled 1 for products the shopper
then clicked, saved, carted or bought, and 0 for the rest of that list. The newest ~20% of lists
are held out; the model is used only if it beats the shown (unpersonalised) order there.

Gradient-boosted trees are what ranking on a few tabular features is made for, train in tens
of milliseconds on one thread, and need no deep-learning runtime (the app ships without torch).
Their settings were chosen with ``bench/personalization_rankers.py`` on simulated shoppers of
seeds 0-4 and are reported on seeds 5-9 beside the small MLP they replaced (docs/EVALUATION.md).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from engine.catalog.protocol import SearchableCatalog
from engine.personalization.events import POSITIVE_KINDS
from engine.personalization.features import FEATURES, Candidate, feature_matrix
from engine.personalization.profile import Profile
from engine.records import Event

if TYPE_CHECKING:
    import lightgbm

log = logging.getLogger(__name__)

MIN_TRAIN_LISTS = 16
MIN_HELDOUT_LISTS = 4
HELDOUT_SHARE = 0.2
MIN_GAIN = 0.005
TRAIN_THREADS = 1
ROUNDS = 30
BOOSTING = {
    "objective": "lambdarank", "lambdarank_truncation_level": 10, "num_leaves": 4,
    "min_data_in_leaf": 10, "learning_rate": 0.1, "lambda_l2": 1.0,
    "num_threads": TRAIN_THREADS, "deterministic": True, "force_row_wise": True, "verbose": -1,
}


@dataclass(frozen=True)
class TrainingList:
    """One shown result list: features per product and whether the shopper engaged with it."""

    ts: float
    features: np.ndarray
    labels: np.ndarray


@dataclass
class TrainReport:
    """Outcome of one training run, stored with the model and shown to the user."""

    enabled: bool
    reason: str
    lists: int = 0
    train_lists: int = 0
    heldout_lists: int = 0
    metrics: dict[str, dict[str, float]] = field(default_factory=dict)
    seconds: float = 0.0
    """Wall time of the whole training run: history replay, fitting and held-out scoring."""
    events: int = 0
    """How many history events there were when it was trained."""

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class RankerModel:
    """The trained trees, stored as LightGBM's own text model (no pickle)."""

    def __init__(self, booster: lightgbm.Booster) -> None:
        self.booster = booster

    def score(self, features: np.ndarray) -> np.ndarray:
        return np.asarray(self.booster.predict(features, num_threads=TRAIN_THREADS))

    def to_bytes(self) -> bytes:
        return self.booster.model_to_string().encode("utf-8")

    @classmethod
    def from_bytes(cls, blob: bytes) -> RankerModel:
        """Raises ValueError for another kind of model (the MLP of earlier versions) or one
        trained on other features; it is ignored until the next training."""
        import lightgbm

        try:
            booster = lightgbm.Booster(model_str=blob.decode("utf-8"))
        except (UnicodeDecodeError, lightgbm.basic.LightGBMError) as err:
            raise ValueError(f"not a LightGBM ranker ({err})") from err
        if booster.feature_name() != list(FEATURES):
            raise ValueError("ranker was trained on other features")
        return cls(booster)


def build_lists(events: Sequence[Event], catalog: SearchableCatalog) -> list[TrainingList]:
    """Replay the history into labelled result lists (time order), features as of each search."""
    ids = sorted({s.product_id for e in events for s in e.shown}
                 | {e.product_id for e in events if e.product_id})
    products = {p.id: p for p in catalog.get_many(ids)}
    vectors = dict(zip(ids, catalog.vectors(ids), strict=True)) if ids else {}
    profile, pending = Profile(), {}
    positives: dict[int, set[str]] = {}
    for n, event in enumerate(events):
        if event.kind == "search" and event.shown and event.id is not None:
            cands = [Candidate(products[s.product_id], s.score, s.keyword_rank, s.dense_rank, i)
                     for i, s in enumerate(event.shown) if s.product_id in products]
            if cands:
                vecs = np.stack([vectors[c.product.id] for c in cands])
                pending[event.id] = (event.ts, [c.product.id for c in cands],
                                     feature_matrix(cands, profile, event.ts, vecs))
                positives[event.id] = set()
        elif event.kind in POSITIVE_KINDS and event.ref in positives:
            positives[event.ref].add(event.product_id or "")
        profile.apply(event, vectors.get(event.product_id or ""))
        if n % 256 == 0:
            profile.forget_old_views(event.ts)
    lists = []
    for ref, (ts, pids, features) in pending.items():
        labels = np.array([pid in positives[ref] for pid in pids], dtype=np.float32)
        if 0 < labels.sum() < len(labels):
            lists.append(TrainingList(ts, features, labels))
    return sorted(lists, key=lambda t: t.ts)


def ndcg_at_10(scores: np.ndarray, labels: np.ndarray) -> float:
    """Binary nDCG@10 of ranking ``labels`` by descending ``scores`` (ties keep list order)."""
    order = np.argsort(-scores, kind="stable")[:10]
    dcg = sum(labels[i] / math.log2(r + 2) for r, i in enumerate(order))
    ideal = sum(1.0 / math.log2(r + 2) for r in range(int(min(labels.sum(), 10))))
    return float(dcg / ideal) if ideal else 0.0


def evaluate(model: RankerModel | None, lists: Sequence[TrainingList]) -> dict[str, float]:
    """Mean nDCG@10 and hit rate@1 of the model's order (or the shown order if model is None)."""
    position = FEATURES.index("position")
    ndcgs, hits = [], []
    for t in lists:
        scores = model.score(t.features) if model else t.features[:, position]
        ndcgs.append(ndcg_at_10(scores, t.labels))
        hits.append(float(t.labels[int(np.argmax(scores))] > 0))
    count = max(len(lists), 1)
    return {"ndcg@10": round(sum(ndcgs) / count, 4), "hit_rate@1": round(sum(hits) / count, 4)}


def train(lists: Sequence[TrainingList], *,
          seed: int = 0) -> tuple[RankerModel | None, TrainReport]:
    """Train on the older lists, compare with the shown order on the newest ones.

    Returns:
        The model (None when there was too little history) and a report whose ``enabled`` says
        whether the model won on the held-out lists.
    """
    heldout_n = max(MIN_HELDOUT_LISTS, round(len(lists) * HELDOUT_SHARE))
    train_lists, heldout = list(lists[:-heldout_n]), list(lists[-heldout_n:])
    report = TrainReport(False, "", len(lists), len(train_lists), len(heldout))
    if len(train_lists) < MIN_TRAIN_LISTS:
        report.reason = (f"Not enough history yet: {len(lists)} searches with a click, "
                         f"{MIN_TRAIN_LISTS + MIN_HELDOUT_LISTS} needed.")
        report.train_lists = report.heldout_lists = 0
        return None, report
    model = fit(train_lists, seed=seed)
    report.metrics = {"personalized": evaluate(model, heldout), "baseline": evaluate(None, heldout)}
    gain = report.metrics["personalized"]["ndcg@10"] - report.metrics["baseline"]["ndcg@10"]
    report.enabled = gain > MIN_GAIN
    report.reason = ("Personal ranking is on: it put what you chose higher on your recent searches."
                     if report.enabled else
                     "Personal ranking is off: it did not beat the normal order on your recent "
                     "searches.")
    log.info("ranker trained on %d lists: %s", len(train_lists), report.metrics)
    return model, report


def fit(lists: Sequence[TrainingList], *, seed: int = 0) -> RankerModel:
    """LambdaRank over the lists, one query group per shown list."""
    import lightgbm

    data = lightgbm.Dataset(np.concatenate([t.features for t in lists]),
                            np.concatenate([t.labels for t in lists]),
                            group=[len(t.labels) for t in lists], feature_name=list(FEATURES))
    return RankerModel(lightgbm.train({**BOOSTING, "seed": seed}, data, num_boost_round=ROUNDS))
