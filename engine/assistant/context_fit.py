"""Keeping every request inside the model's context window, so a chat never fails mid-answer.

Prompts do not grow with the conversation (each turn sends the fixed system prompt, the
products found, the message and at most two earlier messages), but a small context setting
(512 tokens is allowed) or long product text, Chinese especially, can still exceed it; llama.cpp
then refuses the request. Parts are given up in the order a shopper would miss them least.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from engine.llm.chat_api import ChatAPI, Message
from engine.records import Product

log = logging.getLogger(__name__)

SHORT_MESSAGE_CHARS = 120
LEAST_ANSWER_TOKENS = 96  # room for a summary and one pick; unfinished picks are filled in
TurnPrompt = Callable[[list[Product], list[str], str], list[Message]]


@dataclass(frozen=True)
class FittedTurn:
    """What of one turn goes into the prompt, and how many tokens the answer may take."""

    products: list[Product]
    previous: list[str]
    message: str
    answer_tokens: int


def fits(model: ChatAPI, messages: Sequence[Message], answer_tokens: int) -> bool:
    """True when the prompt and ``answer_tokens`` of answer fit in the model's context."""
    return _room(model, messages) >= answer_tokens


def _room(model: ChatAPI, messages: Sequence[Message]) -> int:
    return model.context_size - model.count_tokens(messages)


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


def fit_turn(model: ChatAPI, build: TurnPrompt, products: Sequence[Product],
             previous: Sequence[str], message: str, answer_tokens: int) -> FittedTurn | None:
    """Give up, in order, until the prompt leaves room for the answer: earlier messages
    (oldest first), the end of a long message, the lowest-ranked products, and at last part of
    the answer (down to :data:`LEAST_ANSWER_TOKENS`). None when even that does not fit."""
    if not products:
        return None
    earlier = list(previous)
    while earlier and not fits(model, build(list(products), earlier, message), answer_tokens):
        earlier.pop(0)
    if not fits(model, build(list(products), earlier, message), answer_tokens):
        message = message[:SHORT_MESSAGE_CHARS]
    kept = fit_products(model, lambda ps: build(ps, earlier, message), products, answer_tokens)
    if kept:
        return FittedTurn(kept, earlier, message, answer_tokens)
    room = _room(model, build(list(products[:1]), earlier, message))
    if room < LEAST_ANSWER_TOKENS:
        return None
    log.info("context of %d tokens: one product and %d answer tokens", model.context_size, room)
    return FittedTurn(list(products[:1]), earlier, message, room)
