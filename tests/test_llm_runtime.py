"""The chat model through the real Qwen2.5-Coder 0.5B GGUF, served by the real worker process
(the session's shared worker, tests/conftest.py), as the app runs it."""

from __future__ import annotations

import multiprocessing
import threading
import time

import pytest

from engine.errors import Cancelled, ModelError
from engine.llm.runtime import ModelSettings
from engine.llm.threads import threads_for_next_answer
from engine.llm.worker_client import WorkerModel
from engine.progress import CancelToken

GREETING = [
    {"role": "system", "content": "You are a concise shopping assistant."},
    {"role": "user", "content": "Say hello to a shopper in one short sentence."},
]


def cancel_after(seconds: float) -> tuple[CancelToken, dict[str, float]]:
    token = CancelToken()
    when: dict[str, float] = {}

    def fire() -> None:
        time.sleep(seconds)
        when["at"] = time.perf_counter()
        token.cancel()

    threading.Thread(target=fire, daemon=True).start()
    return token, when


def test_loads_with_settings_and_gguf_chat_template(chat_model):
    assert chat_model.start_seconds > 0 and chat_model.pid > 0
    assert chat_model.settings.n_ctx == 4096
    assert chat_model.settings.n_threads >= 1
    assert chat_model.gpu_layers == 0  # CPU build here: detected, not guessed
    assert chat_model.chat_format == "chat_template.default"
    assert "<|im_start|>" in chat_model.chat_template


def test_streams_a_short_answer_with_timings(chat_model):
    pieces = list(chat_model.stream_chat(GREETING, max_tokens=16))
    assert len(pieces) > 1
    assert "".join(pieces).strip()
    stats = chat_model.last_stats
    assert stats.ttft_ms > 0 and stats.tokens == len(pieces)
    assert stats.tokens_per_s > 0 and stats.llama_tokens_per_s > 0
    assert stats.llama_eval_tokens >= 1


def spin() -> None:
    while True:
        pass


def test_an_answer_leaves_out_the_cores_other_work_keeps_busy(chat_model):
    """llama.cpp's threads wait for each other at every token, so a core shared with another
    process holds them all up: an answer runs on the cores left free."""
    spinners = [multiprocessing.Process(target=spin, daemon=True)
                for _ in range(chat_model.settings.n_threads - 1)]
    for spinner in spinners:
        spinner.start()
    try:
        time.sleep(0.3)
        assert chat_model.chat(GREETING, max_tokens=4)
        assert chat_model.last_stats.threads == 1
    finally:
        for spinner in spinners:
            spinner.kill()


def test_threads_are_the_cores_left_free():
    assert threads_for_next_answer(2, busy=0.1, cores=2) == 2
    assert threads_for_next_answer(2, busy=0.9, cores=2) == 1
    assert threads_for_next_answer(2, busy=2.0, cores=2) == 1  # never none
    assert threads_for_next_answer(4, busy=1.0, cores=8) == 4  # at most what is asked


def test_fixed_prefix_is_reused_from_the_cache(chat_model):
    chat_model.chat(GREETING, max_tokens=4)
    chat_model.chat(GREETING, max_tokens=4)
    # Only the last prompt token is replayed: the shared prefix stays in llama.cpp's KV cache.
    assert chat_model.last_stats.llama_prompt_tokens <= 2


def test_the_same_prompt_samples_the_same_answer_whatever_came_before(chat_model):
    # Sampled (temperature 0.2, as answers are): llama-cpp-python would draw each call's seed
    # from the previous call's.
    poem = [{"role": "user", "content": "Write a one-line poem about a rug."}]
    first = chat_model.chat(poem, max_tokens=24)
    chat_model.chat(GREETING, max_tokens=8)
    assert chat_model.chat(poem, max_tokens=24) == first


def test_cancel_stops_generation_within_half_a_second(chat_model):
    token, when = CancelToken(), {}
    received = []

    def cancel_soon() -> None:
        time.sleep(0.2)
        when["at"] = time.perf_counter()
        token.cancel()

    with pytest.raises(Cancelled):
        for piece in chat_model.stream_chat(
            [{"role": "user", "content": "Write a long story about a market."}],
            max_tokens=2000, cancel=token,
        ):
            if not received:  # generating now: press Stop from another thread
                threading.Thread(target=cancel_soon, daemon=True).start()
            received.append(piece)
    assert time.perf_counter() - when["at"] < 0.5


def test_cancel_during_a_long_prompt(chat_model):
    token, when = cancel_after(0.3)
    with pytest.raises(Cancelled):
        list(chat_model.stream_chat(
            [{"role": "user", "content": "shelf " * 1200}], max_tokens=8, cancel=token,
        ))
    assert time.perf_counter() - when["at"] < 0.5
    assert chat_model.chat(GREETING, max_tokens=4)  # still usable afterwards


def test_json_schema_constrained_output_parses(chat_model):
    schema = {
        "type": "object",
        "properties": {
            "product": {"type": "string"},
            "max_price": {"type": ["number", "null"]},
        },
        "required": ["product", "max_price"],
    }
    value = chat_model.complete_json(
        [{"role": "user", "content": "Extract the product and budget: running shoes under $100"}],
        schema,
    )
    assert set(value) == {"product", "max_price"}
    assert "shoe" in value["product"].lower()
    assert value["max_price"] == 100


def test_truncated_model_gives_a_clear_error(tmp_path, model_file):
    source = model_file
    cut = tmp_path / "cut.gguf"
    with source.open("rb") as src, cut.open("wb") as dst:
        dst.write(src.read(40_000_000))
    with pytest.raises(ModelError, match="could not be loaded") as err:
        WorkerModel(cut, ModelSettings(n_ctx=512))
    assert "cut.gguf" in str(err.value)


def test_non_gguf_and_missing_model_errors(tmp_path):
    fake = tmp_path / "fake.gguf"
    fake.write_bytes(b"\x89PNG" + b"\0" * 200)
    with pytest.raises(ModelError, match="fake.gguf is not a GGUF"):
        WorkerModel(fake)
    with pytest.raises(ModelError, match="does not exist"):
        WorkerModel(tmp_path / "missing.gguf")


def test_close_releases_and_later_use_is_a_model_error(model_file):
    model = WorkerModel(model_file, ModelSettings(n_ctx=512))
    model.close()
    assert not model.alive
    model.close()  # idempotent
    with pytest.raises(ModelError, match="closed"):
        model.chat(GREETING)
