"""Portable vs native llama.cpp build, and in-process vs worker process, side by side.

Both builds of the same llama-cpp-python version come from ``scripts/build_llama.sh`` (the
native one only for this comparison; nothing we ship is built with -march=native) and are
installed into ``bench/.builds/<flavour>``. Every round runs each (build, path) pair once, in
turn, in a fresh process (``bench/llm_overhead.py --child``), so machine load hits them alike:

    python bench/llm_build.py     # ~2 min; the first time also ~5 min for the native build
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

from _common import REPO, table, write_result

BUILDS = REPO / "bench" / ".builds"
OVERHEAD = REPO / "bench" / "llm_overhead.py"


def install(flavour: str) -> Path:
    """The flavour's wheel (built once, keyed by its flags) unpacked into its own folder."""
    wheel = subprocess.run(["bash", str(REPO / "scripts" / "build_llama.sh"), flavour,
                            "--wheel-only"], check=True, capture_output=True,
                           text=True).stdout.strip().splitlines()[-1]
    target = BUILDS / flavour
    stamp = target / ".wheel"
    if not stamp.exists() or stamp.read_text() != wheel:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--upgrade",
                        "--target", str(target), wheel], check=True)
        stamp.write_text(wheel)
    return target


def run(target: Path, path: str) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(target), str(REPO)]))
    out = subprocess.run([sys.executable, str(OVERHEAD), "--child", path], env=env, check=True,
                         capture_output=True, text=True).stdout
    runs = json.loads(out.strip().splitlines()[-1])["runs"]
    # The first run of a process evaluates the whole prompt (cold); later ones reuse its prefix.
    return {"ttft_cold_ms": [runs[0]["ttft_ms"]], "ttft_ms": [r["ttft_ms"] for r in runs[1:]],
            "tokens_per_s": [r["tokens_per_s"] for r in runs]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--builds", default="portable,native")
    parser.add_argument("--paths", default="app,worker")
    args = parser.parse_args()
    targets = {flavour: install(flavour) for flavour in args.builds.split(",")}
    samples: dict[tuple[str, str], dict[str, list[float]]] = {}
    for _ in range(args.rounds):
        for flavour, target in targets.items():
            for path in args.paths.split(","):
                result = run(target, path)
                cell = samples.setdefault((flavour, path), {key: [] for key in result})
                for key, values in result.items():
                    cell[key] += values
    rows = [{"build": flavour, "path": path,
             "ttft_cold_ms": statistics.median(cell["ttft_cold_ms"]),
             "ttft_ms": statistics.median(cell["ttft_ms"]),
             "tokens_per_s": statistics.median(cell["tokens_per_s"]),
             "samples": len(cell["tokens_per_s"])}
            for (flavour, path), cell in samples.items()]
    base = rows[0]
    for row in rows:
        row["tok_s_ratio"] = row["tokens_per_s"] / base["tokens_per_s"]
        row["ttft_cold_ratio"] = row["ttft_cold_ms"] / base["ttft_cold_ms"]
    path = write_result("llm_build", {
        "command": " ".join(["python bench/llm_build.py", *sys.argv[1:]]),
        "ratios_relative_to": f"{base['build']} {base['path']}", "rows": rows,
    })
    print(table(rows, ["build", "path", "ttft_cold_ms", "ttft_ms", "tokens_per_s", "tok_s_ratio",
                       "ttft_cold_ratio", "samples"]))
    print(f"written to {path}")


if __name__ == "__main__":
    main()
