"""Speed of each act of the conversation, warm, idle and with one core kept busy.

Every turn goes through the real assistant over the embedded demo catalog and the real
llama.cpp worker with the default 0.5B model, as the app runs them. A fixed script covers every
act (a new need, a refinement, a product question, a comparison, a decision, a need the catalog
cannot meet, a vague need, thanks), in English and Chinese; it runs ``--rounds`` times after one
warm-up round. Per act: first words (the first token event) and the complete answer, p50 and
p95. Then the same with another process spinning on one core (what `stress-ng --cpu 1` does:
a browser on a shopper's laptop), and with one spinning at the lowest priority (a build), for
each thread count asked ("auto": the app's default, the physical cores less those other work
keeps busy, chosen before each answer), side by side in one run:

    python bench/assistant_speed.py [--rounds 3] [--threads auto 1 2] [--loads idle ...]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from _common import table, write_result

from engine import demo_catalog  # noqa: E402
from engine.assistant import Assistant, Conversation  # noqa: E402
from engine.catalog import Catalog  # noqa: E402
from engine.llm import QWEN_05B, WorkerModel, assemble  # noqa: E402
from engine.llm.runtime import ModelSettings  # noqa: E402
from engine.paths import data_dir  # noqa: E402
from engine.ranking.metrics import percentile  # noqa: E402

SCRIPT = [
    ["wireless earbuds under $60", "only Voltaro", "tell me more about the second one",
     "compare the first two", "Which should I get?", "thanks!"],
    ["想要一个电热水壶", "便宜一点的", "第一个的容量是多少？", "我该买哪个？"],
    ["Do you have a lawn mower?", "I need a gift"],
]


def spin(nice: int) -> None:
    """Keep one core busy until killed (at a lower priority with ``nice``: a build, a test run)."""
    os.nice(nice)
    while True:
        pass


def run_round(assistant: Assistant, model: WorkerModel) -> list[dict[str, Any]]:
    turns = []
    for dialog in SCRIPT:
        conversation = Conversation()
        for message in dialog:
            started = time.perf_counter()
            first = None
            result = None
            for event in assistant.ask(message, conversation):
                if event.kind in ("token", "cards") and first is None:
                    first = time.perf_counter() - started
                if event.kind == "final":
                    result = event.result
            total = time.perf_counter() - started
            assert result is not None
            act = "none" if result.mode == "nothing-fits" else (
                "clarify" if result.mode == "clarify" and result.act == "new_need" else result.act)
            turns.append({"message": message, "act": act, "first_s": first or total,
                          "total_s": total, "threads": model.last_stats.threads
                          if act in ("new_need", "refine") else None})
    return turns


def summary(turns: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_act: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for turn in turns:
        by_act[turn["act"]].append(turn)
    return [{"act": act, "turns": len(part),
             "first_p50": percentile([t["first_s"] for t in part], 50),
             "first_p95": percentile([t["first_s"] for t in part], 95),
             "total_p50": percentile([t["total_s"] for t in part], 50),
             "total_p95": percentile([t["total_s"] for t in part], 95)}
            for act, part in sorted(by_act.items())]


LOADS = {"idle": None, "one core busy": 0, "one core busy, nice 19": 19}


def measure(catalog: Catalog, threads: str, rounds: int, load: str) -> dict[str, Any]:
    settings = (ModelSettings() if threads == "auto"
                else ModelSettings(n_threads=int(threads), adapt_threads=False))
    model = WorkerModel(assemble(QWEN_05B, data_dir() / "models"), settings)
    nice = LOADS[load]
    spinner = (multiprocessing.Process(target=spin, args=(nice,), daemon=True)
               if nice is not None else None)
    try:
        assistant = Assistant(catalog, lambda: model)
        run_round(assistant, model)  # warm: model loaded, prompt cache and embedder ready
        if spinner is not None:
            spinner.start()
        turns = [t for _ in range(rounds) for t in run_round(assistant, model)]
    finally:
        if spinner is not None:
            spinner.kill()
        model.close()
    return {"threads": threads, "load": load,
            "acts": summary(turns), "turns": turns}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", nargs="+", default=["auto", "1", "2"],
                        help='thread counts, or "auto" (the default settings)')
    parser.add_argument("--loads", nargs="+", default=list(LOADS), choices=list(LOADS))
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="aisle-speed-"))
    shutil.copytree(demo_catalog.prepare(), work / "catalog")
    catalog = Catalog.open(work / "catalog")
    try:
        runs = [measure(catalog, threads, args.rounds, load)
                for threads in args.threads for load in args.loads]
    finally:
        catalog.close()
        shutil.rmtree(work, ignore_errors=True)
    path = write_result("assistant_speed", {"rounds": args.rounds, "runs": runs})
    for run in runs:
        print(f"\n{run['threads']} thread(s), {run['load']}")
        print(table(run["acts"], ["act", "turns", "first_p50", "first_p95", "total_p50",
                                  "total_p95"]))
    print(f"-> {path}")


if __name__ == "__main__":
    main()
