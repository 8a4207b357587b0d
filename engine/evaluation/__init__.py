"""Relevance evaluation of catalog search on judged query sets (``aisle eval``); the
evaluations the facade runs (search, assistant, dialogs, ranking) are in :mod:`.api`."""

from __future__ import annotations

from engine.evaluation.runner import MODES, EvalReport, ModeReport, evaluate
from engine.ranking.judgments import Judgments, load_judgments
from engine.ranking.metrics import mrr_at, ndcg_at, recall_at

__all__ = [
    "MODES",
    "EvalReport",
    "Judgments",
    "ModeReport",
    "evaluate",
    "load_judgments",
    "mrr_at",
    "ndcg_at",
    "recall_at",
]
