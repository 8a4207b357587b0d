"""Conversations as the GUI keeps them, and the calls into the engine's assistant and chats.

The engine's assistant does the work (intent, retrieval, grounded answer, validation) and keeps
the saved chats; this module only adapts its messages into :class:`Turn` objects the chat view
can render (with the cited products looked up), and exports conversations.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop_app.context import AppContext
from desktop_app.i18n import ui_language
from engine.app import Conversation as EngineConversation
from engine.errors import AisleError
from engine.messages import in_language
from engine.progress import CancelToken
from engine.records import AskEvent, ChatMessage, Product

Card = tuple[Product, str, "bytes | None"]  # a product card: the product, its reason, thumbnail


@dataclass
class Turn:
    """One message: the shopper's question or the assistant's answer with what it cited."""

    role: str
    text: str
    products: list[Product] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)  # under each product's card ("": none)
    thumbnails: dict[str, bytes] = field(default_factory=dict)  # read off the GUI thread
    comparison: list[list[str]] = field(default_factory=list)  # header row first
    suggestions: list[str] = field(default_factory=list)
    note: str = ""

    def cards(self) -> list[tuple[Product, str]]:
        """Each product with the reason shown under it."""
        reasons = self.reasons + [""] * (len(self.products) - len(self.reasons))
        return list(zip(self.products, reasons, strict=False))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["products"] = [p.id for p in self.products]
        del data["thumbnails"]
        return data


@dataclass
class Conversation:
    """A chat as shown on screen; ``engine`` is what the engine saves (the assistant's state
    and every message)."""

    engine: EngineConversation = field(default_factory=EngineConversation)
    turns: list[Turn] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.engine.id

    @property
    def title(self) -> str:
        """The saved chat's title; while the first answer is written, the question (the list
        elides it)."""
        first = next((t.text for t in self.turns if t.role == "user"), "")
        return self.engine.title or " ".join(first.split())

    def add(self, turn: Turn) -> None:
        self.turns.append(turn)

    def to_json(self) -> str:
        return json.dumps({"id": self.id, "started": self.engine.created,
                           "turns": [t.to_dict() for t in self.turns]},
                          ensure_ascii=False, indent=2)

    def to_markdown(self) -> str:
        you = QCoreApplication.translate("ChatExport", "You")
        aisle = QCoreApplication.translate("ChatExport", "Aisle")
        lines = [f"# {self.title or 'Aisle chat'}", ""]
        for turn in self.turns:
            lines += [f"**{you if turn.role == 'user' else aisle}:** {turn.text}", ""]
            lines += [f"- {p.title} ({p.id})" + (f": {why}" if why else "")
                      for p, why in turn.cards()]
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
           on_cards: Callable[[list[Card]], None]) -> Turn:
    """Ask the assistant (on the model thread), streaming text pieces to ``on_token``; the
    products the answer will choose from go to ``on_cards`` as soon as retrieval is done (with
    their thumbnails, read here), and again as each pick is made, picked ones first with their
    reasons (a pick's own line is not text on screen: it is its card).

    Raises:
        Cancelled: the shopper pressed Stop (the engine conversation is left unchanged).
    """
    candidates: list[Product] = []
    picked: list[tuple[Product, str]] = []
    thumbnails: dict[str, bytes] = {}

    def cards() -> list[Card]:
        chosen = {p.id for p, _ in picked}
        shown = picked + [(p, "") for p in candidates if p.id not in chosen]
        return [(p, why, thumbnails.get(p.id)) for p, why in shown]

    def forward(event: AskEvent) -> None:
        if event.kind == "token" and event.products:
            picked.append((event.products[0], event.reason))
            on_cards(cards())
        elif event.kind == "token":
            on_token(event.text)
        elif event.kind == "cards":
            candidates[:] = event.products
            thumbnails.update(ctx.aisle.catalog.thumbnails([p.id for p in candidates]))
            on_cards(cards())
        elif event.kind == "model_stopped":
            picked.clear()
            on_reset()

    answer = ctx.aisle.assistant.answer(text, conversation.engine, cancel=cancel, on_event=forward)
    cited = list(answer.products)
    missing = [p.id for p in cited if p.id not in thumbnails]
    thumbnails.update(ctx.aisle.catalog.thumbnails(missing) if missing else {})
    return turn_of(conversation.engine.messages[-1], cited, thumbnails)


def open_chat(ctx: AppContext, chat_id: str) -> Conversation:
    """A saved chat with the products its answers cited (those still in the catalog)."""
    engine = ctx.aisle.assistant.conversation(chat_id)
    thumbnails = ctx.aisle.catalog.thumbnails([i for m in engine.messages for i in m.product_ids])
    turns = []
    for message in engine.messages:
        products = [p for p in map(ctx.aisle.catalog.product, message.product_ids) if p is not None]
        turns.append(turn_of(message, products, thumbnails))
    return Conversation(engine, turns)


def turn_of(message: ChatMessage, products: list[Product],
            thumbnails: dict[str, bytes]) -> Turn:
    """A message as a chat turn: text, cards (with their thumbnails), table, follow-ups, and
    how it was made."""
    reasons = dict(zip(message.product_ids, message.reasons, strict=False))
    turn = Turn(message.role, message.text, products, [reasons.get(p.id, "") for p in products],
                {p.id: thumbnails[p.id] for p in products if p.id in thumbnails},
                comparison=[list(row) for row in message.table],
                suggestions=list(message.suggestions))
    if message.mode == "retrieval-only":
        turn.note = QCoreApplication.translate(
            "Chat", "Listed from the catalog without the chat model: %1").replace(
            "%1", in_language(message.reason, ui_language()))
    return turn
