"""LLM overhead: time to first token and tokens/s through the app vs llama-cpp-python direct.

Same GGUF (the built-in Qwen2.5 0.5B), same messages, same threads, greedy decoding. Each path
runs in its own child process so its peak memory is its own:

- ``direct``: ``llama_cpp.Llama.create_chat_completion(stream=True)``;
- ``app``: ``engine.llm.ChatModel.stream_chat`` in this process, prompt cache off so both
  evaluate the whole prompt every run;
- ``worker``: ``engine.llm.WorkerModel.stream_chat``, the same runtime in its worker process
  (how the app runs it), tokens coming over the pipe;
- ``assistant``: ``engine.assistant.Assistant.ask`` end to end on a real catalog (intent rules,
  hybrid search, grounded prompt, generation) — its prompt is the assistant's own.

    python bench/llm_overhead.py            # ~2 min on 2 cores
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from typing import Any

from _common import SHARED_DATA, model_path, peak_rss_mb, table, write_result

from engine.llm import QWEN_05B  # noqa: E402
from engine.llm.runtime import ModelSettings  # noqa: E402
from engine.paths import data_dir  # noqa: E402

RUNS = 3
MAX_TOKENS = 96
PRODUCTS = [
    "[p1] Cast iron skillet, 12 inch — $35, rating 4.8",
    "[p2] Nonstick frying pan set, 8 and 10 inch — $45, rating 4.0",
    "[p3] Stainless steel saute pan with lid — $59, rating 4.4",
    "[p4] Carbon steel wok, 14 inch — $39, rating 4.6",
]
MESSAGES = [
    {"role": "system", "content": "You are a shopping assistant. Answer only from the products "
     "listed, cite them as [p1], [p2], and keep it short."},
    {"role": "user", "content": "Products:\n" + "\n".join(PRODUCTS)
     + "\n\nQuestion: which pan is best for searing steak on a budget?"},
]


def stream_stats(chunks: Any) -> dict[str, float]:
    started = time.perf_counter()
    first, tokens = None, 0
    for text in chunks:
        if not text:
            continue
        first = first or time.perf_counter()
        tokens += 1
    end = time.perf_counter()
    rate = (tokens - 1) / (end - first) if first and tokens > 1 and end > first else 0.0
    return {"ttft_ms": ((first or end) - started) * 1000, "tokens_per_s": rate, "tokens": tokens}


def run_direct() -> list[dict[str, float]]:
    import llama_cpp

    from engine.llm import backends

    backends.ensure_loaded()
    settings = ModelSettings()
    llama = llama_cpp.Llama(model_path=str(model_path()), n_ctx=settings.n_ctx,
                            n_threads=settings.n_threads, n_threads_batch=settings.n_threads,
                            seed=settings.seed, verbose=False)
    def once() -> dict[str, float]:
        stream = llama.create_chat_completion(messages=MESSAGES, stream=True,
                                              max_tokens=MAX_TOKENS, temperature=0.0)
        return stream_stats(c["choices"][0]["delta"].get("content") for c in stream)
    return [once() for _ in range(RUNS)]


def run_app() -> list[dict[str, float]]:
    from engine.llm import ChatModel

    model = ChatModel(model_path(), ModelSettings(prompt_cache_mb=0))
    return [stream_stats(model.stream_chat(MESSAGES, max_tokens=MAX_TOKENS, temperature=0.0))
            for _ in range(RUNS)]


def run_worker() -> list[dict[str, float]]:
    from engine.llm import WorkerModel

    model = WorkerModel(model_path(), ModelSettings(prompt_cache_mb=0))
    try:
        return [stream_stats(model.stream_chat(MESSAGES, max_tokens=MAX_TOKENS,
                                               temperature=0.0)) for _ in range(RUNS)]
    finally:
        model.close()


def run_assistant() -> list[dict[str, float]]:
    from engine.assistant import Assistant, Conversation
    from engine.evaluation.runner import cached_catalog
    from engine.llm import ChatModel

    catalog = cached_catalog(SHARED_DATA / "crowdflower" / "products.jsonl",
                             data_dir() / "eval-cache")
    model = ChatModel(model_path(), ModelSettings(prompt_cache_mb=0))
    assistant = Assistant(catalog, lambda: model)
    results = []
    for _ in range(RUNS):
        events = assistant.ask("which frying pan is best for searing steak on a budget?",
                               Conversation())
        results.append(stream_stats(e.text for e in events if e.kind == "token"))
    return results


PATHS = {"direct": run_direct, "app": run_app, "worker": run_worker, "assistant": run_assistant}


def child(path: str) -> None:
    runs = PATHS[path]()
    print(json.dumps({"runs": runs, "peak_rss_mb": peak_rss_mb()}))


def summarise(path: str, data: dict[str, Any]) -> dict[str, Any]:
    runs = data["runs"][1:] or data["runs"]  # the first run warms caches and page-ins
    mean = lambda key: sum(r[key] for r in runs) / len(runs)  # noqa: E731
    return {"path": path, "ttft_ms": mean("ttft_ms"), "tokens_per_s": mean("tokens_per_s"),
            "tokens": mean("tokens"), "peak_rss_mb": data["peak_rss_mb"], "runs": data["runs"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", choices=sorted(PATHS), help=argparse.SUPPRESS)
    parser.add_argument("--paths", default="direct,app,worker,assistant")
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    model_path()
    rows = []
    for path in args.paths.split(","):
        out = subprocess.run([sys.executable, __file__, "--child", path], check=True,
                             capture_output=True, text=True).stdout
        rows.append(summarise(path, json.loads(out.strip().splitlines()[-1])))
    direct = next((r for r in rows if r["path"] == "direct"), None)
    for row in rows:
        if direct:
            row["ttft_ratio_vs_direct"] = row["ttft_ms"] / direct["ttft_ms"]
            row["tok_s_ratio_vs_direct"] = row["tokens_per_s"] / max(direct["tokens_per_s"], 1e-9)
    path = write_result("llm_overhead", {
        "command": " ".join(["python bench/llm_overhead.py", *sys.argv[1:]]),
        "model": QWEN_05B.filename, "max_tokens": MAX_TOKENS, "rows": rows,
    })
    print(table(rows, ["path", "ttft_ms", "tokens_per_s", "ttft_ratio_vs_direct",
                       "tok_s_ratio_vs_direct", "peak_rss_mb"]))
    print(f"written to {path}")


if __name__ == "__main__":
    main()
