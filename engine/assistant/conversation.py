"""What the assistant remembers between messages, and where sessions are kept on disk.

A follow-up ("cheaper ones?", "第二个有别的颜色吗") only makes sense against the previous turn:
the constraints it asked for and the products it showed, in the order they were shown.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.errors import AssistantError

MAX_TURNS_KEPT = 20
_SESSION_ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


@dataclass
class Turn:
    role: str  # "user" or "assistant"
    text: str
    cited_ids: list[str] = field(default_factory=list)


@dataclass
class Conversation:
    """Mutable state of one chat: turns, the last intent, the products shown (in order)."""

    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    turns: list[Turn] = field(default_factory=list)
    last_intent: dict[str, Any] | None = None
    shown_ids: list[str] = field(default_factory=list)

    def record(self, user_text: str, answer: str, cited_ids: list[str], intent: dict[str, Any],
               shown_ids: list[str]) -> None:
        """Remember one exchange (older turns are dropped: prompts stay compact)."""
        self.turns.append(Turn("user", user_text))
        self.turns.append(Turn("assistant", answer, list(cited_ids)))
        self.turns = self.turns[-MAX_TURNS_KEPT:]
        self.last_intent = dict(intent)
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
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Conversation:
        return cls(
            id=str(data["id"]),
            turns=[Turn(**t) for t in data.get("turns", [])],
            last_intent=data.get("last_intent"),
            shown_ids=list(data.get("shown_ids", [])),
        )


class SessionStore:
    """Conversations saved as ``<data_dir>/sessions/<id>.json`` (atomic replace)."""

    def __init__(self, data_dir: Path | str) -> None:
        self.directory = Path(data_dir) / "sessions"
        self.directory.mkdir(parents=True, exist_ok=True)

    def _path(self, session_id: str) -> Path:
        if not _SESSION_ID.match(session_id):
            raise AssistantError(
                f"'{session_id}' is not a valid session id: use letters, digits, '-', '_' or '.'."
            )
        return self.directory / f"{session_id}.json"

    def load(self, session_id: str) -> Conversation:
        """The saved conversation, or a new empty one with this id."""
        path = self._path(session_id)
        if not path.exists():
            return Conversation(id=session_id)
        try:
            return Conversation.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise AssistantError(
                f"The chat session file {path} is unreadable ({err}); delete it to start afresh."
            ) from err

    def save(self, conversation: Conversation) -> Path:
        path = self._path(conversation.id)
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=path.name + ".", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(conversation.to_dict(), fh, ensure_ascii=False, indent=1)
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)
        return path
