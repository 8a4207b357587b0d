"""Chat model on the CPU against llama.cpp's Vulkan backend: time to first token and tokens/s.

Same GGUF (the built-in Qwen2.5 0.5B), same messages, same threads, greedy decoding, each
through the app's model worker (how the app runs it), alternating CPU and Vulkan run by run so
both see the same machine load. The Vulkan device is the first one the loader lists
(``GGML_VK_VISIBLE_DEVICES``, default 0): on a machine without a graphics card that is Mesa's
software lavapipe, much slower than the CPU kernels; it says nothing of a real graphics card.

    python bench/gpu_speed.py            # ~3 min on 2 cores with lavapipe
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from statistics import median
from typing import Any

from _common import model_path, table, write_result

from engine.llm.model_files import QWEN_05B
from engine.llm.runtime import ModelSettings
from engine.llm.worker_client import WorkerModel

RUNS = 3
MAX_TOKENS = 32
MESSAGES = [
    {"role": "system", "content": "You are Aisle, a shopping assistant. Answer in one sentence."},
    {"role": "user", "content": "Which is better for a small living room, a 5x7 ft wool shag "
                                "rug at 89 USD or an 8x10 ft jute rug at 149 USD?"},
]


def measure(model: WorkerModel) -> dict[str, float]:
    started = time.perf_counter()
    first = None
    tokens = 0
    for _ in model.stream_chat(MESSAGES, max_tokens=MAX_TOKENS, temperature=0.0):
        first = first or time.perf_counter()
        tokens += 1
    end = time.perf_counter()
    stats = model.last_stats
    return {"ttft_ms": ((first or end) - started) * 1000,
            "tokens_per_s": stats.tokens_per_s or tokens / max(end - (first or end), 1e-9)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default=os.environ.get("GGML_VK_VISIBLE_DEVICES", "0"))
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    os.environ["GGML_VK_VISIBLE_DEVICES"] = args.device  # the workers inherit it
    path = model_path()
    models = {
        "cpu": WorkerModel(path, ModelSettings(n_threads=args.threads, n_gpu_layers=0)),
        "vulkan": WorkerModel(path, ModelSettings(n_threads=args.threads)),
    }
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in models}
    try:
        for model in models.values():
            measure(model)  # warm-up: the Vulkan backend compiles its pipelines here
        for _ in range(RUNS):
            for name, model in models.items():
                samples[name].append(measure(model))
        rows: list[dict[str, Any]] = []
        for name, model in models.items():
            rows.append({
                "backend": name, "device": model.gpu_device or f"CPU ({model.cpu_variant})",
                "gpu_layers": model.gpu_layers,
                "ttft_ms": median(s["ttft_ms"] for s in samples[name]),
                "tokens_per_s": median(s["tokens_per_s"] for s in samples[name]),
            })
    finally:
        for model in models.values():
            model.close()
    cpu = rows[0]
    for row in rows:
        row["ttft_ratio_vs_cpu"] = row["ttft_ms"] / cpu["ttft_ms"]
        row["tok_s_ratio_vs_cpu"] = row["tokens_per_s"] / max(cpu["tokens_per_s"], 1e-9)
    out = write_result("gpu_speed", {
        "command": " ".join(["python bench/gpu_speed.py", *sys.argv[1:]]),
        "model": QWEN_05B.filename, "max_tokens": MAX_TOKENS, "runs": RUNS,
        "threads": args.threads, "rows": rows,
    })
    print(table(rows, ["backend", "device", "gpu_layers", "ttft_ms", "tokens_per_s",
                       "ttft_ratio_vs_cpu", "tok_s_ratio_vs_cpu"]))
    print(f"written to {out}")


if __name__ == "__main__":
    main()
