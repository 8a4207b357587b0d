"""Soak: memory and open files of the app and of the model worker over many chat turns.

Every turn goes through the real assistant (rules, hybrid search, grounded prompt) over the
embedded demo catalog and the real llama.cpp worker with the default 0.5B model, in one
conversation, so the conversation's history, the prompt cache and the worker's pipe are all
exercised turn after turn. Picks are cut at a few tokens (the assistant completes them from the
catalog, as when a model stops early): the soak is about what leaks per turn, not what the
answer says. RSS and open files are sampled every ``--every`` turns; the JSON keeps the series.

The test suite runs the same check for 20 turns (tests/test_trust_soak.py); this is the long
run:

    python bench/soak.py --turns 500 [--every 20] [--warm-up 20]
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import write_result

from engine import demo_catalog  # noqa: E402
from engine.assistant import Assistant, Conversation, grounded  # noqa: E402
from engine.catalog import Catalog  # noqa: E402
from engine.llm import QWEN_05B, WorkerModel, assemble  # noqa: E402
from engine.paths import data_dir  # noqa: E402

MB = 1024 * 1024
PAGE = os.sysconf("SC_PAGE_SIZE")
MESSAGES = ["a warm rug for a small living room", "cheaper ones?", "compare the first two",
            "wireless headphones under 150 dollars", "tell me about the second one",
            "想要降噪的蓝牙耳机", "a cast iron skillet", "running shoes for trails",
            "a gift for my dad under $50", "更便宜的"]


def rss(pid: int | str = "self") -> int:
    """Resident memory in bytes (/proc: psutil is not a dependency)."""
    with open(f"/proc/{pid}/statm") as fh:
        return int(fh.read().split()[1]) * PAGE


def open_files(pid: int | str = "self") -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def sample(turn: int, worker: int, started: float) -> dict[str, Any]:
    gc.collect()
    return {"turn": turn, "seconds": round(time.perf_counter() - started, 1),
            "app_rss_mb": round(rss() / MB, 1), "worker_rss_mb": round(rss(worker) / MB, 1),
            "app_files": open_files(), "worker_files": open_files(worker)}


def soak(turns: int, every: int, warm_up: int) -> dict[str, Any]:
    grounded.PICK_TOKENS = 24  # short answers: many turns in little time
    work = Path(tempfile.mkdtemp(prefix="aisle-soak-"))
    shutil.copytree(demo_catalog.prepare(), work / "catalog")
    catalog = Catalog.open(work / "catalog")
    model = WorkerModel(assemble(QWEN_05B, data_dir() / "models"))
    assistant = Assistant(catalog, lambda: model)
    conversation = Conversation()
    try:
        for turn in range(warm_up):
            list(assistant.ask(MESSAGES[turn % len(MESSAGES)], conversation))
        started = time.perf_counter()
        samples = [sample(0, model.pid, started)]
        for turn in range(1, turns + 1):
            message = MESSAGES[turn % len(MESSAGES)]
            message = f"{message} size {turn}" if turn % 3 == 0 else message  # new words
            events = list(assistant.ask(message, conversation))
            if events[-1].kind != "final":
                raise SystemExit(f"turn {turn} ended without an answer")
            if turn % every == 0 or turn == turns:
                samples.append(sample(turn, model.pid, started))
                print(samples[-1], flush=True)
    finally:
        model.close()
        catalog.close()
        shutil.rmtree(work, ignore_errors=True)
    first, last = samples[0], samples[-1]
    return {"turns": turns, "warm_up_turns": warm_up, "samples": samples,
            "growth": {key: round(last[key] - first[key], 1)
                       for key in ("app_rss_mb", "worker_rss_mb", "app_files",
                                   "worker_files")},
            "seconds_per_turn": round(last["seconds"] / turns, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--every", type=int, default=20, help="turns between samples")
    parser.add_argument("--warm-up", type=int, default=20)
    args = parser.parse_args()
    result = soak(args.turns, args.every, args.warm_up)
    path = write_result("soak", result)
    print(f"{args.turns} turns, {result['seconds_per_turn']} s each; growth {result['growth']}"
          f" -> {path}")


if __name__ == "__main__":
    main()
