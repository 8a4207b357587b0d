"""The answer the model helps write: cards at once, a lead line, then its picks as they complete.

The model only chooses among products that already keep every limit and says why in one
line each (JSON through llama.cpp's grammar); this module checks each reason against its
product, fills in picks the model did not finish, and composes the text in the shopper's
language.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Generator, Sequence
from dataclasses import dataclass

from engine.assistant import compose, picks, prompts
from engine.assistant.claims import reason_ok, speaks_of_shopper, whole_sentences
from engine.assistant.constraints import Constraints
from engine.assistant.intent import Intent
from engine.assistant.results import AnswerEvent, AnswerResult, TurnEvents, limits_dict
from engine.llm.chat_api import ChatAPI
from engine.progress import CancelToken
from engine.records import Product

log = logging.getLogger(__name__)

PICK_TOKENS = 220
SUMMARY_TOKENS = 48


@dataclass(frozen=True)
class Request:
    """One grounded turn: what was asked, what it rules out, and the candidates that fit."""

    message: str
    intent: Intent
    limits: Constraints
    fitted: Sequence[Product]  # best first, already cut to what fits the model's context
    previous: Sequence[str]  # the shopper's earlier messages in this conversation
    answer_tokens: int = PICK_TOKENS  # fewer when the context is small

    @property
    def language(self) -> str:
        return self.intent.language

    def messages(self) -> list[dict[str, str]]:
        return picks.messages(self.message, list(self.fitted), self.language,
                              list(self.previous))


def answer(request: Request, model: ChatAPI, started: float,
           cancel: CancelToken) -> TurnEvents:
    """Stream the grounded answer; returns its :class:`AnswerResult`."""
    yield AnswerEvent("cards", products=tuple(request.fitted))
    count = min(picks.MAX_PICKS, len(request.fitted))
    lead = compose.lead(count, request.limits, request.language)
    yield AnswerEvent("token", lead + "\n")
    ttft = (time.perf_counter() - started) * 1000
    reader = picks.StreamReader()
    chosen: list[picks.Pick] = []
    summary = yield from _model_picks(request, model, reader, chosen, cancel)
    for product in request.fitted:  # the model stopped early: the best remaining candidates
        if len(chosen) >= count:
            break
        if all(c.product.id != product.id for c in chosen):
            chosen.append(pick_of(product, "", request.language, request.limits,
                                  request.message))
            yield pick_event(len(chosen), chosen[-1], request.limits)
    log.info("picks from the model: %s", reader.text)
    follow = picks.follow_ups_ok(reader.result().get("follow_ups"), request.language,
                                 list(request.previous))
    return _result(request, model, lead, summary, chosen, follow, ttft)


def answer_in_search_order(request: Request, model: ChatAPI, started: float,
                           cancel: CancelToken) -> TurnEvents:
    """The best candidates in the search's own order, each with a reason from its listing,
    shown at once; the model then writes one sentence about them, shown only if the
    products' fields bear it out. Returns the :class:`AnswerResult`."""
    yield AnswerEvent("cards", products=tuple(request.fitted))
    count = min(picks.MAX_PICKS, len(request.fitted))
    lead = compose.lead(count, request.limits, request.language)
    yield AnswerEvent("token", lead + "\n")
    ttft = (time.perf_counter() - started) * 1000
    chosen: list[picks.Pick] = []
    for product in request.fitted[:count]:
        chosen.append(pick_of(product, "", request.language, request.limits, request.message))
        yield pick_event(len(chosen), chosen[-1], request.limits)
    products = [c.product for c in chosen]
    text = model.chat(prompts.summary_messages(request.message, products, request.language),
                      max_tokens=SUMMARY_TOKENS, temperature=0.0, cancel=cancel)
    summary = first_sentence(text)
    if speaks_of_shopper(summary) or not picks.grounded(
            summary, products, request.language, request.limits.budget_numbers(),
            request.message):
        log.info("summary refused: %s", text)
        summary = ""
    if summary:
        yield AnswerEvent("token", summary + "\n")
    return _result(request, model, lead, summary, chosen, [], ttft)


def first_sentence(text: str) -> str:
    """The first whole sentence of the model's text ("" when it never ends one)."""
    found = whole_sentences(text.strip().splitlines()[0] if text.strip() else "")
    return found[0].strip() if found else ""


def _model_picks(request: Request, model: ChatAPI, reader: picks.StreamReader,
                 chosen: list[picks.Pick], cancel: CancelToken,
                 ) -> Generator[AnswerEvent, None, str]:
    """The model's summary and picks, each streamed once it is complete; returns the summary."""
    by_id = {p.id: p for p in request.fitted}
    summary = ""
    stream = model.stream_chat(
        request.messages(), max_tokens=request.answer_tokens, temperature=0.0, cancel=cancel,
        response_format={"type": "json_object", "schema": picks.schema(list(request.fitted))})
    for piece in stream:
        for part in reader.feed(piece):
            if part[0] == "summary":
                if picks.grounded(part[1], list(request.fitted), request.language,
                                  request.limits.budget_numbers(), request.message):
                    summary = part[1].strip()
                    yield AnswerEvent("token", summary + "\n")
                continue
            product = by_id.get(part[1])
            if product is None or any(c.product.id == product.id for c in chosen):
                continue
            chosen.append(pick_of(product, part[2], request.language, request.limits,
                                  request.message, [c.reason for c in chosen]))
            yield pick_event(len(chosen), chosen[-1], request.limits)
    return summary


def pick_event(number: int, pick: picks.Pick, limits: Constraints) -> AnswerEvent:
    """A pick's line, with its product and reason for the card it goes under."""
    return AnswerEvent("token", compose.pick_line(number, pick, limits) + "\n",
                       products=(pick.product,), reason=pick.reason)


def _result(request: Request, model: ChatAPI, lead: str, summary: str,
            chosen: list[picks.Pick], follow_ups: list[str], ttft: float) -> AnswerResult:
    cited = [c.product for c in chosen]
    limits, language = request.limits, request.language
    follow = follow_ups or compose.default_follow_ups(cited, limits.type_terms, language)
    stats = model.last_stats
    text = "\n".join([lead, *([summary] if summary else []),
                      *(compose.pick_line(n, c, limits) for n, c in enumerate(chosen, 1))])
    return AnswerResult(
        answer=text, cited_ids=[p.id for p in cited], intent=request.intent.to_dict(),
        mode="model", products=cited, ttft_ms=ttft, tokens_per_s=stats.tokens_per_s,
        stats=stats, summary=summary, lead=lead, follow_ups=follow,
        picks=[{"id": c.product.id, "reason": c.reason, "reason_source": c.reason_source}
               for c in chosen],
        candidates=[p.id for p in request.fitted], constraints=limits_dict(limits),
    )


def pick_of(product: Product, reason: str, language: str, limits: Constraints,
            message: str = "", others: Sequence[str] = ()) -> picks.Pick:
    """The model's reason when the catalog bears it out (and it is whole, about this product
    and not another pick's reason again), else one built from the catalog."""
    if reason and picks.grounded(reason, [product], language, limits.budget_numbers(),
                                 message) and reason_ok(reason, product, others, message):
        return picks.Pick(product, " ".join(reason.split()), "model")
    return picks.Pick(product, picks.catalog_reason(product, language, limits, message),
                      "catalog")
