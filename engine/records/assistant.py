"""Records of the assistant: what it understood, its answer as it streams and whole, and
saved chats."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from engine.records.catalog import Product


@dataclass(frozen=True)
class AnswerIntent:
    """What the assistant understood the shopper to want (the fields of its intent)."""

    search_phrase: str = ""
    category: str | None = None
    max_price: float | None = None
    min_price: float | None = None
    attributes: tuple[str, ...] = ()
    sort: str = "relevance"
    is_comparison: bool = False
    compare_refs: tuple[int, ...] = ()
    refers_to: tuple[int, ...] = ()
    referenced_ids: tuple[str, ...] = ()
    is_followup: bool = False
    wants_cheaper: bool = False
    language: str = "en"  # "en" or "zh": the language the answer is written in
    source: str = "rules"  # "rules" or "model": who read the message

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AnswerIntent:
        """From the assistant's intent dict; missing keys keep their defaults."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name in data:
                value = data[f.name]
                values[f.name] = tuple(value) if isinstance(value, list) else value
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}


@dataclass(frozen=True)
class ComparisonRow:
    """One row of a side-by-side comparison: a label and one cell per product."""

    label: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    """Products side by side, built from catalog data; the first row names the products."""

    products: tuple[Product, ...]
    rows: tuple[ComparisonRow, ...]


@dataclass(frozen=True)
class AnswerPick:
    """A product the answer recommends and why (``reason_source``: "model" or "catalog")."""

    product_id: str
    reason: str
    reason_source: str


@dataclass(frozen=True)
class Answer:
    """The assistant's validated answer to one message.

    ``text`` is what to show beside the cards (for a comparison: the verdict, the table being
    in ``comparison``); ``markdown`` is the whole answer as one text, as the CLI prints it.
    ``mode``: "model", "retrieval-only", "comparison", "nothing-fits" or "clarify".
    """

    text: str
    markdown: str
    mode: str
    intent: AnswerIntent
    products: tuple[Product, ...]  # the cited products, in citation order
    cited_ids: tuple[str, ...]
    comparison: Comparison | None = None
    follow_ups: tuple[str, ...] = ()
    reason: str = ""  # why the answer was made without the model, if it was
    summary: str = ""
    lead: str = ""  # a model answer's first line ("Here are 3 picks:"), before its summary
    picks: tuple[AnswerPick, ...] = ()
    alternatives: tuple[str, ...] = ()  # closest products when nothing fits
    candidates: tuple[str, ...] = ()  # the ids the model chose from, best first
    constraints: Mapping[str, Any] = field(default_factory=dict)
    ttft_ms: float = 0.0
    tokens_per_s: float = 0.0
    # What the message did: "new_need", "refine", "question", "compare", "decide" or "chat".
    act: str = "new_need"

    def to_dict(self) -> dict[str, Any]:
        return {
            "answer": self.markdown,
            "act": self.act,
            "cited_ids": list(self.cited_ids),
            "intent": self.intent.to_dict(),
            "ttft_ms": round(self.ttft_ms, 1),
            "tokens_per_s": round(self.tokens_per_s, 2),
            "mode": self.mode,
            "reason": self.reason,
            "picks": [{"id": p.product_id, "reason": p.reason, "reason_source": p.reason_source}
                      for p in self.picks],
            "summary": self.summary,
            "follow_ups": list(self.follow_ups),
            "alternatives": list(self.alternatives),
            "candidates": list(self.candidates),
            "constraints": dict(self.constraints),
        }


@dataclass(frozen=True)
class AskEvent:
    """One step of an answer being written.

    ``kind``: "cards" (``products``: what the answer will choose from, as soon as retrieval
    is done), "token" (more ``text``; a pick's line names its product in ``products`` and
    gives its ``reason``), "model_stopped" (the model's process died, ``text`` says
    how: drop the text so far, an answer from search alone follows) or "final" (``answer``).
    """

    kind: str
    text: str = ""
    products: tuple[Product, ...] = ()
    answer: Answer | None = None
    reason: str = ""


@dataclass(frozen=True)
class ChatMessage:
    """One message of a chat as the shopper saw it, kept whole for the saved chat (the
    assistant's prompts carry only the last few turns).

    ``table``: a comparison, its first row naming the products; ``mode`` and ``reason``: how
    an answer was made (see :class:`Answer`).
    """

    role: str  # "user" or "assistant"
    text: str
    product_ids: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()  # why each product was picked ("" for none), as shown
    table: tuple[tuple[str, ...], ...] = ()
    suggestions: tuple[str, ...] = ()
    mode: str = ""
    reason: str = ""

    @classmethod
    def of_answer(cls, answer: Answer) -> ChatMessage:
        """An answer as the chat shows it: with picks, its lead and summary above the cards,
        each pick's reason under its card (the pick lines of ``text`` are the cards)."""
        table = () if answer.comparison is None else tuple(
            (row.label, *row.cells) for row in answer.comparison.rows)
        why = {p.product_id: p.reason for p in answer.picks}
        text = "\n".join(t for t in (answer.lead, answer.summary) if t) if why else answer.text
        return cls("assistant", text, tuple(answer.cited_ids),
                   tuple(why.get(i, "") for i in answer.cited_ids) if why else (), table,
                   tuple(answer.follow_ups), answer.mode, answer.reason)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ChatMessage:
        return cls(str(data["role"]), str(data["text"]),
                   tuple(str(i) for i in data.get("product_ids", ())),
                   tuple(str(r) for r in data.get("reasons", ())),
                   tuple(tuple(str(c) for c in row) for row in data.get("table", ())),
                   tuple(str(s) for s in data.get("suggestions", ())),
                   str(data.get("mode", "")), str(data.get("reason", "")))

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "text": self.text, "product_ids": list(self.product_ids),
                "reasons": list(self.reasons), "table": [list(row) for row in self.table],
                "suggestions": list(self.suggestions), "mode": self.mode, "reason": self.reason}


@dataclass(frozen=True)
class ChatSummary:
    """A saved chat as the list of chats shows it (newest first)."""

    id: str
    title: str
    created: float
    updated: float
    messages: int
