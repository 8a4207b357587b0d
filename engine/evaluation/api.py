"""The evaluations ``aisle eval*`` runs, each over a feed imported once into a cache folder.

The facade (``aisle.evaluation``) passes in what belongs to the shopper's data directory, the
chat model and its search translator; everything else is read from the files named here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from engine.assistant import Assistant, ModelProvider
from engine.assistant.rerank import LlmReranker
from engine.evaluation import assistant_eval, dialog_eval
from engine.evaluation.runner import MODES, cached_catalog, compact_copy, evaluate
from engine.progress import ProgressCallback, no_progress
from engine.ranking.judgments import load_judgments, read_qrels
from engine.ranking.training import collect, cross_validate, write_model


def evaluate_search(
    feed: Path | str, queries: Path | str, qrels: Path | str, cache_root: Path, *,
    limit_queries: int | None = None, format: str = "auto", embedder: str | None = None,
    rebuild: bool = False, rerank_model: ModelProvider | None = None,
    crosslingual: str | None = None, vectors: str = "float32",
    translate: Callable[[str], str] | None = None,
    progress: ProgressCallback = no_progress,
) -> dict[str, Any]:
    """nDCG@10, MRR@10, Recall@100 and latency of every search mode over a judged set.

    Args:
        rerank_model: also hybrid re-ranked by this chat model.
        vectors: "int8" searches the catalog as a compact bundle of it would install.
        crosslingual: how Chinese queries search a catalog that is not Chinese ("translate",
            "embed" or "none"; None: the app's default).
        translate: also the chat model's translation of each such query.

    Returns:
        {"modes": {mode: scores}, "queries": n}.
    """
    judgments = load_judgments(queries, qrels)
    catalog = cached_catalog(Path(feed), cache_root, format=format, embedder_id=embedder,
                             rebuild=rebuild, progress=progress)
    if vectors == "int8":
        full, catalog = catalog, compact_copy(catalog)
        full.close()
    if crosslingual is not None:
        catalog.config = dataclasses.replace(catalog.config, crosslingual=crosslingual)
    try:
        reranker = LlmReranker(rerank_model()) if rerank_model is not None else None
        report = evaluate(catalog, judgments, modes=MODES, limit_queries=limit_queries,
                          reranker=reranker, translate=translate, progress=progress)
    finally:
        catalog.close()
    return report.to_dict()


def evaluate_assistant(
    feed: Path | str, requests: Path | str, cache_root: Path, model: ModelProvider, *,
    qrels: Path | str | None = None, mapping: Mapping[str, str] | None = None,
    limit: int | None = None, translation: str = "glossary", language: str | None = None,
    progress: ProgressCallback = no_progress,
) -> dict[str, Any]:
    """``model``'s answers to a request set against plain search of the same messages.

    Returns:
        {"summary": per language, "rows": per request}.
    """
    asked = [r for r in assistant_eval.load_requests(requests)
             if language in (None, r.lang)][:limit]
    grades = read_qrels(qrels) if qrels else None
    catalog = cached_catalog(Path(feed), cache_root, progress=progress,
                             mapping=dict(mapping) if mapping else None)
    try:
        return assistant_eval.evaluate_assistant(
            Assistant(catalog, model, translation=translation), catalog, asked, grades,
            progress=progress)
    finally:
        catalog.close()


def evaluate_dialogs(
    feed: Path | str, dialogs: Path | str, cache_root: Path, model: ModelProvider, *,
    mapping: Mapping[str, str] | None = None, limit: int | None = None,
    language: str | None = None, progress: ProgressCallback = no_progress,
) -> dict[str, Any]:
    """``model`` through whole dialogs, checked turn by turn.

    Returns:
        {"summary": dialogs passing whole, per act and per language, "turns": per turn}.
    """
    chosen = [d for d in dialog_eval.load_dialogs(dialogs) if language in (None, d.lang)][:limit]
    catalog = cached_catalog(Path(feed), cache_root, progress=progress,
                             mapping=dict(mapping) if mapping else None)
    try:
        return dialog_eval.evaluate_dialogs(Assistant(catalog, model), catalog, chosen,
                                            progress=progress)
    finally:
        catalog.close()


def cross_validate_ranking(
    sets: Mapping[str, tuple[Path | str, Path | str, Path | str]], cache_root: Path, *,
    folds: int = 5, out: Path | str | None = None, progress: ProgressCallback = no_progress,
) -> dict[str, Any]:
    """Query-grouped k-fold CV of every ordering of the hybrid candidates over judged sets,
    named {name: (feed, queries, qrels)}; with ``out``, the ranker trained on all of them is
    written there (``ranker.txt`` and its card ``ranker.json``)."""
    queries = []
    for name, (feed, queries_path, qrels) in sets.items():
        catalog = cached_catalog(Path(feed), cache_root, progress=progress)
        try:
            queries += collect(name, catalog, load_judgments(queries_path, qrels),
                               progress=progress)
        finally:
            catalog.close()
    report: dict[str, Any] = {
        "folds": folds, "queries": {n: sum(q.set_name == n for q in queries) for n in sets},
        "cv": cross_validate(queries, folds=folds, progress=progress)}
    if out is not None:
        report["written"] = str(write_model(queries, Path(out), report))
    return report
