"""Compact vectors for big catalogs (issue 20): int8 scalar-quantised embeddings beside float32.

    .venv/bin/python bench/int8_vectors.py [--sets crowdflower,multicpr,homedepot]

Each judged dev set's products are embedded with the embedder the app would choose for them
(MiniLM int8 ONNX for English, e5 for Chinese), then quantised to int8 with one symmetric scale
per dimension (max |x| / 127) and dequantised, as a bundle storing int8 would be read. Both
vector sets get an HNSW index with the app's parameters; reported side by side: recall@10 of
each index against exact float32 search (so HNSW's own approximation shows apart), the dense
leg's nDCG@10 on the dev judgments (exact search, so only the quantisation differs), and bytes
per product, with the compact bundles' own code (engine/bundles/int8_vectors.py). The hybrid
nDCG is ``aisle eval --vectors int8``. Writes bench/results/int8_vectors.json.
"""

from __future__ import annotations

import argparse
import json

import hnswlib
import numpy as np
from _common import SHARED_DATA, table, write_result

from engine import vector_index
from engine.bundles import int8_vectors
from engine.catalog.importer import embed_text
from engine.embedders import choose_embedder, get_embedder
from engine.evaluation import load_judgments
from engine.ranking.metrics import ndcg_at
from engine.records import Product

K = 10


def index_of(vectors: np.ndarray) -> hnswlib.Index:
    index = hnswlib.Index(space="ip", dim=vectors.shape[1])
    index.init_index(max_elements=len(vectors), ef_construction=vector_index.EF_CONSTRUCTION,
                     M=vector_index.M, random_seed=100)
    index.add_items(vectors, np.arange(len(vectors)))
    index.set_ef(vector_index.search_ef(len(vectors)))
    return index


def dense_ndcg(vectors: np.ndarray, ids: list[str], queries: np.ndarray,
               qids: list[str], grades: dict[str, dict[str, int]]) -> float:
    top = np.argsort(-(queries @ vectors.T), axis=1)[:, :K]
    return float(np.mean([ndcg_at([ids[i] for i in row], grades[qid], K)
                          for row, qid in zip(top, qids, strict=True)]))


def measure(name: str) -> dict[str, object]:
    folder = SHARED_DATA / name
    rows = [json.loads(line) for line in (folder / "products.jsonl").open(encoding="utf-8")]
    products = [Product(id=r["id"], title=r["title"], description=r.get("description") or "")
                for r in rows]
    texts = [embed_text(p) for p in products]
    embedder = get_embedder(choose_embedder(texts))
    vectors = embedder.embed_passages(texts)
    judged = load_judgments(folder / "queries-dev.tsv", folder / "qrels-dev.tsv")
    asked = judged.judged_queries()
    queries = np.stack([embedder.embed_query(text) for _, text in asked])
    restored = int8_vectors.round_trip(vectors)
    exact = np.argpartition(-(queries @ vectors.T), K, axis=1)[:, :K]

    def recall(index_vectors: np.ndarray) -> float:
        found = index_of(index_vectors).knn_query(queries, k=K)[0]
        return float(np.mean([len(set(f) & set(e)) / K for f, e in zip(found, exact, strict=True)]))

    ids, qids = [p.id for p in products], [qid for qid, _ in asked]
    return {"set": name, "embedder": embedder.id, "products": len(products),
            "queries": len(asked), "float32 HNSW recall@10": recall(vectors),
            "int8 HNSW recall@10": recall(restored),
            "dense nDCG@10 float32": dense_ndcg(vectors, ids, queries, qids, judged.grades),
            "dense nDCG@10 int8": dense_ndcg(restored, ids, queries, qids, judged.grades),
            "bytes/product float32": vectors.shape[1] * 4,
            "bytes/product int8": vectors.shape[1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="crowdflower,multicpr")
    args = parser.parse_args()
    rows = []
    for name in args.sets.split(","):
        rows.append(measure(name))
        print(table(rows[-1:], list(rows[-1])), flush=True)
    print(table(rows, list(rows[0])))
    print(write_result("int8_vectors", {"rows": rows}))


if __name__ == "__main__":
    main()
