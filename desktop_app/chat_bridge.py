"""Conversations as the GUI keeps them, and the call into the engine's assistant.

The engine's assistant does the work (intent, retrieval, grounded answer, validation); this
module only adapts its :class:`~engine.records.Answer` into a :class:`Turn` the chat view can
render, and exports conversations the shopper wants to keep.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop_app.context import AppContext
from engine.app import Conversation as EngineConversation
from engine.errors import AisleError
from engine.progress import CancelToken
from engine.records import Answer, AskEvent, Product

TITLE_CHARS = 40


@dataclass
class Turn:
    """One message: the shopper's question or the assistant's answer with what it cited."""

    role: str
    text: str
    products: list[Product] = field(default_factory=list)
    comparison: list[list[str]] = field(default_factory=list)  # header row first
    suggestions: list[str] = field(default_factory=list)
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["products"] = [p.id for p in self.products]
        return data


@dataclass
class Conversation:
    """A chat as shown on screen; ``engine`` carries the assistant's own state (follow-ups)."""

    engine: EngineConversation = field(default_factory=EngineConversation)
    turns: list[Turn] = field(default_factory=list)
    started: float = field(default_factory=time.time)

    @property
    def id(self) -> str:
        return self.engine.id

    @property
    def title(self) -> str:
        first = next((t.text for t in self.turns if t.role == "user"), "")
        first = " ".join(first.split())
        return first if len(first) <= TITLE_CHARS else first[: TITLE_CHARS - 1] + "…"

    def add(self, turn: Turn) -> None:
        self.turns.append(turn)

    def to_json(self) -> str:
        return json.dumps({"id": self.id, "started": self.started,
                           "turns": [t.to_dict() for t in self.turns]},
                          ensure_ascii=False, indent=2)

    def to_markdown(self) -> str:
        you = QCoreApplication.translate("ChatExport", "You")
        aisle = QCoreApplication.translate("ChatExport", "Aisle")
        lines = [f"# {self.title or 'Aisle chat'}", ""]
        for turn in self.turns:
            lines += [f"**{you if turn.role == 'user' else aisle}:** {turn.text}", ""]
            lines += [f"- {p.title} ({p.id})" for p in turn.products]
            if turn.comparison:
                header, *rows = turn.comparison
                lines += ["", "| " + " | ".join(header) + " |",
                          "|" + "---|" * len(header)]
                lines += ["| " + " | ".join(r) + " |" for r in rows]
            lines.append("")
        return "\n".join(lines)


def write_export(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as err:
        raise AisleError(f"Could not save {path}: {err.strerror or err}.") from err


def answer(ctx: AppContext, conversation: Conversation, text: str, cancel: CancelToken,
           on_token: Callable[[str], None], on_reset: Callable[[], None],
           on_cards: Callable[[list[Product]], None]) -> Turn:
    """Ask the assistant (on the model thread), streaming text pieces to ``on_token``; the
    products the answer will choose from go to ``on_cards`` as soon as retrieval is done.

    Raises:
        Cancelled: the shopper pressed Stop (the engine conversation is left unchanged).
    """
    def forward(event: AskEvent) -> None:
        if event.kind == "token":
            on_token(event.text)
        elif event.kind == "cards":
            on_cards(list(event.products))
        elif event.kind == "model_stopped":
            on_reset()

    return turn_from_answer(ctx.aisle.answer(text, conversation.engine, cancel=cancel,
                                             on_event=forward))


def turn_from_answer(answer: Answer) -> Turn:
    """The assistant's validated answer as a chat turn: text, cards, table, follow-ups."""
    cited = list(answer.products)
    turn = Turn("assistant", answer.text, cited, suggestions=list(answer.follow_ups))
    if answer.comparison is not None:
        turn.comparison = [[row.label, *row.cells] for row in answer.comparison.rows]
    if answer.mode == "retrieval-only":
        turn.note = QCoreApplication.translate(
            "Chat", "Listed from the catalog without the chat model: %1").replace(
            "%1", answer.reason)
    return turn
