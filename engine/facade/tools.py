"""Publisher and developer tools behind the facade: building and signing catalog bundles, and
the evaluations of search, the assistant and personalisation (``aisle eval*``)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from engine.bundles import generate_keypair as _generate_keypair
from engine.facade.catalog_ops import CatalogOps
from engine.progress import ProgressCallback, no_progress
from engine.records import BuiltBundle


def build_bundle(
    feed: Path | str, name: str, version: str, out: Path | str, *,
    sign_key: Path | str | None = None, created: str | None = None, format: str = "auto",
    mapping: Mapping[str, str] | None = None, progress: ProgressCallback = no_progress,
) -> BuiltBundle:
    """Import ``feed`` and write it as a catalog bundle to ``out`` (same inputs, same bytes).

    Raises:
        FeedError: the feed cannot be read.
        BundleError: no products, a bad ``created`` date or an unusable signing key.
    """
    from engine.bundles.builder import build_bundle as build  # the importers and embedders

    result = build(feed, name, version, out, sign_key=sign_key, created=created, format=format,
                   mapping=dict(mapping) if mapping else None, progress=progress)
    m = result.manifest
    return BuiltBundle(str(result.path), result.bundle_bytes, result.sha256, name, version,
                       m.created, m.product_count, m.embedder_id, result.signer,
                       dict(result.report.skipped))


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
        progress: ProgressCallback = no_progress,
    ) -> dict[str, Any]:
        """nDCG@10, MRR@10, Recall@100 and latency of keyword, dense and hybrid search over a
        judged set (and hybrid re-ranked by the active chat model with ``rerank``).

        The feed is imported once into ``cache_dir`` (default: <data dir>/eval-cache).
        Returns {"modes": {mode: scores}, "queries": n}.
        """
        from engine.assistant.rerank import LlmReranker
        from engine.evaluation import MODES, evaluate, load_judgments
        from engine.evaluation.runner import cached_catalog

        judgments = load_judgments(queries, qrels)
        catalog = cached_catalog(Path(feed), self._eval_root(cache_dir), format=format,
                                 embedder_id=embedder, rebuild=rebuild, progress=progress)
        try:
            reranker = LlmReranker(self._parts.host()()) if rerank else None
            report = evaluate(catalog, judgments, modes=MODES, limit_queries=limit_queries,
                              reranker=reranker, progress=progress)
        finally:
            catalog.close()
        return report.to_dict()

    def evaluate_assistant(
        self, feed: Path | str, requests: Path | str, *, qrels: Path | str | None = None,
        mapping: Mapping[str, str] | None = None, limit: int | None = None,
        cache_dir: Path | str | None = None, progress: ProgressCallback = no_progress,
    ) -> dict[str, Any]:
        """The active model's answers to a request set against plain search of the same
        messages; returns {"summary": per language, "rows": per request, "model": name}."""
        from engine.assistant import Assistant
        from engine.evaluation.assistant_eval import evaluate_assistant, load_requests
        from engine.evaluation.judgments import read_qrels
        from engine.evaluation.runner import cached_catalog

        asked = load_requests(requests)[:limit]
        grades = read_qrels(qrels) if qrels else None
        catalog = cached_catalog(Path(feed), self._eval_root(cache_dir), progress=progress,
                                 mapping=dict(mapping) if mapping else None)
        host = self._parts.host()
        try:
            host.progress = progress
            report = evaluate_assistant(Assistant(catalog, host), catalog, asked, grades,
                                        progress=progress)
        finally:
            host.progress = no_progress
            catalog.close()
        report["model"] = self._parts.registry.active().name
        return report

    def evaluate_personalization(self, *, users: int = 20, seed: int = 0,
                                 progress: ProgressCallback = no_progress) -> dict[str, Any]:
        """Personal vs. normal ranking (hit rate@10, nDCG@10) for simulated shoppers on the
        active catalog (the demo catalog is installed first if there is none)."""
        from engine.personalization.simulate import SimConfig, evaluate_personalization

        self.ensure_catalog(progress=progress)
        return evaluate_personalization(self._parts.catalog(), SimConfig(users=users, seed=seed),
                                        progress=progress)
