"""The facade's assistant operations: conversations and the saved chats, streamed answers, and
the blocking helper every caller uses to consume an answer's events."""

from __future__ import annotations

from collections.abc import Iterator

from engine.assistant.conversation import Conversation
from engine.assistant.public import EventHandler, ask_events, final_answer
from engine.facade.parts import Parts
from engine.progress import NEVER_CANCELLED, CancelToken, ProgressCallback, no_progress
from engine.records import Answer, AskEvent, ChatSummary


class AssistantOps:
    _parts: Parts

    def conversation(self, session_id: str | None = None) -> Conversation:
        """A new conversation, or the one saved under ``session_id`` (new if none is).

        Raises:
            AssistantError: the id is not valid, or its saved file is unreadable.
        """
        if session_id is None:
            return Conversation()
        return self._parts.chats().load(session_id)

    def save_conversation(self, conversation: Conversation) -> None:
        """Keep ``conversation`` under its id among the saved chats (follow-ups continue it)."""
        self._parts.chats().save(conversation)

    def chats(self, *, containing: str = "") -> list[ChatSummary]:
        """The saved chats, most recently used first; with ``containing``, only those whose
        name or messages contain it."""
        return self._parts.chats().chats(containing)

    def rename_chat(self, chat_id: str, name: str) -> Conversation:
        """Name a saved chat (an empty name: its first question again).

        Raises:
            AssistantError: there is no saved chat with this id.
        """
        return self._parts.chats().rename(chat_id, name)

    def delete_chat(self, chat_id: str) -> bool:
        """Delete a saved chat for good (its text is scrubbed from the file); False if none."""
        return self._parts.chats().delete(chat_id)

    def delete_all_chats(self) -> int:
        """Delete every saved chat for good; returns how many there were."""
        return self._parts.chats().delete_all()

    def ask(self, message: str, conversation: Conversation, *,
            cancel: CancelToken = NEVER_CANCELLED,
            progress: ProgressCallback = no_progress) -> Iterator[AskEvent]:
        """Answer one message of ``conversation``: "cards" and "token" events as the answer is
        written, then one "final" event with the :class:`Answer` (the question and answer are
        then in ``conversation.messages``). Without a usable chat model the answer lists the
        best matches from the catalog and says why.

        Args:
            progress: shown while a built-in model is joined on its first use.

        Raises:
            Cancelled: ``cancel`` was set (the conversation is left unchanged).
        """
        host = self._parts.host()
        host.progress = progress
        try:
            for event in ask_events(self._parts.assistant().ask(message, conversation, cancel)):
                if event.answer is not None:
                    conversation.remember_answer(message, event.answer)
                yield event
        finally:
            host.progress = no_progress

    def ask_about(self, product_id: str, question: str, *,
                  conversation: Conversation | None = None,
                  cancel: CancelToken = NEVER_CANCELLED) -> Iterator[AskEvent]:
        """A question asked on a product's page ("Ask about this product"): answered from that
        product's own fields, as the chat answers it, with its card; events as :meth:`ask`.
        ``conversation`` keeps the page's questions together (a new one when not given). It
        never loads the chat model, so it may run beside a chat answer.

        Raises:
            Cancelled: ``cancel`` was set.
        """
        chat = conversation if conversation is not None else Conversation()
        events = self._parts.assistant().ask_about(product_id, question, chat, cancel)
        for event in ask_events(events):
            if event.answer is not None:
                chat.remember_answer(question, event.answer)
            yield event

    def answer(self, message: str, conversation: Conversation, *,
               cancel: CancelToken = NEVER_CANCELLED, progress: ProgressCallback = no_progress,
               on_event: EventHandler | None = None) -> Answer:
        """:meth:`ask`, consumed: each event goes to ``on_event``; returns the final answer.

        Raises:
            AssistantError: the assistant stopped without an answer.
            Cancelled: ``cancel`` was set.
        """
        return final_answer(self.ask(message, conversation, cancel=cancel, progress=progress),
                            on_event)
