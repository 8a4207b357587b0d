"""Dense search latency and HNSW recall@10 vs exact search, with numpy and FTS5 baselines.

Sizes: ``10k`` uses real product embeddings (the crowdflower catalog's 9,913 products, the
same vectors `aisle eval` searches); ``100k`` and ``1m`` are SYNTHETIC: real vectors plus
Gaussian noise, re-normalised, so the index sees clustered data like a real catalog. Queries are
real shopper queries embedded with the same model. FTS5 runs BM25 top-100 over real titles
(repeated to reach the size). HNSW parameters are the app's (engine/vector_index.py: M,
ef_construction, and the search ef that grows with the index size); ``--ef`` adds fixed ef
values to the same run for comparison.

    python bench/search_latency.py --sizes 10k,100k,1m --ef 96,200,400,800  # ~15 min, ~5 GB RAM

``index_mb`` is the index's own size (hnswlib's serialized size, which matches what it holds in
memory: vectors plus graph links); recall ground truth is exact top-10 for every timed query.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from pathlib import Path

import hnswlib
import numpy as np
from _common import SHARED_DATA, peak_rss_mb, table, write_result

from engine import vector_index  # noqa: E402
from engine.embedders import get_embedder  # noqa: E402
from engine.evaluation import load_judgments  # noqa: E402
from engine.ranking.metrics import percentile  # noqa: E402
from engine.text_analysis import fts_match, query_terms  # noqa: E402

SIZES = {"10k": 0, "100k": 100_000, "1m": 1_000_000}
K = 10


def real_corpus(judged: Path, embedder_id: str) -> tuple[np.ndarray, list[str]]:
    """Vectors and titles of the judged set's products, embedded once and cached beside results."""
    rows = [json.loads(line) for line in (judged / "products.jsonl").open(encoding="utf-8")]
    titles = [r["title"] for r in rows]
    cache = Path(__file__).parent / "results" / f".vectors-{judged.name}-{embedder_id}.npy"
    if cache.exists():
        return np.load(cache), titles
    from engine.catalog import embed_text
    from engine.records import Product

    products = [Product(id=r["id"], title=r["title"], description=r.get("description") or "")
                for r in rows]
    vectors = get_embedder(embedder_id).embed_passages([embed_text(p) for p in products])
    np.save(cache, vectors)
    return vectors, titles


def real_queries(count: int) -> list[str]:
    """Shopper queries from both dev splits (crowdflower first), up to ``count``."""
    texts: list[str] = []
    for name in ("crowdflower", "homedepot"):
        folder = SHARED_DATA / name
        texts += [q for _, q in load_judgments(folder / "queries-dev.tsv",
                                               folder / "qrels-dev.tsv").queries]
    return texts[:count]


def synthetic(base: np.ndarray, n: int, seed: int = 7) -> np.ndarray:
    """n unit vectors scattered around the real ones (noise about the spread between products)."""
    rng = np.random.default_rng(seed)
    out = np.empty((n, base.shape[1]), dtype=np.float32)
    for start in range(0, n, 50_000):
        count = min(50_000, n - start)
        picks = base[rng.integers(0, len(base), count)]
        noisy = picks + rng.normal(0, 0.04, picks.shape).astype(np.float32)
        out[start : start + count] = noisy / np.linalg.norm(noisy, axis=1, keepdims=True)
    return out


def timed(fn, items) -> tuple[list, list[float]]:  # type: ignore[no-untyped-def]
    results, latencies = [], []
    for item in items:
        started = time.perf_counter()
        results.append(fn(item))
        latencies.append((time.perf_counter() - started) * 1000)
    return results, latencies


def stats(name: str, size: str, latencies: list[float], **extra: object) -> dict[str, object]:
    return {"method": name, "size": size, "p50_ms": percentile(latencies, 50),
            "p95_ms": percentile(latencies, 95), "p99_ms": percentile(latencies, 99), **extra}


def exact_top_k(vectors: np.ndarray, queries: np.ndarray) -> np.ndarray:
    """Ground truth for recall, computed in batches (one matmul per chunk, not per query)."""
    out = np.empty((len(queries), K), dtype=np.int64)
    for start in range(0, len(queries), 100):
        scores = queries[start : start + 100] @ vectors.T
        out[start : start + 100] = np.argpartition(-scores, K, axis=1)[:, :K]
    return out


def bench_dense(size: str, vectors: np.ndarray, queries: np.ndarray, exact_timed: int,
                efs: list[int]) -> list[dict[str, object]]:
    started = time.perf_counter()
    index = hnswlib.Index(space="ip", dim=vectors.shape[1])
    index.init_index(max_elements=len(vectors), ef_construction=vector_index.EF_CONSTRUCTION,
                     M=vector_index.M, random_seed=100)
    index.add_items(vectors, np.arange(len(vectors)))
    build = {"build_s": time.perf_counter() - started, "index_mb": index.index_file_size() / 2**20,
             "vectors_mb": vectors.nbytes / 2**20}
    truth = exact_top_k(vectors, queries)
    rows, app_ef = [], vector_index.search_ef(len(vectors))
    for ef in sorted({app_ef, *efs}):
        index.set_ef(ef)
        approx, hnsw_ms = timed(lambda q: index.knn_query(q, k=K)[0][0], queries)
        recall = np.mean([len(set(a) & set(e)) / K for a, e in zip(approx, truth, strict=True)])
        app = ef == app_ef
        rows.append(stats("hnsw top-10" + (" (app's ef)" if app else ""), size, hnsw_ms,
                          recall_at_10=float(recall), ef=ef, **(build if app else {})))
    index.set_ef(max(app_ef, 100))
    _, pool_ms = timed(lambda q: index.knn_query(q, k=100), queries)
    _, exact_ms = timed(lambda q: np.argpartition(-(vectors @ q), K)[:K], queries[:exact_timed])
    return [
        *rows,
        stats("hnsw top-100 (search pool)", size, pool_ms, ef=max(app_ef, 100)),
        stats("numpy exact top-10", size, exact_ms, recall_at_10=1.0, timed_queries=len(exact_ms)),
    ]


def bench_fts(size: str, n: int, titles: list[str], queries: list[str]) -> dict[str, object]:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE f USING fts5(title, tokenize='porter unicode61')")
    conn.executemany("INSERT INTO f(title) VALUES (?)",
                     ((titles[i % len(titles)],) for i in range(n)))
    sql = "SELECT rowid FROM f WHERE f MATCH ? ORDER BY bm25(f) LIMIT 100"
    matches = [fts_match(query_terms(q)) for q in queries if query_terms(q)]
    _, latencies = timed(lambda m: conn.execute(sql, (m,)).fetchall(), matches)
    return stats("fts5 bm25 top-100", size, latencies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k", help="comma-separated: 10k,100k,1m")
    parser.add_argument("--judged-dir", type=Path, default=SHARED_DATA / "crowdflower")
    parser.add_argument("--embedder", default="minilm-l6-v2-int8")
    parser.add_argument("--queries", type=int, default=1000, help="how many real queries to time")
    parser.add_argument("--ef", default="",
                        help="extra HNSW ef values to time besides the app's (e.g. 48,200,400)")
    parser.add_argument("--exact-timed", type=int, default=200,
                        help="how many of them to time through numpy brute force (slow at 1m)")
    args = parser.parse_args()
    base, titles = real_corpus(args.judged_dir, args.embedder)
    query_texts = real_queries(args.queries)
    efs = [int(ef) for ef in args.ef.split(",") if ef]
    embedder = get_embedder(args.embedder)
    queries = np.stack([embedder.embed_query(q) for q in query_texts])
    rows: list[dict[str, object]] = []
    for size in args.sizes.split(","):
        vectors = base if SIZES[size] == 0 else synthetic(base, SIZES[size])
        rows += bench_dense(size, vectors, queries, args.exact_timed, efs)
        rows.append(bench_fts(size, len(vectors), titles, query_texts))
        del vectors
    path = write_result("search_latency", {
        "command": " ".join(["python bench/search_latency.py", *sys.argv[1:]]),
        "queries": len(query_texts),
        "synthetic_sizes": [s for s in args.sizes.split(",") if SIZES[s]],
        "rows": rows, "peak_rss_mb": round(peak_rss_mb()),
    })
    print(table(rows, ["size", "method", "ef", "p50_ms", "p95_ms", "p99_ms", "recall_at_10",
                       "build_s", "index_mb"]))
    print(f"written to {path}")


if __name__ == "__main__":
    main()
