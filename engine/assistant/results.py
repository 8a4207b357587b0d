"""What an answer is made of: the events streamed while it is written, and the final result."""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any

from engine.assistant.constraints import Constraints
from engine.llm.chat_api import GenerationStats
from engine.records import Product


@dataclass
class AnswerResult:
    """Everything the GUI needs after an answer: the text, the cards, and how fast it was."""

    answer: str
    cited_ids: list[str]
    intent: dict[str, Any]
    mode: str  # "model", "retrieval-only", "comparison", "nothing-fits" or "clarify"
    products: list[Product] = field(default_factory=list)
    ttft_ms: float = 0.0
    tokens_per_s: float = 0.0
    reason: str = ""
    stats: GenerationStats | None = None
    picks: list[dict[str, str]] = field(default_factory=list)  # id, reason, reason_source
    summary: str = ""
    lead: str = ""  # the first line of a model answer ("Here are 3 picks:")
    follow_ups: list[str] = field(default_factory=list)
    alternatives: list[str] = field(default_factory=list)  # closest products when none fit
    candidates: list[str] = field(default_factory=list)  # ids the model chose from, ranked
    constraints: dict[str, Any] = field(default_factory=dict)
    act: str = "new_need"  # what the message did: see ``acts.ActKind``
    need: dict[str, Any] | None = None  # the need this answer kept (new or refined)

    def to_dict(self) -> dict[str, Any]:
        return {
            "answer": self.answer,
            "cited_ids": self.cited_ids,
            "intent": self.intent,
            "ttft_ms": round(self.ttft_ms, 1),
            "tokens_per_s": round(self.tokens_per_s, 2),
            "mode": self.mode,
            "reason": self.reason,
            "picks": self.picks,
            "summary": self.summary,
            "follow_ups": self.follow_ups,
            "alternatives": self.alternatives,
            "candidates": self.candidates,
            "constraints": self.constraints,
            "act": self.act,
        }


@dataclass(frozen=True)
class AnswerEvent:
    """``cards``: the products the answer will come from (``products``), as soon as retrieval
    is done; ``token``: more text (a pick's line also names its product in ``products`` and
    gives its ``reason``, so a screen can put the reason under the product's card);
    ``model_stopped``: the model's process died (``text`` says how), discard the text so far,
    an answer from search alone follows; ``final``: the validated answer in ``result``."""

    kind: str
    text: str = ""
    result: AnswerResult | None = None
    products: tuple[Product, ...] = ()
    reason: str = ""


def limits_dict(limits: Constraints) -> dict[str, Any]:
    return limits.to_dict()


# A turn's events as they come; the generator returns the finished answer, which ``yield from``
# hands to the caller that records it.
TurnEvents = Generator[AnswerEvent, None, AnswerResult]
