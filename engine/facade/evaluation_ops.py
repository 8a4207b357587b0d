"""The facade's evaluations (``aisle.evaluation``, ``aisle eval*``): the functions of
:mod:`engine.evaluation.api`, given this data directory's cache, chat model and translator."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from engine.catalog import Catalog
from engine.evaluation import api
from engine.facade.catalog_ops import CatalogOps
from engine.llm.host import ChatModelHost
from engine.llm.registry import ModelRegistry
from engine.progress import ProgressCallback, no_progress


class EvaluationOps:
    """Search, assistant, dialog and personalisation evaluations with the active model."""

    def __init__(self, data_dir: Path, *, host: ChatModelHost, registry: ModelRegistry,
                 translator: Callable[[str], str], catalog: CatalogOps,
                 active: Callable[[], Catalog]) -> None:
        """Args:
            data_dir: where the evaluated feeds are imported once (``eval-cache/``).
            translator: the chat model's translations of search queries.
            catalog, active: the shopper's catalog (installed first), whose simulated shoppers
                ``evaluate_personalization`` measures.
        """
        self._data_dir = data_dir
        self._host = host
        self._registry = registry
        self._translator = translator
        self._catalog = catalog
        self._active = active

    def _cache(self, cache_dir: Path | str | None) -> Path:
        return Path(cache_dir) if cache_dir else self._data_dir / "eval-cache"

    def evaluate_search(
        self, feed: Path | str, queries: Path | str, qrels: Path | str, *,
        limit_queries: int | None = None, format: str = "auto", embedder: str | None = None,
        cache_dir: Path | str | None = None, rebuild: bool = False, rerank: bool = False,
        crosslingual: str | None = None, vectors: str = "float32",
        model_translation: bool = False, progress: ProgressCallback = no_progress,
    ) -> dict[str, Any]:
        """nDCG@10, MRR@10, Recall@100 and latency of keyword, dense, hybrid and learned search
        over a judged set (and hybrid re-ranked by the active chat model with ``rerank``).

        ``vectors="int8"`` searches the catalog as a compact bundle of it would install (its
        vectors quantised to int8 and restored), to measure what that costs.

        ``crosslingual`` says how Chinese queries search a catalog that is not Chinese
        (``translate``: both legs search the glossary's English; ``embed``: the dense leg embeds
        the Chinese itself; ``none``), to compare them; the default is the app's.
        ``model_translation`` also has the active chat model translate each such query, as the
        search box's refined results do (``catalog.search(model_translation=True)``).

        The feed is imported once into ``cache_dir`` (default: <data dir>/eval-cache).
        Returns {"modes": {mode: scores}, "queries": n}.
        """
        return api.evaluate_search(
            feed, queries, qrels, self._cache(cache_dir), limit_queries=limit_queries,
            format=format, embedder=embedder, rebuild=rebuild,
            rerank_model=partial(self._host, progress) if rerank else None,
            crosslingual=crosslingual, vectors=vectors,
            translate=self._translator if model_translation else None, progress=progress)

    def evaluate_assistant(
        self, feed: Path | str, requests: Path | str, *, qrels: Path | str | None = None,
        mapping: Mapping[str, str] | None = None, limit: int | None = None,
        cache_dir: Path | str | None = None, translation: str = "glossary",
        language: str | None = None, progress: ProgressCallback = no_progress,
    ) -> dict[str, Any]:
        """The active model's answers to a request set against plain search of the same
        messages; returns {"summary": per language, "rows": per request, "model": name}.

        ``translation`` says who translates a request across languages ("glossary" or
        "model", see ``Assistant``); ``language`` keeps only that language's requests."""
        report = api.evaluate_assistant(
            feed, requests, self._cache(cache_dir), partial(self._host, progress), qrels=qrels,
            mapping=mapping, limit=limit, translation=translation, language=language,
            progress=progress)
        report["model"] = self._registry.active().name
        report["translation"] = translation
        return report

    def evaluate_dialogs(
        self, feed: Path | str, dialogs: Path | str, *,
        mapping: Mapping[str, str] | None = None, limit: int | None = None,
        cache_dir: Path | str | None = None, language: str | None = None,
        progress: ProgressCallback = no_progress,
    ) -> dict[str, Any]:
        """The active model through whole dialogs, checked turn by turn; returns {"summary":
        dialogs passing whole, per act and per language, "turns": per turn, "model": name}."""
        report = api.evaluate_dialogs(
            feed, dialogs, self._cache(cache_dir), partial(self._host, progress),
            mapping=mapping, limit=limit, language=language, progress=progress)
        report["model"] = self._registry.active().name
        return report

    def cross_validate_ranking(
        self, sets: Mapping[str, tuple[Path | str, Path | str, Path | str]], *, folds: int = 5,
        out: Path | str | None = None, cache_dir: Path | str | None = None,
        progress: ProgressCallback = no_progress,
    ) -> dict[str, Any]:
        """Query-grouped k-fold CV of every ordering of the hybrid candidates (keyword, dense,
        RRF, tuned score fusion, the learned ranker) over judged sets, named
        {name: (feed, queries, qrels)}; with ``out``, the ranker trained on all of them is
        written there (``ranker.txt`` and its card ``ranker.json``)."""
        return api.cross_validate_ranking(sets, self._cache(cache_dir), folds=folds, out=out,
                                          progress=progress)

    def evaluate_personalization(self, *, users: int = 20, seed: int = 0,
                                 progress: ProgressCallback = no_progress) -> dict[str, Any]:
        """Personal vs. normal ranking (hit rate@10, nDCG@10) for simulated shoppers on the
        active catalog (the demo catalog is installed first if there is none)."""
        from engine.personalization.simulate import SimConfig, evaluate_personalization

        self._catalog.ensure(progress=progress)
        return evaluate_personalization(self._active(), SimConfig(users=users, seed=seed),
                                        progress=progress)
