"""The shopping assistant: understand the message, search the catalog, answer from what was found.

``Assistant.ask`` is a plain iterator of events (tokens, then one final event), so the CLI
prints tokens as they come and the GUI's worker forwards them to the widget. Without a model
the same call answers with a templated list of the best matches and says why.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from engine.assistant import prompts
from engine.assistant.answer import retrieval_only_answer, validate_answer
from engine.assistant.compare import comparison_table, template_verdict
from engine.assistant.context_fit import fit_products, fits
from engine.assistant.conversation import Conversation
from engine.assistant.intent import CJK, Intent, detect_language, extract_intent
from engine.errors import ModelCrashed, ModelError
from engine.llm.chat_api import ChatAPI, GenerationStats
from engine.progress import NEVER_CANCELLED, CancelToken
from engine.records import Product, SearchFilters, SearchResult

log = logging.getLogger(__name__)

TOP_K = 5
ANSWER_TOKENS = 200
VERDICT_TOKENS = 120
CONTEXT_TOO_SMALL = "the model's context size (Settings → Model) is too small for this question"
ModelProvider = Callable[[], ChatAPI]


class SearchableCatalog(Protocol):
    def search(self, query: str, *, filters: SearchFilters = ..., sort: str = ...,
               limit: int = ...) -> SearchResult: ...

    def get(self, product_id: str) -> Product | None: ...

    def get_many(self, ids: Sequence[str]) -> list[Product]: ...


@dataclass
class AnswerResult:
    """Everything the GUI needs after an answer: the text, the cards, and how fast it was."""

    answer: str
    cited_ids: list[str]
    intent: dict[str, Any]
    mode: str  # "model", "retrieval-only" or "comparison"
    products: list[Product] = field(default_factory=list)
    ttft_ms: float = 0.0
    tokens_per_s: float = 0.0
    reason: str = ""
    stats: GenerationStats | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "answer": self.answer,
            "cited_ids": self.cited_ids,
            "intent": self.intent,
            "ttft_ms": round(self.ttft_ms, 1),
            "tokens_per_s": round(self.tokens_per_s, 2),
            "mode": self.mode,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class AnswerEvent:
    """``token``: more text; ``reset``: discard the text so far (a regenerated answer follows);
    ``model_stopped``: the model's process died (``text`` says how), discard the text so far,
    an answer from search alone follows; ``final``: the validated answer in ``result``."""

    kind: str
    text: str = ""
    result: AnswerResult | None = None


class Assistant:
    """Answers shopping questions from one catalog with one (optional) local model."""

    def __init__(self, catalog: SearchableCatalog, model_provider: ModelProvider | None,
                 *, top_k: int = TOP_K, model_intent: str = "auto") -> None:
        """Args:
            model_intent: when the model reads the intent: "always", "never", or "auto" (only
                when the message's language differs from the catalog's and needs translating;
                otherwise the rules and hybrid search understand it, saving seconds of TTFT).
        """
        self.catalog = catalog
        self._provider = model_provider
        self.top_k = top_k
        self.model_intent = model_intent
        self._catalog_facts: tuple[str, list[str]] | None = None

    def model(self) -> tuple[ChatAPI | None, str]:
        """The model, or None and the reason it cannot be used."""
        if self._provider is None:
            return None, "no chat model is configured"
        try:
            return self._provider(), ""
        except ModelError as err:
            log.warning("answering without a model: %s", err)
            return None, str(err)

    def catalog_facts(self) -> tuple[str, list[str]]:
        """(catalog language, top-level categories), read once from a sample of the catalog."""
        if self._catalog_facts is None:
            sample = self.catalog.search("", limit=200)
            titles = "".join(h.product.title for h in sample.hits)
            cjk_share = len(CJK.findall(titles)) / max(1, len(titles))
            language = "Chinese" if cjk_share > 0.3 else "English"
            categories = [f.value for f in sample.facets.get("category", [])]
            self._catalog_facts = (language, categories)
        return self._catalog_facts

    # ----- the conversation turn ------------------------------------------------------------

    def ask(self, message: str, conversation: Conversation,
            cancel: CancelToken = NEVER_CANCELLED) -> Iterator[AnswerEvent]:
        """Answer one message; yields token events, then one ``final`` event.

        Raises:
            Cancelled: ``cancel`` was set (the conversation is left unchanged).
        """
        started = time.perf_counter()
        model, reason = self.model()
        intent = self._intent(message, conversation, model, cancel)
        log.info("intent in %.0f ms: %s", (time.perf_counter() - started) * 1000, intent)
        cancel.check()
        if intent.is_comparison:
            turn = self._compare(message, intent, model, reason, started, cancel,
                                 len(conversation.shown_ids))
        else:
            products = self._retrieve(intent, message)
            cancel.check()
            if model is None:
                turn = self._retrieval_only(products, intent, reason, started)
            else:
                turn = self._grounded(message, intent, products, model, started, cancel)
        try:
            result = yield from turn
        except ModelCrashed as err:
            log.info("answering from search alone: %s", err)
            yield AnswerEvent("model_stopped", str(err))
            products = (self.catalog.get_many(intent.referenced_ids) if intent.is_comparison
                        else self._retrieve(intent, message))
            result = yield from self._retrieval_only(products, intent, str(err), started)
        shown = result.cited_ids + [p.id for p in result.products if p.id not in result.cited_ids]
        conversation.record(message, result.answer, result.cited_ids, result.intent, shown)
        yield AnswerEvent("final", result=result)

    def _intent(self, message: str, conversation: Conversation, model: ChatAPI | None,
                cancel: CancelToken) -> Intent:
        language, categories = self.catalog_facts()
        user_language = "Chinese" if detect_language(message) == "zh" else "English"
        use_model = self.model_intent == "always" or (
            self.model_intent == "auto" and user_language != language)
        return extract_intent(
            message, conversation, model=model if use_model else None, categories=categories,
            messages_for=lambda m, c: prompts.intent_messages(m, language, categories),
            lookup=self.catalog.get, cancel=cancel,
        )

    def _retrieve(self, intent: Intent, message: str) -> list[Product]:
        """Best matches for the intent; loosen the category, then try the shopper's own words."""
        filters = SearchFilters(min_price=intent.min_price, max_price=intent.max_price)
        phrase = " ".join([intent.search_phrase, *intent.attributes]).strip()
        hits = self._search(phrase, filters, intent.sort)
        if intent.category:  # a soft preference: a small model's category guess is often wrong
            hits.sort(key=lambda p: not p.category.startswith(intent.category or ""))
        if intent.is_followup:  # the shopper's words ("cheaper ones?") are no search on their own
            return self._with_referenced(intent, hits)
        if len(hits) < self.top_k and phrase != message:
            seen = {p.id for p in hits}
            hits += [p for p in self._search(message, filters, intent.sort) if p.id not in seen]
        return self._with_referenced(intent, hits)

    def _with_referenced(self, intent: Intent, hits: list[Product]) -> list[Product]:
        """Products the shopper pointed at ("the second one") come first."""
        referenced = [p for p in self.catalog.get_many(intent.referenced_ids)
                      if p.id not in {h.id for h in hits}]
        return (referenced + hits)[: self.top_k]

    def _search(self, query: str, filters: SearchFilters, sort: str) -> list[Product]:
        result = self.catalog.search(query, filters=filters, sort=sort, limit=self.top_k)
        return [h.product for h in result.hits]

    # ----- answer modes ---------------------------------------------------------------------

    def _retrieval_only(self, products: list[Product], intent: Intent, reason: str,
                        started: float) -> Iterator[AnswerEvent]:
        text = retrieval_only_answer(products, intent.language, reason)
        yield AnswerEvent("token", text)
        return AnswerResult(
            answer=text, cited_ids=[p.id for p in products], intent=intent.to_dict(),
            mode="retrieval-only", products=products, reason=reason,
            ttft_ms=(time.perf_counter() - started) * 1000,
        )

    def _fixed_answer(self, text: str, intent: Intent, started: float,
                      ) -> Iterator[AnswerEvent]:
        yield AnswerEvent("token", text)
        return AnswerResult(answer=text, cited_ids=[], intent=intent.to_dict(), mode="model",
                            ttft_ms=(time.perf_counter() - started) * 1000)

    def _grounded(self, message: str, intent: Intent, products: list[Product],
                  model: ChatAPI, started: float,
                  cancel: CancelToken) -> Iterator[AnswerEvent]:
        if not products:
            return (yield from self._fixed_answer(prompts.NO_MATCH[intent.language], intent,
                                                  started))
        fitted = fit_products(model, lambda ps: prompts.answer_messages(
            message, ps, intent.language, [prompts.STRICTER_NOTE[intent.language]]),
            products, ANSWER_TOKENS)
        if not fitted:
            return (yield from self._retrieval_only(products, intent, CONTEXT_TOO_SMALL, started))
        products = fitted
        budget = [v for v in (intent.min_price, intent.max_price) if v is not None]
        messages = prompts.answer_messages(message, products, intent.language)
        text, ttft = yield from self._stream(model, messages, ANSWER_TOKENS, started, cancel)
        stats = model.last_stats
        checked = validate_answer(text, products, budget)
        if not checked.ok:
            log.info("regenerating: unknown ids %s, prices %s", checked.unknown_ids,
                     checked.unknown_prices)
            yield AnswerEvent("reset")
            messages = prompts.answer_messages(message, products, intent.language,
                                               [prompts.STRICTER_NOTE[intent.language]])
            text, _ = yield from self._stream(model, messages, ANSWER_TOKENS, None, cancel)
            checked = validate_answer(text, products, budget)
        answer = checked.text or retrieval_only_answer(products, intent.language, "")
        return AnswerResult(
            answer=answer, cited_ids=checked.cited_ids, intent=intent.to_dict(), mode="model",
            products=products, ttft_ms=ttft, tokens_per_s=stats.tokens_per_s, stats=stats,
        )

    def _stream(self, model: ChatAPI, messages: list[dict[str, str]], max_tokens: int,
                started: float | None, cancel: CancelToken) -> Iterator[AnswerEvent]:
        """Forward tokens as events; return (full text, ms from ``started`` to first token)."""
        pieces: list[str] = []
        ttft = 0.0
        for piece in model.stream_chat(messages, max_tokens=max_tokens, temperature=0.2,
                                       cancel=cancel):
            if not pieces and started is not None:
                ttft = (time.perf_counter() - started) * 1000
            pieces.append(piece)
            yield AnswerEvent("token", piece)
        return "".join(pieces), ttft

    def _compare(self, message: str, intent: Intent, model: ChatAPI | None, reason: str,
                 started: float, cancel: CancelToken, shown: int) -> Iterator[AnswerEvent]:
        products = self.catalog.get_many(intent.referenced_ids)
        if len(products) < 2:
            text = prompts.PICK_TWO[intent.language].format(n=shown)
            return (yield from self._fixed_answer(text, intent, started))
        table = comparison_table(products, intent.language)
        yield AnswerEvent("token", table + "\n\n")
        ttft = (time.perf_counter() - started) * 1000
        verdict, stats = template_verdict(products, intent.language), None
        messages = prompts.verdict_messages(message, table, intent.language)
        if model is not None and fits(model, messages, VERDICT_TOKENS):
            text, _ = yield from self._stream(model, messages, VERDICT_TOKENS, None, cancel)
            stats = model.last_stats
            verdict = validate_answer(text, products).text or verdict
        else:
            yield AnswerEvent("token", verdict)
        return AnswerResult(
            answer=f"{table}\n\n{verdict}", cited_ids=[p.id for p in products],
            intent=intent.to_dict(), mode="comparison", products=products, ttft_ms=ttft,
            tokens_per_s=stats.tokens_per_s if stats else 0.0, reason=reason, stats=stats,
        )
