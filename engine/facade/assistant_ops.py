"""The facade's assistant (``aisle.assistant``): conversations and the saved chats, streamed
answers, the comparison's verdict, and the blocking helper every caller uses to consume an
answer's events."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial

from engine.assistant.assistant import Assistant
from engine.assistant.chat_store import ChatStore
from engine.assistant.conversation import Conversation
from engine.assistant.public import EventHandler, ask_events, final_answer
from engine.facade.catalog_ops import comparable
from engine.facade.shared import ActiveCatalog
from engine.llm.host import ChatModelHost
from engine.progress import NEVER_CANCELLED, CancelToken, ProgressCallback, no_progress
from engine.records import Answer, AskEvent, ChatSummary


class AssistantOps:
    """The shopping assistant over the active catalog, and the shopper's saved chats."""

    def __init__(self, catalog: ActiveCatalog, host: ChatModelHost,
                 chats: Callable[[], ChatStore]) -> None:
        """Args:
            host: the chat model, loaded on the first answer that needs it.
        """
        self._catalog = catalog
        self._host = host
        self._chats = chats
        self._assistant: Assistant | None = None

    def _over_catalog(self) -> Assistant:
        """The assistant of the active catalog (one per catalog: it reads its facts once)."""
        with self._catalog.lock:
            catalog = self._catalog()
            if self._assistant is None or self._assistant.catalog is not catalog:
                self._assistant = Assistant(catalog, self._host)
            return self._assistant

    def conversation(self, session_id: str | None = None) -> Conversation:
        """A new conversation, or the one saved under ``session_id`` (new if none is).

        Raises:
            AssistantError: the id is not valid, or its saved file is unreadable.
        """
        if session_id is None:
            return Conversation()
        return self._chats().load(session_id)

    def save_conversation(self, conversation: Conversation) -> None:
        """Keep ``conversation`` under its id among the saved chats (follow-ups continue it)."""
        self._chats().save(conversation)

    def chats(self, *, containing: str = "") -> list[ChatSummary]:
        """The saved chats, most recently used first; with ``containing``, only those whose
        name or messages contain it."""
        return self._chats().chats(containing)

    def rename_chat(self, chat_id: str, name: str) -> Conversation:
        """Name a saved chat (an empty name: its first question again).

        Raises:
            AssistantError: there is no saved chat with this id.
        """
        return self._chats().rename(chat_id, name)

    def delete_chat(self, chat_id: str) -> bool:
        """Delete a saved chat for good (its text is scrubbed from the file); False if none."""
        return self._chats().delete(chat_id)

    def delete_all_chats(self) -> int:
        """Delete every saved chat for good; returns how many there were."""
        return self._chats().delete_all()

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
        assistant = self._over_catalog().with_model(partial(self._host, progress))
        for event in ask_events(assistant.ask(message, conversation, cancel)):
            if event.answer is not None:
                conversation.remember_answer(message, event.answer)
            yield event

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
        events = self._over_catalog().ask_about(product_id, question, chat, cancel)
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

    def compare_verdict(self, product_ids: Sequence[str], language: str = "en", *,
                        cancel: CancelToken = NEVER_CANCELLED) -> tuple[str, str]:
        """The chat model's short verdict on these products side by side (checked against
        them), or one from the catalog data without a model: (text, "model" or "catalog").

        Raises:
            AssistantError: not 2 to 4 products of the catalog.
            Cancelled: ``cancel`` was set.
        """
        assistant = self._over_catalog()
        return assistant.verdict(comparable(assistant.catalog, product_ids), language, cancel)
