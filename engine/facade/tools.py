"""Publisher and developer tools behind the facade: building and signing catalog bundles, and
the evaluations of search, the assistant and personalisation (``aisle eval*``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from engine.bundles import generate_keypair as _generate_keypair
from engine.errors import BundleError
from engine.facade.catalog_ops import CatalogOps
from engine.progress import ProgressCallback, no_progress
from engine.records import BuiltBundle, BuiltDelta

BUILD_ENGINES = ("local", "ray")


def build_bundle(
    feeds: Sequence[Path | str] | Path | str, name: str, version: str, out: Path | str, *,
    sign_key: Path | str | None = None, created: str | None = None, format: str = "auto",
    mapping: Mapping[str, str] | None = None, images: bool = True, vectors: str = "float32",
    engine: str = "local", workers: int = 2, ray_address: str | None = None,
    progress: ProgressCallback = no_progress,
) -> BuiltBundle:
    """Import ``feeds`` (shards of one catalog) and write it as a catalog bundle to ``out``
    (same inputs, same bytes).

    Args:
        vectors: ``float32``, or ``int8`` for a compact bundle (4x smaller vectors; the app
            builds the index on install).
        engine: ``local`` (this process) or ``ray`` (read and embed on Ray: a local Ray with
            ``workers`` embedding actors, or the cluster at ``ray_address``); the same catalog.

    Raises:
        FeedError: a feed cannot be read.
        BundleError: no products, a bad ``created`` date, an unusable signing key, an unknown
            engine or vector format, or Ray cannot start.
    """
    from engine.bundles.builder import build_bundle as build  # the importers and embedders
    from engine.bundles.ray_pipeline import RayOptions

    if engine not in BUILD_ENGINES:
        raise BundleError("Unknown build engine {engine!r}; use one of: {engines}.",
                          engine=engine, engines=", ".join(BUILD_ENGINES))
    ray = RayOptions(workers, ray_address) if engine == "ray" else None
    result = build(feeds, name, version, out, sign_key=sign_key, created=created, format=format,
                   mapping=dict(mapping) if mapping else None, images=images, vectors=vectors,
                   ray=ray, progress=progress)
    m = result.manifest
    return BuiltBundle(str(result.path), result.bundle_bytes, result.sha256, name, version,
                       m.created, m.product_count, m.embedder_id, result.signer,
                       dict(result.report.skipped), result.thumbnails.made,
                       tuple(result.thumbnails.skipped), m.vectors, result.report.seconds)


def build_delta(base: Path | str, target: Path | str, out: Path | str, *,
                sign_key: Path | str | None = None) -> BuiltDelta:
    """Write the delta update from bundle ``base`` to bundle ``target`` (two full bundles of one
    catalog): the changed and new products with their vectors, and the removed ids.

    Raises:
        BundleError: a bundle is damaged, a delta itself, or of another catalog or model.
    """
    from engine.bundles.delta import build_delta as build

    result = build(base, target, out, sign_key=sign_key)
    m = result.manifest
    return BuiltDelta(str(result.path), result.bundle_bytes, result.sha256, m.name,
                      m.base.version if m.base else "", m.version, result.changed,
                      result.removed, m.product_count)


def generate_keypair(prefix: Path | str) -> tuple[Path, Path]:
    """Write an Ed25519 publisher key pair, PREFIX.key (secret) and PREFIX.pub (to share)."""
    return _generate_keypair(prefix)


class EvaluationOps(CatalogOps):
    def _eval_root(self, cache_dir: Path | str | None) -> Path:
        return Path(cache_dir) if cache_dir else self._parts.data_dir / "eval-cache"

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
        search box's refined results do (``search(model_translation=True)``).

        The feed is imported once into ``cache_dir`` (default: <data dir>/eval-cache).
        Returns {"modes": {mode: scores}, "queries": n}.
        """
        from engine.assistant.rerank import LlmReranker
        from engine.evaluation import MODES, evaluate, load_judgments
        from engine.evaluation.runner import cached_catalog, compact_copy

        judgments = load_judgments(queries, qrels)
        catalog = cached_catalog(Path(feed), self._eval_root(cache_dir), format=format,
                                 embedder_id=embedder, rebuild=rebuild, progress=progress)
        if vectors == "int8":
            full, catalog = catalog, compact_copy(catalog)
            full.close()
        if crosslingual is not None:
            catalog.config = dataclasses.replace(catalog.config, crosslingual=crosslingual)
        try:
            reranker = LlmReranker(self._parts.host()()) if rerank else None
            translate = self._parts.search_translator() if model_translation else None
            report = evaluate(catalog, judgments, modes=MODES, limit_queries=limit_queries,
                              reranker=reranker, translate=translate, progress=progress)
        finally:
            catalog.close()
        return report.to_dict()

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
        from engine.assistant import Assistant
        from engine.evaluation.assistant_eval import evaluate_assistant, load_requests
        from engine.evaluation.runner import cached_catalog
        from engine.ranking.judgments import read_qrels

        asked = [r for r in load_requests(requests) if language in (None, r.lang)][:limit]
        grades = read_qrels(qrels) if qrels else None
        catalog = cached_catalog(Path(feed), self._eval_root(cache_dir), progress=progress,
                                 mapping=dict(mapping) if mapping else None)
        host = self._parts.host()
        try:
            host.progress = progress
            report = evaluate_assistant(Assistant(catalog, host, translation=translation),
                                        catalog, asked, grades, progress=progress)
        finally:
            host.progress = no_progress
            catalog.close()
        report["model"] = self._parts.registry.active().name
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
        from engine.assistant import Assistant
        from engine.evaluation.dialog_eval import evaluate_dialogs, load_dialogs
        from engine.evaluation.runner import cached_catalog

        chosen = [d for d in load_dialogs(dialogs) if language in (None, d.lang)][:limit]
        catalog = cached_catalog(Path(feed), self._eval_root(cache_dir), progress=progress,
                                 mapping=dict(mapping) if mapping else None)
        host = self._parts.host()
        try:
            host.progress = progress
            report = evaluate_dialogs(Assistant(catalog, host), catalog, chosen,
                                      progress=progress)
        finally:
            host.progress = no_progress
            catalog.close()
        report["model"] = self._parts.registry.active().name
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
        from engine.evaluation import load_judgments
        from engine.evaluation.runner import cached_catalog
        from engine.ranking.training import collect, cross_validate, write_model

        queries = []
        for name, (feed, queries_path, qrels) in sets.items():
            catalog = cached_catalog(Path(feed), self._eval_root(cache_dir), progress=progress)
            try:
                queries += collect(name, catalog, load_judgments(queries_path, qrels),
                                   progress=progress)
            finally:
                catalog.close()
        report = {"folds": folds, "queries": {n: sum(q.set_name == n for q in queries)
                                              for n in sets},
                  "cv": cross_validate(queries, folds=folds, progress=progress)}
        if out is not None:
            report["written"] = str(write_model(queries, Path(out), report))
        return report

    def evaluate_personalization(self, *, users: int = 20, seed: int = 0,
                                 progress: ProgressCallback = no_progress) -> dict[str, Any]:
        """Personal vs. normal ranking (hit rate@10, nDCG@10) for simulated shoppers on the
        active catalog (the demo catalog is installed first if there is none)."""
        from engine.personalization.simulate import SimConfig, evaluate_personalization

        self.ensure_catalog(progress=progress)
        return evaluate_personalization(self._parts.catalog(), SimConfig(users=users, seed=seed),
                                        progress=progress)
