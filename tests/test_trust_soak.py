"""Long use: memory stays flat over hundreds of turns and thousands of searches, memory and open
files stay flat in both processes over 20 turns through the real model worker (bench/soak.py
runs any number), switching models ends the old model worker, and a chat never overflows the
model's context window."""

from __future__ import annotations

import gc
import os
import time

import pytest
from catalog_fixtures import product_rows

from engine.assistant import grounded, picks
from engine.assistant.assistant import Assistant
from engine.assistant.context_fit import fit_products, fit_turn
from engine.assistant.conversation import MAX_TURNS_KEPT, Conversation
from engine.assistant.grounded import PICK_TOKENS
from engine.catalog import Catalog
from engine.llm.host import ModelHost
from engine.llm.registry import ModelRegistry
from engine.llm.runtime import ModelSettings
from engine.llm.worker_client import WorkerModel
from engine.records import Product

MB = 1024 * 1024
PAGE = os.sysconf("SC_PAGE_SIZE")
MESSAGES = ["warm rug for a small living room", "cheaper ones?", "compare 1 and 2",
            "wireless headphones under 150 dollars", "the second one", "想要降噪的蓝牙耳机",
            "cast iron skillet", "running shoes for trails", "laptop for travel", "更便宜的"]
LONG_TEXT = "加厚羊毛材质，柔软保暖，适合小户型客厅和卧室，可机洗，不掉毛。" * 20


def rss() -> int:
    """Resident memory of this process in bytes (/proc: psutil is not a dependency)."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * PAGE


def settled_rss() -> int:
    gc.collect()
    return rss()


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    rows = product_rows()
    long_rows = [dict(r, id=f"long-{i}", title=LONG_TEXT[:200], description=LONG_TEXT)
                 for i, r in enumerate(rows[:6])]
    cat = Catalog.open(tmp_path_factory.mktemp("soak"))
    cat.apply_products([Product(**row) for row in rows + long_rows])
    yield cat
    cat.close()


@pytest.mark.slow
def test_hundreds_of_turns_and_thousands_of_searches_keep_memory_flat(catalog, record_property):
    assistant = Assistant(catalog, None)  # retrieval-only: the same path minus generation
    conversation = Conversation()
    for message in MESSAGES * 3:  # warm-up: caches, tokenizers and query paths are built
        list(assistant.ask(message, conversation))
    start = settled_rss()
    started = time.perf_counter()
    for turn in range(300):
        message = MESSAGES[turn % len(MESSAGES)]  # every 3rd turn new words: no cache hit
        message = f"{message} size {turn}" if turn % 3 == 0 else message
        events = list(assistant.ask(message, conversation))
        assert events[-1].kind == "final" and events[-1].result.answer
    after_turns = settled_rss()
    queries = ["rug", "headphones", "skillet", "laptop 16 GB", "羊毛地毯", "shoes", "zzzz"]
    for n in range(3000):
        query = f"{queries[n % len(queries)]} {n}"  # unique text: embeddings are not cached
        catalog.search(query, limit=10, mode=("hybrid", "keyword")[n % 2])
    end = settled_rss()
    seconds = time.perf_counter() - started
    print(f"\nsoak RSS start {start / MB:.1f} MB, after 300 turns {after_turns / MB:.1f} MB, "
          f"after 3000 searches {end / MB:.1f} MB ({seconds:.0f} s)")
    record_property("soak_rss_mb", (round(start / MB, 1), round(end / MB, 1)))
    assert len(conversation.turns) == MAX_TURNS_KEPT
    assert end - start < 40 * MB, f"RSS grew {(end - start) / MB:.1f} MB"


def worker_rss(pid: int) -> int:
    """Resident memory of another process in bytes."""
    with open(f"/proc/{pid}/statm") as fh:
        return int(fh.read().split()[1]) * PAGE


def open_files(pid: int | str = "self") -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


@pytest.mark.slow  # 20 real generations, kept short: about a minute on 2 cores
def test_20_turns_through_the_real_worker_keep_memory_and_files_flat(catalog, monkeypatch,
                                                                     chat_model):
    """Every turn crosses the socket to the real llama.cpp worker and back. The picks are cut at
    a few tokens (the assistant completes them from the catalog, as when a model stops early):
    this soak is about what leaks per turn, not about what the answer says. The long run is a
    benchmark: ``python bench/soak.py --turns 500``."""
    monkeypatch.setattr(grounded, "PICK_TOKENS", 24)
    model = chat_model
    assistant = Assistant(catalog, lambda: model)
    conversation = Conversation()

    def turns(count: int, offset: int) -> None:
        for turn in range(offset, offset + count):
            message = MESSAGES[turn % len(MESSAGES)]
            message = f"{message} size {turn}" if turn % 3 == 0 else message
            events = list(assistant.ask(message, conversation))
            assert events[-1].kind == "final" and events[-1].result.answer, turn

    turns(5, 0)  # warm-up: the prompt cache, tokenizers and query paths are built
    start = (settled_rss(), worker_rss(model.pid), open_files(), open_files(model.pid))
    started = time.perf_counter()
    turns(15, 5)
    end = (settled_rss(), worker_rss(model.pid), open_files(), open_files(model.pid))
    print(f"\n15 turns after 5 through worker {model.pid} in "
          f"{time.perf_counter() - started:.0f} s: app RSS {start[0] / MB:.0f} → "
          f"{end[0] / MB:.0f} MB, worker RSS {start[1] / MB:.0f} → {end[1] / MB:.0f} MB, "
          f"open files app {start[2]} → {end[2]}, worker {start[3]} → {end[3]}")
    assert end[0] - start[0] < 40 * MB and end[1] - start[1] < 40 * MB
    assert end[2] - start[2] <= 2 and end[3] - start[3] <= 2


@pytest.mark.slow
def test_switching_models_ends_the_old_worker_and_its_memory(tmp_path, model_file):
    first, second = tmp_path / "model-a.gguf", tmp_path / "model-b.gguf"
    os.link(model_file, first)
    os.link(model_file, second)
    registry = ModelRegistry(tmp_path / "data", gpu=False, cores=2)
    registry.add(first)
    registry.add(second)
    registry.use("model-a")
    host = ModelHost(registry, ModelSettings(n_ctx=512, use_mmap=False, prompt_cache_mb=0))
    before = settled_rss()
    model = host()
    model.chat([{"role": "user", "content": "hi"}], max_tokens=1)
    old_pid, loaded = model.pid, worker_rss(model.pid)
    host.use("model-b")
    assert not os.path.exists(f"/proc/{old_pid}"), "the old worker must be gone"
    second_model = host()
    assert second_model.path == second and second_model.pid != old_pid
    host.close()
    assert not os.path.exists(f"/proc/{second_model.pid}")
    print(f"\nmodel worker RSS {loaded / MB:.0f} MB; app RSS grew "
          f"{(settled_rss() - before) / MB:.0f} MB")
    assert loaded > 300 * MB  # the weights live in the worker...
    assert settled_rss() - before < 100 * MB  # ...not in the app


def long_message(n: int) -> str:
    return f"第{n}个问题：" + (
        "我想要一块保暖又柔软、适合小户型客厅、可以机洗、颜色是米白色的羊毛地毯，" * 8)


@pytest.mark.slow
def test_long_chat_on_a_small_context_never_fails(catalog, model_file):
    model = WorkerModel(model_file, ModelSettings(n_ctx=512, prompt_cache_mb=0))
    try:
        products = [h.product for h in catalog.search(LONG_TEXT[:30], limit=5).hits]
        untrimmed = picks.messages(long_message(0), products, "zh")
        assert model.count_tokens(untrimmed) + PICK_TOKENS > model.context_size
        kept = fit_products(model, lambda ps: picks.messages(
            long_message(0), ps, "zh"), products, PICK_TOKENS)
        assert len(kept) < len(products)
        assistant = Assistant(catalog, lambda: model, model_intent="always")
        conversation = Conversation()
        modes = []
        for n, message in enumerate([long_message(1), "更便宜的", "compare 1 and 2",
                                     long_message(2), "wool rug " * 60, "第二个"]):
            events = list(assistant.ask(message, conversation))
            result = events[-1].result
            assert events[-1].kind == "final" and result.answer, n
            modes.append(result.mode)
        print(f"\nanswer modes on a 512-token context: {modes}")
        assert "model" in modes
    finally:
        model.close()


class _CharCounter:
    """Counts one token per character: fit_turn's order of giving things up is plain
    arithmetic, tested here without loading a model (the test above runs it on the real one)."""

    context_size = 400

    def count_tokens(self, messages) -> int:
        return sum(len(m["content"]) for m in messages)


def _prompt(products, earlier, message):
    return [{"role": "user", "content": "".join(
        ["P" * 100 for _ in products] + ["E" * 50 for _ in earlier] + [message])}]


def test_fitting_a_turn_gives_up_earlier_messages_then_the_long_message_then_products():
    products = [Product(id=str(n), title="t") for n in range(2)]
    model, long_text = _CharCounter(), "m" * 300
    assert fit_turn(model, _prompt, products, ["a", "b"], "hi", 90).previous == ["a", "b"]
    turn = fit_turn(model, _prompt, products, ["a", "b"], "hi", 100)
    assert (turn.previous, len(turn.products)) == (["b"], 2)  # the oldest message went first
    turn = fit_turn(model, _prompt, products, ["a"], long_text, 100)
    assert (turn.message, turn.previous, len(turn.products)) == (long_text[:120], [], 1)
    turn = fit_turn(model, _prompt, products, [], long_text, 200)
    assert (len(turn.products), turn.answer_tokens) == (1, 180)  # a shorter answer, not none
    model.context_size = 300  # 80 tokens left: too few for even one pick
    assert fit_turn(model, _prompt, products, [], long_text, 200) is None
