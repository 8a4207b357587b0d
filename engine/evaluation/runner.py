"""Run judged queries against a catalog in each retrieval mode and score the rankings.

The catalog is built once per feed in a cache directory named by the feed's SHA-256, so running
the evaluation again (or after tuning search settings) does not re-embed the products.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import sqlite3
import time
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.assistant.rerank import LlmReranker
from engine.bundles import int8_vectors
from engine.catalog import Catalog, store
from engine.catalog.index_manager import rebuild_stored
from engine.embedders import get_embedder
from engine.progress import NEVER_CANCELLED, CancelToken, ProgressCallback, no_progress
from engine.ranking.judgments import Judgments
from engine.ranking.metrics import mrr_at, ndcg_at, percentile, recall_at
from engine.records import SEARCH_MODES

log = logging.getLogger(__name__)

MODES = SEARCH_MODES
RERANK_MODE = "hybrid+rerank"
RETRIEVE = 100
SOURCE_KEY = "eval_source_sha256"


@dataclass(frozen=True)
class ModeReport:
    """Mean metrics over the queries and latency percentiles for one retrieval mode."""

    ndcg10: float
    mrr10: float
    recall100: float
    latency_ms_p50: float
    latency_ms_p95: float

    def to_dict(self) -> dict[str, float]:
        return {
            "ndcg@10": round(self.ndcg10, 4),
            "mrr@10": round(self.mrr10, 4),
            "recall@100": round(self.recall100, 4),
            "latency_ms_p50": round(self.latency_ms_p50, 2),
            "latency_ms_p95": round(self.latency_ms_p95, 2),
        }


@dataclass(frozen=True)
class EvalReport:
    modes: dict[str, ModeReport]
    queries: int
    translation_ms: list[float] | None = None  # the chat model's, per query it translated

    def to_dict(self) -> dict[str, Any]:
        report: dict[str, Any] = {"modes": {m: r.to_dict() for m, r in self.modes.items()},
                                  "queries": self.queries}
        if self.translation_ms:
            report["model_translation"] = {
                "queries": len(self.translation_ms),
                "latency_ms_p50": round(percentile(self.translation_ms, 50), 1),
                "latency_ms_p95": round(percentile(self.translation_ms, 95), 1)}
        return report


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def cached_catalog(
    feed: Path,
    cache_root: Path,
    *,
    format: str = "auto",
    embedder_id: str | None = None,
    mapping: dict[str, str] | None = None,
    rebuild: bool = False,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> Catalog:
    """The catalog of ``feed``, imported into ``cache_root`` unless an import of it is there.

    ``rebuild`` re-imports anyway (after a change to the embedded text); only products whose
    embedded text changed are embedded again.
    """
    sha = file_sha256(feed)
    mapped = ""
    if mapping:
        text = json.dumps(mapping, sort_keys=True).encode()
        mapped = "-map" + hashlib.sha256(text).hexdigest()[:8]
    directory = cache_root / f"{sha[:24]}-{embedder_id or 'auto'}{mapped}"
    embedder = get_embedder(embedder_id) if embedder_id else None
    catalog = Catalog.open(directory, embedder=embedder)
    if rebuild or catalog.meta().get(SOURCE_KEY) != sha:
        log.info("importing %s into the evaluation cache %s", feed, directory)
        catalog.import_feed(feed, format=format, mapping=mapping, progress=progress,
                            cancel=cancel)
        catalog.set_info(**{SOURCE_KEY: sha})
    return catalog


def compact_copy(catalog: Catalog) -> Catalog:
    """A copy of ``catalog`` as a compact (int8) bundle of it installs: its vectors quantised and
    restored by the bundle code itself, and the index rebuilt; to measure what int8 costs."""
    meta = catalog.meta()
    dim, embedder_id = int(meta["dim"]), meta["embedder"]
    dest = catalog.directory.with_name(catalog.directory.name + "-int8")
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    catalog.checkpoint()
    with closing(sqlite3.connect(catalog.directory / store.DB_NAME)) as conn:
        conn.execute("VACUUM INTO ?", (str(dest / store.DB_NAME),))
    int8_vectors.compact_database(dest / store.DB_NAME, dim)
    int8_vectors.expand_database(dest / store.DB_NAME, dim)
    rebuild_stored(dest, embedder_id, dim)
    return Catalog.open(dest, embedder=get_embedder(embedder_id))


def evaluate(
    catalog: Catalog,
    judgments: Judgments,
    *,
    modes: Sequence[str] = MODES,
    limit_queries: int | None = None,
    reranker: LlmReranker | None = None,
    translate: Callable[[str], str] | None = None,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> EvalReport:
    """Score each mode over the judged queries (those with a relevant product), in file order.

    Modes run one after another over all queries, so each mode pays for its own query
    embeddings rather than finding them in the cache another mode filled. With a
    ``reranker`` a further mode, ``hybrid+rerank``, re-orders the hybrid top candidates.
    ``translate`` (the chat model's translation) is asked once for each query the catalog
    searches in translation, before the modes run: its time is reported apart, not in the
    modes' latency.
    """
    queries = judgments.judged_queries()[:limit_queries]
    translations: dict[str, str] = {}
    took: list[float] = []
    for n, (_, text) in enumerate(queries if translate is not None else []):
        cancel.check()
        if translate is not None and catalog.translates(text):
            started = time.perf_counter()
            translations[text] = translate(text)
            took.append((time.perf_counter() - started) * 1000)
        progress(n + 1, len(queries), "Translating queries with the chat model")
    reports = {}
    for mode in modes:
        catalog.search("warm up", limit=RETRIEVE, mode=mode)
        reports[mode] = _run_mode(catalog, judgments, queries, mode, None, translations,
                                  progress, cancel)
    if reranker is not None:
        reports[RERANK_MODE] = _run_mode(catalog, judgments, queries, "hybrid", reranker,
                                         translations, progress, cancel)
    return EvalReport(reports, len(queries), took or None)


def _run_mode(
    catalog: Catalog,
    judgments: Judgments,
    queries: list[tuple[str, str]],
    mode: str,
    reranker: LlmReranker | None,
    translations: dict[str, str],
    progress: ProgressCallback,
    cancel: CancelToken,
) -> ModeReport:
    ndcg, mrr, recall, latency = [], [], [], []
    for n, (qid, text) in enumerate(queries):
        cancel.check()
        started = time.perf_counter()
        hits = catalog.search(text, limit=RETRIEVE, mode=mode,
                              translation=translations.get(text) or None).hits
        if reranker is not None:
            hits = reranker.rerank(text, hits)
        latency.append((time.perf_counter() - started) * 1000)
        ranking = [hit.product.id for hit in hits]
        grades = judgments.grades[qid]
        ndcg.append(ndcg_at(ranking, grades, 10))
        mrr.append(mrr_at(ranking, grades, 10))
        recall.append(recall_at(ranking, grades, RETRIEVE))
        progress(n + 1, len(queries), f"Evaluating {mode} search")
    count = max(len(queries), 1)
    return ModeReport(
        sum(ndcg) / count, sum(mrr) / count, sum(recall) / count,
        percentile(latency, 50), percentile(latency, 95),
    )
