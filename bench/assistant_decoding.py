"""Prompt-lookup decoding for the assistant's picks: tokens/s and answer time, on and off.

The picks JSON quotes catalog text (ids, words of titles), which is what prompt-lookup
decoding (llama-cpp-python's ``LlamaPromptLookupDecoding``) drafts from. Two model workers,
one per setting, answer the same requests in turn (greedy, so both write the same picks):

    python bench/assistant_decoding.py --limit 20        # ~5 min on 2 cores
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

from _common import REPO, SHARED_DATA, table, write_result

from engine.assistant import Assistant, Conversation
from engine.evaluation.assistant_eval import load_requests
from engine.evaluation.runner import cached_catalog
from engine.llm import QWEN_05B, assemble
from engine.llm.runtime import ModelSettings
from engine.llm.worker_client import WorkerModel
from engine.paths import data_dir

REQUESTS = REPO / "tests" / "data" / "assistant" / "constraints-dev.jsonl"
CATALOG = SHARED_DATA / "catalogs" / "bestbuy-algolia-3k.json"
MAPPING = {"title": "name", "category": "categories"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=20)
    parser.add_argument("--model", type=Path, default=None, help="GGUF (default: the 0.5B)")
    args = parser.parse_args()
    path = args.model or assemble(QWEN_05B, data_dir() / "models")
    catalog = cached_catalog(CATALOG, data_dir() / "eval-cache", mapping=MAPPING)
    requests = load_requests(REQUESTS)[: args.limit]
    base = ModelSettings(prompt_cache_mb=0)
    models = {"off": WorkerModel(path, base),
              "prompt-lookup": WorkerModel(path, replace(base, prompt_lookup=True))}
    samples: dict[str, dict[str, list[float]]] = {k: {"tokens_per_s": [], "answer_ms": []}
                                                  for k in models}
    same = 0
    try:
        for request in [requests[0], *requests]:  # the first one only warms both up
            answers = {}
            for name, model in models.items():
                assistant = Assistant(catalog, lambda m=model: m)
                started = time.perf_counter()
                result = list(assistant.ask(request.message, Conversation()))[-1].result
                answers[name] = result.cited_ids
                if result.stats is not None and request is not requests[0]:
                    samples[name]["tokens_per_s"].append(result.stats.tokens_per_s)
                    samples[name]["answer_ms"].append((time.perf_counter() - started) * 1000)
            same += answers["off"] == answers["prompt-lookup"]
    finally:
        for model in models.values():
            model.close()
        catalog.close()
    rows = [{"decoding": name, "tokens_per_s": statistics.median(v["tokens_per_s"]),
             "answer_ms": statistics.median(v["answer_ms"]), "answers": len(v["answer_ms"])}
            for name, v in samples.items()]
    for row in rows:
        row["tok_s_ratio"] = row["tokens_per_s"] / rows[0]["tokens_per_s"]
    path = write_result("assistant_decoding", {
        "command": " ".join(["python bench/assistant_decoding.py", *sys.argv[1:]]),
        "model": path.name, "same_picks": same, "rows": rows})
    print(table(rows, ["decoding", "tokens_per_s", "tok_s_ratio", "answer_ms", "answers"]))
    print(f"same picks in {same} of {len(requests) + 1} requests; written to {path}")


if __name__ == "__main__":
    main()
