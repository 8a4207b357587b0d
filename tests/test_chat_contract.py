"""What every chat model behind ``engine.llm.chat_api.ChatAPI`` promises the assistant, and
every model host behind ``engine.llm.host.ChatModelHost`` promises the facade, run against the
real ones (the session's shared worker, tests/conftest.py; a ``ModelHost`` over a registry) and
against the scripted fakes the composition tests use (tests/fake_chat.py), so the fakes stay
faithful stand-ins. The real model's cases generate a few tokens each."""

from __future__ import annotations

import os

import pytest
from fake_chat import ScriptedHost, ScriptedModel

from engine.errors import Cancelled, ModelError
from engine.llm.chat_api import ChatAPI
from engine.llm.host import ChatModelHost, ModelHost
from engine.llm.registry import ModelRegistry
from engine.llm.runtime import ModelSettings
from engine.progress import CancelToken, no_progress
from engine.records import CpuMode

GREETING = [
    {"role": "system", "content": "You are a concise shopping assistant."},
    {"role": "user", "content": "Say hello to a shopper in one short sentence."},
]
# The same system message first: the real model reuses its KV cache from one request to the next.
LONG_ANSWER = [GREETING[0], {"role": "user", "content": "Tell me all about cast iron skillets."}]
JSON_REQUEST = [GREETING[0], {"role": "user", "content": "Name a colour and a rug, as JSON."}]
SCHEMA = {
    "type": "object",
    "properties": {"colour": {"type": "string", "enum": ["red", "blue"]},
                   "name": {"type": "string", "maxLength": 12}},
    "required": ["colour", "name"],
}


@pytest.fixture(params=["fake", "real"])
def model(request) -> ChatAPI:
    if request.param == "fake":
        return ScriptedModel()
    return request.getfixturevalue("chat_worker")()


class TestChatAPIContract:
    def test_context_size_is_positive(self, model):
        assert model.context_size > 0

    def test_count_tokens_is_positive_and_grows_with_the_text(self, model):
        short = model.count_tokens(GREETING[:1])
        assert short > 0
        assert model.count_tokens(GREETING) > short
        longer = [*GREETING, {"role": "user", "content": "A warm wool rug, please. " * 10}]
        assert model.count_tokens(longer) > model.count_tokens(GREETING)
        assert model.count_tokens([{"role": "user", "content": "客厅用的保暖地毯"}]) > 0
        assert model.count_tokens(GREETING) < model.context_size

    def test_stream_chat_yields_text_pieces_that_join_to_chats_answer(self, model):
        pieces = list(model.stream_chat(GREETING, max_tokens=8, temperature=0.0))
        assert pieces and all(isinstance(p, str) for p in pieces)
        assert "".join(pieces).strip()
        assert model.chat(GREETING, max_tokens=8, temperature=0.0) == "".join(pieces)

    def test_stream_chat_stops_at_max_tokens(self, model):
        pieces = list(model.stream_chat(LONG_ANSWER, max_tokens=6, temperature=0.0))
        assert 1 <= len(pieces) <= 6

    def test_last_stats_describe_the_last_generation(self, model):
        pieces = list(model.stream_chat(GREETING, max_tokens=6, temperature=0.0))
        stats = model.last_stats
        assert stats.tokens == len(pieces)
        assert stats.ttft_ms > 0 and stats.total_ms >= stats.ttft_ms
        assert len(pieces) < 2 or stats.tokens_per_s > 0

    def test_complete_json_returns_an_object_matching_the_schema(self, model):
        value = model.complete_json(JSON_REQUEST, SCHEMA, max_tokens=32)
        assert isinstance(value, dict) and set(SCHEMA["required"]) <= set(value)
        assert value["colour"] in ("red", "blue")
        assert isinstance(value["name"], str) and len(value["name"]) <= 12

    def test_complete_json_cut_off_by_max_tokens_is_a_model_error(self, model):
        with pytest.raises(ModelError):
            model.complete_json(JSON_REQUEST, SCHEMA, max_tokens=2)

    def test_a_cancel_set_before_the_start_raises_cancelled(self, model):
        token = CancelToken()
        token.cancel()
        with pytest.raises(Cancelled):
            list(model.stream_chat(GREETING, max_tokens=8, cancel=token))

    def test_a_cancel_mid_answer_raises_cancelled_and_the_model_answers_again(self, model):
        token = CancelToken()
        received = []
        with pytest.raises(Cancelled):
            for piece in model.stream_chat(LONG_ANSWER, max_tokens=200, cancel=token):
                received.append(piece)
                token.cancel()
        assert received and len(received) < 200
        assert model.chat(LONG_ANSWER, max_tokens=2).strip()

    def test_a_reader_that_stops_early_leaves_the_model_usable(self, model):
        stream = model.stream_chat(LONG_ANSWER, max_tokens=200)
        assert isinstance(next(stream), str)
        stream.close()
        assert model.chat(LONG_ANSWER, max_tokens=2).strip()


@pytest.fixture(params=["fake", "real"])
def host(request, tmp_path):
    if request.param == "fake":
        yield ScriptedHost(ScriptedModel())
        return
    registry = ModelRegistry(tmp_path / "data", gpu=False, cores=2)
    linked = tmp_path / "data" / "qwen-test.gguf"
    os.link(request.getfixturevalue("model_file"), linked)
    registry.use(registry.add(linked).name)
    real = ModelHost(registry, ModelSettings(n_ctx=512))
    yield real
    real.close()


class TestChatModelHostContract:
    def test_a_call_gives_the_running_model_and_the_same_one_again(self, host: ChatModelHost):
        model = host(no_progress)
        assert isinstance(model, ChatAPI)
        assert model.chat(GREETING, max_tokens=2, temperature=0.0)
        assert host() is model
        assert host.cpu_mode is None or isinstance(host.cpu_mode, CpuMode)

    def test_it_says_how_the_models_network_is_closed(self, host: ChatModelHost):
        assert isinstance(host.network_seal(), str) and host.network_seal()

    def test_after_close_the_next_call_gives_a_working_model(self, host: ChatModelHost):
        host()
        host.close()
        assert host().chat(GREETING, max_tokens=2, temperature=0.0)
