"""What the portable hnswlib build costs: dense queries with the app's build
(scripts/build_hnswlib.sh, baseline SSE kernels) beside hnswlib's default -march=native build.

    .venv/bin/python bench/hnswlib_build.py --native-dir /tmp/hnsw_native [--sizes 10000,100000]

Make the native build with ``pip install --no-cache-dir --no-deps --target DIR hnswlib==0.8.0``.
Each build runs in its own process (so each imports its own hnswlib), alternating, with the
app's index parameters (engine/vector_index.py) on clustered synthetic 384-d unit vectors.
Writes bench/results/hnswlib_build.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

from _common import REPO, table, write_result

CHILD = """
import json, sys, time
import hnswlib, numpy as np
from engine import vector_index
size, queries = int(sys.argv[1]), 300
rng = np.random.default_rng(0)
centres = rng.standard_normal((200, 384)).astype(np.float32)
noise = rng.standard_normal((size, 384)).astype(np.float32)
data = centres[rng.integers(0, 200, size)] + 0.5 * noise
data /= np.linalg.norm(data, axis=1, keepdims=True)
index = hnswlib.Index(space="ip", dim=384)
index.init_index(max_elements=size, ef_construction=vector_index.EF_CONSTRUCTION, M=vector_index.M)
index.set_num_threads(1)
started = time.perf_counter()
index.add_items(data)
build_s = time.perf_counter() - started
index.set_ef(vector_index.search_ef(size))
took = []
for q in data[rng.integers(0, size, queries)]:
    started = time.perf_counter()
    index.knn_query(q, k=100)
    took.append((time.perf_counter() - started) * 1000)
took.sort()
print(json.dumps({"build_s": build_s, "p50_ms": took[len(took) // 2],
                  "p95_ms": took[int(len(took) * 0.95)]}))
"""


def run(size: int, native_dir: str | None) -> dict[str, float]:
    path = [native_dir] if native_dir else []
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([*path, str(REPO)])}
    out = subprocess.run([sys.executable, "-c", CHILD, str(size)], env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--native-dir", required=True)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    rows = []
    for size in map(int, args.sizes.split(",")):
        runs: dict[str, list[dict[str, float]]] = {"portable (the app's)": [], "native": []}
        for _ in range(args.rounds):  # alternate, so both see the same machine
            runs["portable (the app's)"].append(run(size, None))
            runs["native"].append(run(size, args.native_dir))
        for build, results in runs.items():
            rows.append({"products": size, "build": build,
                         **{k: statistics.median(r[k] for r in results) for k in results[0]}})
        print(table(rows[-2:], list(rows[-1])), flush=True)
    print(table(rows, list(rows[0])))
    print(write_result("hnswlib_build", {"rounds": args.rounds, "rows": rows}))


if __name__ == "__main__":
    main()
