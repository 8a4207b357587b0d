"""Whole-search latency through ``Catalog.search`` (query embedding, both legs, fusion or the
learned ranker's features and model, facets, paging) at 10k and 100k products, on real text.

Products are real: crowdflower's titles and descriptions, then homedepot's titles, repeated
with a variant suffix to reach the size. Their vectors are the
crowdflower products' real MiniLM int8 vectors, with noise beyond the first 9,913 (as in
``search_latency.py``): embedding 100k texts takes most of an hour here and does not change how
long a search takes. Queries are real shopper queries, embedded for real at search time (each
query once: the app's query cache would hide the embedding otherwise).

    python bench/search_end_to_end.py            # ~10 min on 2 cores; JSON in bench/results
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from _common import SHARED_DATA, peak_rss_mb, table, write_result
from search_latency import real_corpus, real_queries, synthetic

from engine.catalog import Catalog
from engine.embedders import get_embedder
from engine.progress import NEVER_CANCELLED, CancelToken, ProgressCallback, no_progress
from engine.ranking.metrics import percentile
from engine.records import Product

SIZES = {"10k": 10_000, "100k": 100_000}
EMBEDDER = "minilm-l6-v2-int8"
MODES = ("hybrid", "learned")


class PresetVectors:
    """Passages get precomputed vectors in import order; queries are embedded for real."""

    def __init__(self, vectors: np.ndarray) -> None:
        self._real = get_embedder(EMBEDDER)
        self.id, self.dim = self._real.id, self._real.dim
        self._vectors = vectors
        self._next = 0

    def embed_passages(self, texts: Sequence[str], progress: ProgressCallback = no_progress,
                       cancel: CancelToken = NEVER_CANCELLED) -> np.ndarray:
        out = self._vectors[self._next : self._next + len(texts)]
        self._next += len(texts)
        return out

    def embed_query(self, text: str) -> np.ndarray:
        return self._real._embed_query_uncached(text)  # noqa: SLF001 - timed without the cache


def real_products(count: int) -> list[Product]:
    rows = [json.loads(line) for line in
            (SHARED_DATA / "crowdflower" / "products.jsonl").open(encoding="utf-8")]
    rows += [json.loads(line) for line in
             (SHARED_DATA / "homedepot" / "products.jsonl").open(encoding="utf-8")]
    products = []
    for n in range(count):
        row = rows[n % len(rows)]
        suffix = f" (variant {n // len(rows)})" if n >= len(rows) else ""
        products.append(Product(id=f"b{n}", title=row["title"] + suffix,
                                description=row.get("description") or "", price=float(n % 500)))
    return products


def bench(size: str, base: np.ndarray, queries: list[str], root: Path) -> list[dict]:
    count = SIZES[size]
    vectors = np.vstack([base, synthetic(base, count - len(base))])[:count]
    catalog = Catalog.open(root / size, embedder=PresetVectors(vectors))
    started = time.perf_counter()
    catalog.apply_products(real_products(count))
    built = time.perf_counter() - started
    rows = []
    for mode in MODES:
        catalog.search("warm up", mode=mode)
        latencies = []
        for query in queries:
            started = time.perf_counter()
            catalog.search(f"{query} ", mode=mode)  # a new text: no cached query vector
            latencies.append((time.perf_counter() - started) * 1000)
        rows.append({"size": size, "mode": mode, "products": count, "queries": len(queries),
                     "p50_ms": percentile(latencies, 50), "p95_ms": percentile(latencies, 95),
                     "import_s": built})
    catalog.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k")
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    base, _ = real_corpus(SHARED_DATA / "crowdflower", EMBEDDER)
    queries = real_queries(args.queries)
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes.split(","):
            rows += bench(size, base, queries, Path(tmp))
    path = write_result("search_end_to_end", {
        "command": " ".join(["python bench/search_end_to_end.py", *sys.argv[1:]]),
        "rows": rows, "peak_rss_mb": round(peak_rss_mb()),
    })
    print(table(rows, ["size", "mode", "products", "queries", "p50_ms", "p95_ms", "import_s"]))
    print(f"written to {path}")


if __name__ == "__main__":
    main()
