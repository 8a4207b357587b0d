"""The shipped learned ranker: a LightGBM lambdarank model over ``features.FEATURES``.

The model file is LightGBM's own text format (readable, diffable, a few hundred KB) beside a
JSON card naming the features it was trained on and how it was trained and measured
(``scripts/train_ranker.sh``, that is ``aisle eval-ranking --out``, writes both). A card whose
feature list differs from the code's is refused: the columns would mean something else.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from engine.errors import SearchError
from engine.paths import resource_path
from engine.ranking.features import FEATURES, RankingInput, base_scores
from engine.records import SearchHit

if TYPE_CHECKING:
    import lightgbm

MODEL_FILE = "ranker.txt"
CARD_FILE = "ranker.json"


class LearnedRanker:
    """Scores candidates: higher is more relevant. Thread-safe for prediction."""

    def __init__(self, booster: lightgbm.Booster, card: dict[str, object]) -> None:
        self._booster = booster
        self.card = card

    @classmethod
    def load(cls, directory: Path) -> LearnedRanker:
        """Raises: SearchError: the files are missing, unreadable or for other features."""
        import lightgbm

        try:
            card = json.loads((directory / CARD_FILE).read_text(encoding="utf-8"))
            booster = lightgbm.Booster(model_file=str(directory / MODEL_FILE))
        except (OSError, ValueError, lightgbm.basic.LightGBMError) as err:
            raise SearchError("The search ranker in {directory} cannot be read ({reason}). "
                              "Reinstall Aisle, or search in hybrid mode.", directory=directory,
                              reason=str(err)) from err
        if tuple(card.get("features", ())) != FEATURES or "fusion_dense_share" not in card:
            raise SearchError("The search ranker in {directory} was trained on other features "
                              "than this version computes. Retrain it with "
                              "scripts/train_ranker.sh, or search in hybrid mode.",
                              directory=directory)
        return cls(booster, card)

    def scores(self, features: np.ndarray) -> np.ndarray:
        """Score fusion (with the card's weight) plus the trees' corrections to it."""
        if not len(features):
            return np.zeros(0)
        share = float(self.card["fusion_dense_share"])  # type: ignore[arg-type]
        return base_scores(features, share) + np.asarray(
            self._booster.predict(features, num_threads=1))


@functools.cache
def _shipped() -> LearnedRanker | SearchError:
    try:
        return LearnedRanker.load(resource_path("ranker"))
    except SearchError as err:
        return err


def shipped_ranker() -> LearnedRanker:
    """The ranker in ``resources/ranker``, read once per process (a failure too).

    Raises:
        SearchError: its files are missing, unreadable or for other features.
    """
    ranker = _shipped()
    if isinstance(ranker, SearchError):
        raise ranker
    return ranker


def learned_order(ranking: RankingInput, ranker: LearnedRanker) -> list[SearchHit]:
    """The candidates as hits, best first by the ranker (ties keep the fused order)."""
    scores = ranker.scores(ranking.matrix())
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    return [SearchHit(ranking.candidates[i].product, float(scores[i]),
                      ranking.candidates[i].keyword_rank, ranking.candidates[i].dense_rank)
            for i in order]
