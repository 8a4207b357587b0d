"""A scripted, recording chat model for tests whose subject is not the model.

:class:`ScriptedModel` implements :class:`engine.llm.chat_api.ChatAPI`, the assistant's real
extension point (``Assistant(catalog, lambda: model)``), and keeps the interface's promises the
way the real worker does; tests/test_chat_contract.py runs one class of tests against both.
What it says is a script: fixed texts, or functions of the request, so a test can hand the
assistant exactly the output its checks must catch, and read back every prompt it was given.
Prompt building, state updates and the checks are proven on it; a few end-to-end tests per path
still go through the real model (tests/test_assistant.py, tests/test_trust_injection.py).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.llm.chat_api import ChatAPI, GenerationStats, Message
from engine.progress import NEVER_CANCELLED, CancelToken, ProgressCallback, no_progress

# A reply: the text itself, or a function of the request that returns it.
Reply = str | Callable[["Call"], str]
CHARS_PER_TOKEN = 4
TEMPLATE_TOKENS_PER_MESSAGE = 8  # as engine.llm.runtime counts the chat template's markers


@dataclass(frozen=True)
class Call:
    """One request the model was given."""

    messages: list[Message]
    max_tokens: int
    temperature: float
    response_format: dict[str, Any] | None = None

    @property
    def schema(self) -> dict[str, Any] | None:
        """The JSON schema the output must match (None: free text)."""
        return (self.response_format or {}).get("schema")


class ScriptedModel(ChatAPI):
    """Answers each request with the next scripted reply (the last one repeats), streamed a
    token's worth of characters at a time; with no script, an object matching the request's
    schema, or a short sentence when there is none. Records every request.

    Like the real model it stops after ``max_tokens`` tokens (JSON cut off there does not
    parse), checks ``cancel`` before the first token and between tokens, and sets
    :attr:`last_stats` when a generation ends.
    """

    def __init__(self, *replies: Reply, context_size: int = 4096) -> None:
        self.path = Path("scripted.gguf")
        self.last_stats = GenerationStats()
        self.replies: list[Reply] = list(replies)
        self.calls: list[Call] = []
        self._context_size = context_size

    @property
    def requests(self) -> list[list[Message]]:
        """The messages of every request, in order."""
        return [c.messages for c in self.calls]

    @property
    def context_size(self) -> int:
        return self._context_size

    def count_tokens(self, messages: Sequence[Message]) -> int:
        return sum(_tokens(m["content"]) + TEMPLATE_TOKENS_PER_MESSAGE
                   for m in messages) + TEMPLATE_TOKENS_PER_MESSAGE

    def stream_chat(self, messages: Sequence[Message], *, max_tokens: int = 256,
                    temperature: float = 0.2, cancel: CancelToken = NEVER_CANCELLED,
                    response_format: dict[str, Any] | None = None) -> Iterator[str]:
        started = time.perf_counter()
        cancel.check()
        call = Call(list(messages), max_tokens, temperature, response_format)
        self.calls.append(call)
        reply = self.replies.pop(0) if len(self.replies) > 1 else (
            self.replies[0] if self.replies else default_reply)
        text = reply(call) if callable(reply) else reply
        stats = GenerationStats()
        first_at = started
        for start in range(0, min(len(text), max_tokens * CHARS_PER_TOKEN), CHARS_PER_TOKEN):
            cancel.check()
            if not stats.tokens:
                first_at = time.perf_counter()
                stats.ttft_ms = (first_at - started) * 1000.0
            stats.tokens += 1
            yield text[start:start + CHARS_PER_TOKEN]
        now = time.perf_counter()
        stats.total_ms = (now - started) * 1000.0
        if stats.tokens > 1:
            stats.tokens_per_s = (stats.tokens - 1) / max(now - first_at, 1e-9)
        self.last_stats = stats


class ScriptedHost:
    """A model host running one :class:`ScriptedModel`, as :class:`engine.llm.host.ModelHost`
    runs the registry's active model (the facade's seam: ``Aisle(model_host=...)``). Records
    the progress callback of each call, and whether it was closed."""

    cpu_mode = None

    def __init__(self, model: ScriptedModel) -> None:
        self.model = model
        self.progress_given: list[ProgressCallback] = []
        self.used: list[str] = []
        self.closed = False

    def __call__(self, progress: ProgressCallback = no_progress) -> ScriptedModel:
        self.progress_given.append(progress)
        return self.model

    def use(self, name: str) -> None:
        self.used.append(name)

    def network_seal(self) -> str:
        return "scripted"

    def close(self) -> None:
        self.closed = True


def _tokens(text: str) -> int:
    return -(-len(text.encode("utf-8")) // CHARS_PER_TOKEN)


# ----- replies --------------------------------------------------------------------------------


def default_reply(call: Call) -> str:
    """What the model says unscripted: a schema's first choices, or a short sentence."""
    if call.schema is not None:
        return json.dumps(schema_value(call.schema), ensure_ascii=False)
    return "Here is a short answer."


def schema_value(schema: dict[str, Any], index: int = 0) -> Any:
    """A value matching ``schema`` (the subset llama.cpp's grammars are given here): enums
    take their ``index``-th value, arrays as many distinct items as they may hold."""
    if "enum" in schema:
        return schema["enum"][index % len(schema["enum"])]
    kind = schema.get("type")
    if kind == "object":
        return {k: schema_value(v, index) for k, v in schema.get("properties", {}).items()}
    if kind == "array":
        item = schema.get("items", {})
        count = schema.get("maxItems", max(schema.get("minItems", 0), 1))
        if "enum" in item:
            count = min(count, len(item["enum"]))
        return [schema_value(item, n) for n in range(count)]
    if kind in ("integer", "number"):
        return schema.get("minimum", 1)
    if kind == "boolean":
        return True
    if kind == "null":
        return None
    text = f"Option {chr(ord('A') + index % 26)} fits"
    return text[: schema.get("maxLength", len(text))]


def picks_reply(summary: str = "", picks: Sequence[tuple[str, str]] | None = None,
                follow_ups: Sequence[str] = (), reason: str = "") -> Callable[[Call], str]:
    """A picks answer (engine.assistant.picks' schema); ``picks`` None: the request's first
    three candidates, each with ``reason``."""
    def reply(call: Call) -> str:
        chosen = [(i, reason) for i in candidate_ids(call)[:3]] if picks is None else picks
        return json.dumps({"summary": summary,
                           "picks": [{"id": i, "reason": r} for i, r in chosen],
                           "follow_ups": list(follow_ups)}, ensure_ascii=False)
    return reply


def candidate_ids(call: Call) -> list[str]:
    """The ids a picks request lets the model choose from (its schema's enum)."""
    schema = call.schema or {}
    picks = schema.get("properties", {}).get("picks", {})
    return list(picks.get("items", {}).get("properties", {}).get("id", {}).get("enum", []))
