"""The shopping assistant: intent, grounded answers with citations, comparison, fallback."""

from __future__ import annotations

from engine.assistant.assistant import Assistant, ModelProvider
from engine.assistant.chat_store import ChatStore
from engine.assistant.conversation import Conversation
from engine.assistant.intent import Intent
from engine.assistant.results import AnswerEvent, AnswerResult

__all__ = [
    "AnswerEvent",
    "AnswerResult",
    "Assistant",
    "ChatStore",
    "Conversation",
    "Intent",
    "ModelProvider",
]
