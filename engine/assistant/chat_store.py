"""``chats.db``: the shopper's saved chats, listed newest first, searchable, renamed, deleted.

One row per chat holds the whole conversation (the assistant's state and every message as
shown) as JSON, with its words folded to lower case for search. Deleting is real, as for the
history: ``secure_delete`` zeroes freed pages, then VACUUM and a truncating WAL checkpoint.
Chats saved by earlier versions as ``sessions/<id>.json`` are moved in on first open.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from pathlib import Path

from engine import db
from engine.assistant.conversation import Conversation, check_id
from engine.errors import AssistantError
from engine.records import ChatSummary

log = logging.getLogger(__name__)

DB_NAME = "chats.db"
LEGACY_DIR = "sessions"

MIGRATIONS: list[db.Migration] = [
    (
        "m001_chats",
        """
        CREATE TABLE chats (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            created REAL NOT NULL,
            updated REAL NOT NULL,
            messages INTEGER NOT NULL,
            body TEXT NOT NULL,
            words TEXT NOT NULL
        );
        CREATE INDEX chats_updated ON chats(updated);
        """,
    ),
]


class ChatStore:
    """The saved chats of one data directory. Thread-safe: a lock guards the connection."""

    def __init__(self, data_dir: Path | str) -> None:
        self.path = Path(data_dir) / DB_NAME
        self._conn = db.open_store(self.path, MIGRATIONS, fail=lambda why: AssistantError(
            "The saved chats in {path} cannot be opened ({reason}). Move the file aside to "
            "start with no saved chats.", path=self.path, reason=why))
        self._lock = threading.RLock()
        self._adopt_session_files(Path(data_dir) / LEGACY_DIR)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def load(self, chat_id: str) -> Conversation:
        """The saved chat, or a new empty one with this id.

        Raises:
            AssistantError: the id is not valid, or the saved chat is unreadable.
        """
        with self._lock:
            row = self._conn.execute("SELECT body FROM chats WHERE id = ?",
                                     (check_id(chat_id),)).fetchone()
        if row is None:
            return Conversation(id=chat_id)
        try:
            return Conversation.from_dict(json.loads(row["body"]))
        except (ValueError, KeyError, TypeError) as err:
            raise AssistantError("The saved chat {chat_id} is unreadable ({reason}); delete it "
                                 "to start afresh.", chat_id=chat_id, reason=str(err)) from err

    def save(self, conversation: Conversation) -> None:
        """Keep ``conversation`` as it is now (replacing what was saved under its id)."""
        body = json.dumps(conversation.to_dict(), ensure_ascii=False)
        words = "\n".join([conversation.name, *(m.text for m in conversation.messages)])
        with self._lock, db.transaction(self._conn):
            self._conn.execute(
                "INSERT OR REPLACE INTO chats(id, title, created, updated, messages, body, words)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (check_id(conversation.id), conversation.title, conversation.created,
                 time.time(), len(conversation.messages), body, words.casefold()))

    def chats(self, containing: str = "") -> list[ChatSummary]:
        """Saved chats, most recently used first; only those whose name or messages contain
        ``containing`` (any case) when it is given."""
        sql = "SELECT id, title, created, updated, messages FROM chats"
        params: tuple[str, ...] = ()
        if containing.strip():
            sql += " WHERE instr(words, ?) > 0"
            params = (" ".join(containing.split()).casefold(),)
        with self._lock:
            rows = self._conn.execute(sql + " ORDER BY updated DESC, id", params).fetchall()
        return [ChatSummary(r["id"], r["title"], r["created"], r["updated"], r["messages"])
                for r in rows]

    def rename(self, chat_id: str, name: str) -> Conversation:
        """Give the saved chat a name (empty: its first question again); returns it.

        Raises:
            AssistantError: there is no saved chat with this id.
        """
        with self._lock:
            if not self._exists(chat_id):
                raise AssistantError("There is no saved chat {chat_id} to rename.",
                                     chat_id=chat_id)
            conversation = self.load(chat_id)
            conversation.rename(name)
            self.save(conversation)
        return conversation

    def delete(self, chat_id: str) -> bool:
        """Delete the chat for good; False if there was none with this id."""
        with self._lock:
            with db.transaction(self._conn):
                deleted = self._conn.execute("DELETE FROM chats WHERE id = ?",
                                             (check_id(chat_id),)).rowcount
            db.scrub(self._conn, self.path)
        return bool(deleted)

    def delete_all(self) -> int:
        """Delete every saved chat for good; returns how many there were."""
        with self._lock:
            with db.transaction(self._conn):
                deleted = self._conn.execute("DELETE FROM chats").rowcount
            db.scrub(self._conn, self.path)
        return deleted

    def _exists(self, chat_id: str) -> bool:
        return self._conn.execute("SELECT 1 FROM chats WHERE id = ?",
                                  (check_id(chat_id),)).fetchone() is not None

    def _adopt_session_files(self, directory: Path) -> None:
        """Move chats saved as JSON files into the database; an unreadable file stays."""
        for path in sorted(directory.glob("*.json")) if directory.is_dir() else ():
            try:
                conversation = Conversation.from_dict(json.loads(path.read_text("utf-8")))
                with self._lock:
                    if not self._exists(conversation.id):
                        self.save(conversation)
            except (OSError, ValueError, KeyError, TypeError, AssistantError) as err:
                log.warning("the saved chat %s was not moved into %s: %s", path, DB_NAME, err)
                continue
            path.unlink()
        if directory.is_dir() and not any(directory.iterdir()):
            directory.rmdir()
