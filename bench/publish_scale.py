"""Publishing at scale: `aisle catalog build` with the local engine and on Ray, side by side.

Synthetic feeds of N products are made from the real catalogs' text (crowdflower and homedepot
titles, brands, categories and descriptions recombined, each title made unique by a model
number), split into shards as a marketplace ships them. Each engine builds the same shards in
one run; reported: products/s over the whole build (read, embed, write, index, archive), the
bundle's bytes per product with float32 and int8 vectors, and the time a shopper's install of
each takes (the int8 one builds the index on install).

    python bench/publish_scale.py --sizes 10k --engines local,ray1,ray2 [--delta]
    python bench/publish_scale.py --sizes 1m --engines local,ray2 --no-int8 --result publish_1m

With ``--delta``, a weekly update of the first engine's catalog (2 % of prices changed, 0.5 % of
products removed and 0.5 % added) is built in full and as a delta; both are installed.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import tempfile
import time
from pathlib import Path

from _common import SHARED_DATA, peak_rss_mb, table, write_result

from engine.bundles import install_bundle
from engine.bundles.builder import build_bundle
from engine.bundles.delta import build_delta
from engine.bundles.ray_pipeline import RayOptions
from engine.catalog import index_manager
from engine.catalog.index_manager import MAX_DELETED_SHARE
from engine.catalog_library import CatalogLibrary

SIZES = {"2k": 2_000, "10k": 10_000, "100k": 100_000, "1m": 1_000_000}
ENGINES = {"local": None, "ray1": RayOptions(workers=1), "ray2": RayOptions(workers=2)}
SHARDS = 4


def source_products() -> list[dict[str, object]]:
    rows = []
    for name in ("crowdflower", "homedepot"):
        with open(SHARED_DATA / name / "products.jsonl", encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh]
    return rows


def synthetic_feed(n: int, folder: Path, seed: int = 11) -> list[Path]:
    """``n`` products in SHARDS JSON Lines files; text recombined from the real catalogs."""
    rng = random.Random(seed)
    source = source_products()
    shards = [folder / f"feed-{k}.jsonl" for k in range(SHARDS)]
    handles = [open(path, "w", encoding="utf-8") for path in shards]
    try:
        for i in range(n):
            a, b = rng.choice(source), rng.choice(source)
            product = {
                "id": f"s{i:07d}",
                "title": f"{a.get('title', '')} {rng.choice('ABCDEFGHJK')}{rng.randint(100, 9999)}",
                "description": str(b.get("description", ""))[:400],
                "brand": a.get("brand", ""), "category": a.get("category", ""),
                "price": round(rng.uniform(2, 900), 2), "currency": "USD",
            }
            handles[i * SHARDS // n].write(json.dumps(product, ensure_ascii=False) + "\n")
    finally:
        for handle in handles:
            handle.close()
    return shards


class Stages:
    """Seconds from the build's start to the first and last progress report of each stage."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.spans: dict[str, list[float]] = {}

    def __call__(self, done: int, total: int, label: str) -> None:
        now = time.perf_counter() - self.started
        self.spans.setdefault(str(label), [now, now])[1] = now


def build(shards: list[Path], engine: str, vectors: str, out: Path) -> dict[str, object]:
    stages = Stages()
    result = build_bundle(shards, "Synthetic", "1", out, created="2026-12-06", images=False,
                          vectors=vectors, ray=ENGINES[engine], progress=stages)
    seconds = time.perf_counter() - stages.started
    n = result.manifest.product_count
    embedding = stages.spans.get("Embedding products", [0.0, 0.0])
    read = stages.spans.get("Reading feed", [0.0, 0.0])[1]
    return {"engine": engine, "vectors": vectors, "products": n, "seconds": round(seconds, 1),
            "products_per_s": round(n / seconds, 1),
            "read_s": round(read, 1), "embed_s": round(embedding[1] - read, 1),
            "after_embed_s": round(seconds - embedding[1], 1),  # write, index, archive
            "bundle_bytes": result.bundle_bytes,
            "bytes_per_product": round(result.bundle_bytes / n), "sha256": result.sha256,
            "stages": {k: [round(a, 2), round(b, 2)] for k, (a, b) in stages.spans.items()}}


def install_seconds(bundle: Path, folder: Path) -> float:
    started = time.perf_counter()
    install_bundle(bundle, CatalogLibrary(folder))
    return round(time.perf_counter() - started, 1)


def weekly_update(shards: list[Path], folder: Path, seed: int = 5) -> list[Path]:
    """The next version's shards: 2 % of prices changed, 0.5 % of products gone, 0.5 % new."""
    rng = random.Random(seed)
    out = []
    for k, shard in enumerate(shards):
        rows = [json.loads(line) for line in shard.read_text(encoding="utf-8").splitlines()]
        kept = []
        for row in rows:
            draw = rng.random()
            if draw < 0.005:
                continue
            if draw < 0.025:
                row["price"] = round(float(row["price"]) * rng.uniform(0.7, 0.95), 2)
            kept.append(row)
        for row in rng.sample(rows, max(1, len(rows) // 200)):
            kept.append({**row, "id": f"n{k}-{row['id']}", "title": f"{row['title']} v2"})
        path = folder / f"next-{k}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept),
                        encoding="utf-8")
        out.append(path)
    return out


def delta_rows(size: str, shards: list[Path], base: Path, folder: Path) -> list[dict[str, object]]:
    """The weekly update as a full bundle and as a delta against ``base``, and their installs."""
    target = folder / "next.tar.gz"
    full = build(weekly_update(shards, folder), "local", "float32", target)
    started = time.perf_counter()
    delta = build_delta(base, target, folder / "delta.tar.gz")
    made = round(time.perf_counter() - started, 1)
    applied = delta_install_seconds(base, delta.path, folder / "i-delta")
    index_manager.MAX_DELETED_SHARE = -1.0  # the same install with the index built anew
    try:
        rebuilt = delta_install_seconds(base, delta.path, folder / "i-delta-rebuilt")
    finally:
        index_manager.MAX_DELETED_SHARE = MAX_DELETED_SHARE
    return [{**full, "size": size, "engine": "local (next version, full)",
             "install_s": install_seconds(target, folder / "i-next")},
            {"size": size, "engine": "delta from the previous version", "vectors": "float32",
             "products": delta.manifest.product_count, "changed": delta.changed,
             "removed": delta.removed, "seconds": made, "bundle_bytes": delta.bundle_bytes,
             "bytes_per_product": round(delta.bundle_bytes / delta.manifest.product_count),
             "install_s": applied, "install_rebuilding_index_s": rebuilt}]


def delta_install_seconds(base: Path, delta: Path, folder: Path) -> float:
    """Seconds to apply ``delta`` to an install of ``base`` (the base's install not counted)."""
    library = CatalogLibrary(folder)
    install_bundle(base, library)
    seconds = install_seconds(delta, folder)
    shutil.rmtree(folder, ignore_errors=True)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k")
    parser.add_argument("--engines", default="local,ray1,ray2")
    parser.add_argument("--delta", action="store_true",
                        help="also a weekly update as a full bundle and as a delta")
    parser.add_argument("--no-int8", action="store_true",
                        help="skip the int8 build (an hour more at 1M products on 2 cores)")
    parser.add_argument("--result", default="publish_scale",
                        help="name of the JSON written to bench/results/")
    args = parser.parse_args()
    command = (f"python bench/publish_scale.py --sizes {args.sizes} --engines {args.engines}"
               + (" --delta" if args.delta else "") + (" --no-int8" if args.no_int8 else "")
               + (f" --result {args.result}" if args.result != "publish_scale" else ""))
    rows: list[dict[str, object]] = []

    def record(*new: dict[str, object], complete: bool = False) -> Path:
        """Rows are written as they come: a 1M build takes an hour, and a run may be cut short."""
        rows.extend(new)
        for row in new:
            print(json.dumps(row), flush=True)
        return write_result(args.result, {"command": command, "complete": complete,
                                          "rows": rows, "peak_rss_mb": round(peak_rss_mb())})

    for size in args.sizes.split(","):
        with tempfile.TemporaryDirectory(prefix="aisle-publish-") as tmp:
            folder = Path(tmp)
            shards = synthetic_feed(SIZES[size], folder)
            for engine in args.engines.split(","):
                out = folder / f"{engine}.tar.gz"
                row = build(shards, engine, "float32", out)
                row.update(size=size, install_s=install_seconds(out, folder / f"i-{engine}"))
                record(row)
                shutil.rmtree(folder / f"i-{engine}", ignore_errors=True)
            if args.delta:
                record(*delta_rows(size, shards, folder / f"{args.engines.split(',')[0]}.tar.gz",
                                   folder))
            if args.no_int8:
                continue
            compact = build(shards, "local", "int8", folder / "int8.tar.gz")
            compact.update(size=size, install_s=install_seconds(folder / "int8.tar.gz",
                                                                folder / "i-int8"))
            record(compact)
            shutil.rmtree(folder / "i-int8", ignore_errors=True)
    columns = ["size", "engine", "vectors", "products", "seconds", "products_per_s", "read_s",
               "embed_s", "after_embed_s", "bytes_per_product", "install_s",
               "install_rebuilding_index_s"]
    print(table(rows, columns))
    path = record(complete=True)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
