"""The shopping assistant: understand the message, search the catalog, answer from what was found.

``Assistant.ask`` is a plain iterator of events (tokens, then one final event), so the CLI
prints tokens as they come and the GUI's worker forwards them to the widget. Without a model
the same call answers with a templated list of the best matches and says why.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterator

from engine.assistant import compose, grounded, picks, prompts
from engine.assistant.answer import retrieval_only_answer
from engine.assistant.compare import comparison_table, template_verdict, usable_verdict
from engine.assistant.constraints import (
    Constraints,
    latin_words,
    read_constraints,
    zh_brand_names,
    zh_qualifiers,
    zh_type,
)
from engine.assistant.context_fit import fit_turn, fits
from engine.assistant.conversation import Conversation
from engine.assistant.intent import Intent, detect_language, extract_intent, is_request
from engine.assistant.results import AnswerEvent, AnswerResult, limits_dict
from engine.catalog.protocol import SearchableCatalog
from engine.crosslingual import glossary
from engine.errors import ModelCrashed, ModelError
from engine.llm.chat_api import ChatAPI
from engine.messages import Message
from engine.progress import NEVER_CANCELLED, CancelToken
from engine.records import Product, SearchFilters
from engine.text_analysis import CJK

log = logging.getLogger(__name__)

TOP_K = 5
UNLABELLED_CURRENCY = "USD"
POOL = 20  # hybrid results read per search before the constraints are applied
VERDICT_TOKENS = 120
CONTEXT_TOO_SMALL = "the model's context size (Settings → Model) is too small for this question"
ModelProvider = Callable[[], ChatAPI]


def _fitting(hits: list[Product], limits: Constraints) -> list[Product]:
    """Hits within the budget and brand; of those, the ones of the asked type if there are any."""
    kept = [p for p in hits if limits.keeps_price(p) and limits.keeps_brand(p)]
    typed = [p for p in kept if limits.keeps_type(p)] or kept
    return [p for p in typed if limits.keeps_qualifiers(p)] or typed


class Assistant:
    """Answers shopping questions from one catalog with one (optional) local model."""

    def __init__(self, catalog: SearchableCatalog, model_provider: ModelProvider | None,
                 *, top_k: int = TOP_K, model_intent: str = "auto",
                 translation: str = "glossary") -> None:
        """Args:
            model_intent: when the model reads the intent: "always", "never", or "auto" (only
                when the message's language differs from the catalog's and needs translating;
                otherwise the rules and hybrid search understand it, saving seconds of TTFT).
            translation: who translates that need under "auto": "glossary" (the search's own
                word-by-word glossary, no model tokens before the first words) or "model"
                (docs/EVALUATION.md, Assistant answers, compares the two).
        """
        self.catalog = catalog
        self._provider = model_provider
        self.top_k = top_k
        self.model_intent = model_intent
        self.translation = translation
        self._catalog_facts: tuple[str, list[str]] | None = None
        self._limits_facts: tuple[list[str], str] | None = None

    def model(self) -> tuple[ChatAPI | None, str]:
        """The model, or None and the reason it cannot be used."""
        if self._provider is None:
            return None, Message("no chat model is configured")
        try:
            return self._provider(), ""
        except ModelError as err:
            log.warning("answering without a model: %s", err)
            return None, Message("{reason}", reason=err)

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

    def limits_facts(self) -> tuple[list[str], str]:
        """(the catalog's brands, its currency), read once; prices without a currency in the
        feed are taken as US dollars."""
        if self._limits_facts is None:
            self._limits_facts = (self.catalog.brands(),
                                  self.catalog.currency() or UNLABELLED_CURRENCY)
        return self._limits_facts

    def constraints(self, intent: Intent, message: str) -> Constraints:
        """The limits of this request, in the catalog's currency."""
        brands, currency = self.limits_facts()
        return read_constraints(message, phrase=intent.search_phrase, min_price=intent.min_price,
                                max_price=intent.max_price, brands=brands,
                                catalog_currency=currency)

    # ----- the conversation turn ------------------------------------------------------------

    def ask(self, message: str, conversation: Conversation,
            cancel: CancelToken = NEVER_CANCELLED) -> Iterator[AnswerEvent]:
        """Answer one message; yields token events, then one ``final`` event.

        Raises:
            Cancelled: ``cancel`` was set (the conversation is left unchanged).
        """
        started = time.perf_counter()
        if not is_request(message):
            turn = self._clarify(message, started)
            result = yield from turn
            yield AnswerEvent("final", result=result)
            return
        model, reason = self.model()
        intent = self._intent(message, conversation, model, cancel)
        log.info("intent in %.0f ms: %s", (time.perf_counter() - started) * 1000, intent)
        cancel.check()
        products: list[Product] = []
        if intent.is_comparison:
            turn = self._compare(message, intent, model, reason, started, cancel,
                                 len(conversation.shown_ids))
        else:
            limits = self.constraints(intent, message)
            products = self._retrieve(intent, message, limits)
            cancel.check()
            turn = self._answer_mode(message, intent, limits, products, (model, reason),
                                     started, conversation, cancel)
        try:
            result = yield from turn
        except ModelCrashed as err:
            log.info("answering from search alone: %s", err)
            yield AnswerEvent("model_stopped", str(err))
            if intent.is_comparison:
                products = self.catalog.get_many(intent.referenced_ids)
            result = yield from self._retrieval_only(products, intent, str(err), started)
        shown = result.cited_ids + [p.id for p in result.products if p.id not in result.cited_ids]
        conversation.record(message, result.answer, result.cited_ids, result.intent, shown)
        yield AnswerEvent("final", result=result)

    def verdict(self, products: list[Product], language: str,
                cancel: CancelToken = NEVER_CANCELLED) -> tuple[str, str]:
        """A short verdict on ``products`` side by side, for a comparison the shopper put
        together: the model's, checked against the products, or else one from the catalog data.
        Returns (text, "model" or "catalog").

        Raises:
            Cancelled: ``cancel`` was set.
        """
        table = comparison_table(products, language)
        messages = prompts.verdict_messages(prompts.WHICH_ONE[language], table, language)
        model, _ = self.model()
        if model is not None and fits(model, messages, VERDICT_TOKENS):
            try:
                text = model.chat(messages, max_tokens=VERDICT_TOKENS, temperature=0.2,
                                  cancel=cancel)
            except ModelError as err:  # a crash included: the catalog's verdict instead
                log.info("verdict from the catalog: %s", err)
            else:
                checked = usable_verdict(text, products, language)
                if checked:
                    return checked, "model"
        return template_verdict(products, language), "catalog"

    def _answer_mode(self, message: str, intent: Intent, limits: Constraints,
                     products: list[Product], model: tuple[ChatAPI | None, str], started: float,
                     conversation: Conversation, cancel: CancelToken) -> Iterator[AnswerEvent]:
        """Nothing fits, no model (search alone, saying why), or the model's grounded picks."""
        chat, reason = model
        if not products:
            return self._nothing_fits(intent, message, limits, started)
        if chat is None:
            return self._retrieval_only(products, intent, reason, started)
        return self._grounded(message, intent, limits, products, chat, started, conversation,
                              cancel)

    def _intent(self, message: str, conversation: Conversation, model: ChatAPI | None,
                cancel: CancelToken) -> Intent:
        language, categories = self.catalog_facts()
        user_language = "Chinese" if detect_language(message) == "zh" else "English"
        if self.model_intent == "always":
            return extract_intent(
                message, conversation, model=model, categories=categories,
                messages_for=lambda m, c: prompts.intent_messages(m, language, categories),
                lookup=self.catalog.get, cancel=cancel)
        across = self.model_intent == "auto" and user_language != language
        # Across languages the model only translates the need (a few tokens), or the glossary
        # does (none, so the first words come at once); budgets, brands and references are the
        # rules' anyway.
        by_model = across and self.translation == "model"
        intent = extract_intent(
            message, conversation, model=model if by_model else None, categories=categories,
            messages_for=lambda m, c: prompts.translate_messages(m, language),
            lookup=self.catalog.get, cancel=cancel, schema=None)
        if across and self.translation == "glossary" and language == "English":
            intent = dataclasses.replace(
                intent, search_phrase=glossary().translate(intent.search_phrase))
        return intent

    def _retrieve(self, intent: Intent, message: str, limits: Constraints) -> list[Product]:
        """Best matches that keep every limit; loosen the category, then try the shopper's own
        words. The product type is kept when the catalog has it (found by the request's words
        or by the type's own name), and dropped otherwise (the request's head noun is read by
        rules and may be wrong)."""
        filters = SearchFilters(min_price=limits.min_price, max_price=limits.max_price,
                                brand=limits.brand)
        phrase = self._phrase(intent, message)
        hits = self._search(phrase, filters, intent.sort)
        if intent.category:  # a soft preference: a small model's category guess is often wrong
            hits.sort(key=lambda p: not p.category.startswith(intent.category or ""))
        fitting = _fitting(hits, limits)
        if not intent.is_followup and len(fitting) < self.top_k and phrase != message:
            seen = {p.id for p in hits}
            hits += [p for p in self._search(message, filters, intent.sort) if p.id not in seen]
            fitting = _fitting(hits, limits)
        if limits.type_terms and not any(limits.keeps_type(p) for p in fitting) and any(
                limits.keeps_type(p) and not (limits.keeps_price(p) and limits.keeps_brand(p))
                for query in (phrase, limits.type_terms[0])
                for p in self._search(query, SearchFilters(), intent.sort)):
            return []  # the catalog has the type, only not within the budget or brand
        return self._with_referenced(intent, fitting)

    def _phrase(self, intent: Intent, message: str) -> str:
        """The search words: the intent's phrase, plus the English names of the product type and
        brand a Chinese request names over an English catalog (a small model's translation may
        drop them)."""
        phrase = " ".join([intent.search_phrase, *intent.attributes]).strip()
        if intent.language == "zh" and self.catalog_facts()[0] == "English":
            named = [zh_type(message), zh_brand_names(message), *latin_words(message),
                     *(forms[0] for forms in zh_qualifiers(message))]
            extra = [w for w in named if w and w.lower() not in phrase.lower()]
            phrase = " ".join([phrase, *extra]).strip()
        return phrase or message

    def _with_referenced(self, intent: Intent, hits: list[Product]) -> list[Product]:
        """Products the shopper pointed at ("the second one") come first."""
        referenced = [p for p in self.catalog.get_many(intent.referenced_ids)
                      if p.id not in {h.id for h in hits}]
        return (referenced + hits)[: self.top_k]

    def _search(self, query: str, filters: SearchFilters, sort: str) -> list[Product]:
        result = self.catalog.search(query, filters=filters, sort=sort, limit=POOL)
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
            follow_ups=compose.default_follow_ups(products, (), intent.language),
        )

    def _fixed_answer(self, text: str, intent: Intent, started: float,
                      ) -> Iterator[AnswerEvent]:
        yield AnswerEvent("token", text)
        return AnswerResult(answer=text, cited_ids=[], intent=intent.to_dict(), mode="model",
                            ttft_ms=(time.perf_counter() - started) * 1000)

    def _grounded(self, message: str, intent: Intent, limits: Constraints,
                  products: list[Product], model: ChatAPI, started: float,
                  conversation: Conversation, cancel: CancelToken) -> Iterator[AnswerEvent]:
        """The model's picks among as many candidates as fit its context."""
        previous = [t.text for t in conversation.turns if t.role == "user"]
        fitted = fit_turn(
            model, lambda ps, earlier, text: picks.messages(text, ps, intent.language, earlier),
            products, previous, message, grounded.PICK_TOKENS)
        if fitted is None:
            return self._retrieval_only(products, intent, CONTEXT_TOO_SMALL, started)
        request = grounded.Request(fitted.message, intent, limits, fitted.products,
                                   fitted.previous, fitted.answer_tokens)
        return grounded.answer(request, model, started, cancel)

    def _nothing_fits(self, intent: Intent, message: str, limits: Constraints,
                      started: float) -> Iterator[AnswerEvent]:
        """Nothing keeps every limit: say so, and offer the closest products, labelled."""
        closest = self._search(self._phrase(intent, message), SearchFilters(), intent.sort)
        alternatives = ([p for p in closest if limits.keeps_type(p)] or closest)[:3]
        text = compose.nothing_fits(limits, alternatives, intent.language)
        if not limits.any:
            text = prompts.NO_MATCH[intent.language]
            alternatives = []
        yield AnswerEvent("token", text)
        return AnswerResult(
            answer=text, cited_ids=[], intent=intent.to_dict(), mode="nothing-fits",
            ttft_ms=(time.perf_counter() - started) * 1000,
            alternatives=[p.id for p in alternatives], constraints=limits_dict(limits),
            follow_ups=[],
        )

    def _clarify(self, message: str, started: float) -> Iterator[AnswerEvent]:
        """An empty or meaningless message gets a question back, not a product."""
        language = detect_language(message)
        text = compose.CLARIFY[language]
        yield AnswerEvent("token", text)
        return AnswerResult(answer=text, cited_ids=[], intent={"language": language},
                            mode="clarify", ttft_ms=(time.perf_counter() - started) * 1000)

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
            verdict = usable_verdict(text, products, intent.language) or verdict
        else:
            yield AnswerEvent("token", verdict)
        return AnswerResult(
            answer=f"{table}\n\n{verdict}", cited_ids=[p.id for p in products],
            intent=intent.to_dict(), mode="comparison", products=products, ttft_ms=ttft,
            tokens_per_s=stats.tokens_per_s if stats else 0.0, reason=reason, stats=stats,
            summary=verdict, follow_ups=compose.default_follow_ups(products[:1], (),
                                                                  intent.language),
        )
