"""What the assistant remembers between messages, and the whole chat as the shopper saw it.

A follow-up ("cheaper ones?", "第二个有别的颜色吗") only makes sense against the previous turn:
the constraints it asked for and the products it showed, in the order they were shown. The
saved chat (``chat_store``) keeps every message besides.
"""

from __future__ import annotations

import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from engine.errors import AssistantError
from engine.records import Answer, ChatMessage

MAX_TURNS_KEPT = 20
TITLE_CHARS = 40
NAME_CHARS = 80
_SESSION_ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


def check_id(session_id: str) -> str:
    """``session_id`` if it can name a saved chat (it comes from the command line)."""
    if not _SESSION_ID.match(session_id):
        raise AssistantError(
            "'{session_id}' is not a valid session id: use letters, digits, '-', '_' or '.'.",
            session_id=session_id)
    return session_id


@dataclass
class Turn:
    role: str  # "user" or "assistant"
    text: str
    cited_ids: list[str] = field(default_factory=list)


@dataclass
class Conversation:
    """Mutable state of one chat: turns, the last intent, the products shown (in order), and
    every message as shown with the shopper's name for the chat ("" until renamed).

    ``need`` is the active need as code read it (phrase, product type, budget, brand and
    attributes; see ``Assistant``), kept until a new need replaces it; ``focus_id`` is the
    product the last answer was about, what "it" means next.
    """

    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    turns: list[Turn] = field(default_factory=list)
    last_intent: dict[str, Any] | None = None
    shown_ids: list[str] = field(default_factory=list)
    messages: list[ChatMessage] = field(default_factory=list)
    name: str = ""
    created: float = field(default_factory=time.time)
    need: dict[str, Any] | None = None
    focus_id: str = ""

    @property
    def title(self) -> str:
        """The shopper's name for the chat, else its first question (shortened)."""
        first = self.name or next((m.text for m in self.messages if m.role == "user"), "")
        first = " ".join(first.split())
        return first if len(first) <= TITLE_CHARS else first[: TITLE_CHARS - 1] + "…"

    def rename(self, name: str) -> None:
        """Name the chat (an empty name goes back to its first question)."""
        self.name = " ".join(name.split())[:NAME_CHARS]

    def remember_answer(self, message: str, answer: Answer) -> None:
        """Keep the question and its final answer for the saved chat."""
        self.messages += [ChatMessage("user", message), ChatMessage.of_answer(answer)]

    def record(self, user_text: str, answer: str, cited_ids: list[str],
               intent: dict[str, Any] | None, shown_ids: list[str]) -> None:
        """Remember one exchange (older turns are dropped: prompts stay compact). An answer
        that showed no product (a greeting, a question back) keeps what was shown before, so
        "the second one" still means the same product."""
        self.turns.append(Turn("user", user_text))
        self.turns.append(Turn("assistant", answer, list(cited_ids)))
        self.turns = self.turns[-MAX_TURNS_KEPT:]
        if intent is not None:  # a question about a product keeps the need's intent
            self.last_intent = dict(intent)
        if shown_ids:
            self.shown_ids = list(shown_ids)

    def shown_at(self, position: int) -> str | None:
        """The id of the n-th product shown last time (1-based), if there was one."""
        if 1 <= position <= len(self.shown_ids):
            return self.shown_ids[position - 1]
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "turns": [t.__dict__ for t in self.turns],
            "last_intent": self.last_intent,
            "shown_ids": self.shown_ids,
            "messages": [m.to_dict() for m in self.messages],
            "name": self.name,
            "created": self.created,
            "need": self.need,
            "focus_id": self.focus_id,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Conversation:
        """From :meth:`to_dict`; a session saved before messages were kept shows its turns."""
        turns = [Turn(**t) for t in data.get("turns", [])]
        messages = data.get("messages")
        return cls(
            id=str(data["id"]),
            turns=turns,
            last_intent=data.get("last_intent"),
            shown_ids=list(data.get("shown_ids", [])),
            messages=[ChatMessage.from_dict(m) for m in messages] if messages is not None
            else [ChatMessage(t.role, t.text, tuple(t.cited_ids)) for t in turns],
            name=str(data.get("name", "")),
            created=float(data.get("created", time.time())),
            need=data.get("need"),
            focus_id=str(data.get("focus_id", "")),
        )
