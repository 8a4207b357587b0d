"""Keeping every request inside the model's context window, so a chat never fails mid-answer.

Prompts do not grow with the conversation (each turn sends only the fixed system prompt, the
products found and the message), but a small context setting (512 tokens is allowed) or long
product text, Chinese especially, can still exceed it; llama.cpp then refuses the request. The
lowest-ranked products are dropped until the prompt plus the answer fit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from engine.llm.chat_api import ChatAPI, Message
from engine.records import Product

log = logging.getLogger(__name__)


def fits(model: ChatAPI, messages: Sequence[Message], answer_tokens: int) -> bool:
    """True when the prompt and ``answer_tokens`` of answer fit in the model's context."""
    return model.count_tokens(messages) + answer_tokens <= model.context_size


def fit_products(
    model: ChatAPI,
    build: Callable[[list[Product]], list[Message]],
    products: Sequence[Product],
    answer_tokens: int,
) -> list[Product]:
    """The best-ranked prefix of ``products`` whose prompt leaves room for the answer.

    Returns an empty list when not even one product fits.
    """
    kept = list(products)
    while kept and not fits(model, build(kept), answer_tokens):
        kept.pop()
    if len(kept) < len(products):
        log.info("context of %d tokens: kept %d of %d products in the prompt",
                 model.context_size, len(kept), len(products))
    return kept
