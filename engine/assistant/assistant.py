"""The shopping assistant: understand the message, search the catalog, answer from what was found.

``Assistant.ask`` is a plain iterator of events (tokens, then one final event), so the CLI
prints tokens as they come and the GUI's worker forwards them to the widget. Without a model
the same call answers with a templated list of the best matches and says why.
"""

from __future__ import annotations

import copy
import dataclasses
import itertools
import logging
import time
from collections.abc import Callable, Generator, Iterator, Sequence

from engine.assistant import compose, coverage, decide, grounded, picks, product_facts, prompts
from engine.assistant.acts import Act, named_product, read_act
from engine.assistant.answer import retrieval_only_answer
from engine.assistant.claims import settled
from engine.assistant.compare import comparison_table, usable_verdict
from engine.assistant.constraints import (
    Constraints,
    convert,
    latin_words,
    need_part,
    read_constraints,
    respelled_type,
    without_brand,
    zh_brand_names,
    zh_qualifiers,
    zh_type,
)
from engine.assistant.context_fit import fit_turn, fits
from engine.assistant.conversation import Conversation
from engine.assistant.intent import Intent, detect_language, extract_intent, price_bounds
from engine.assistant.results import AnswerEvent, AnswerResult, TurnEvents, limits_dict
from engine.catalog.protocol import SearchableCatalog
from engine.crosslingual import glossary
from engine.errors import ModelCrashed, ModelError
from engine.llm.chat_api import ChatAPI, GenerationStats
from engine.messages import Message
from engine.progress import NEVER_CANCELLED, CancelToken
from engine.records import Product, SearchFilters
from engine.text_analysis import CJK

log = logging.getLogger(__name__)

TOP_K = 5
UNLABELLED_CURRENCY = "USD"
POOL = 20  # hybrid results read per search before the constraints are applied
VERDICT_TOKENS = 120
SHORT_NEED_WORDS = 20
CONTEXT_TOO_SMALL = "the model's context size (Settings → Model) is too small for this question"
ModelProvider = Callable[[], ChatAPI]


def _price_order(product: Product) -> tuple[bool, float]:
    """Cheapest first, in one currency (the demo catalog prices in USD and CNY)."""
    if product.price is None:
        return True, 0.0
    price = product.price
    return False, convert(price, product.currency, "USD") if product.currency else price


def _fitting(hits: list[Product], limits: Constraints, by_price: bool = False) -> list[Product]:
    """Hits within the budget, brand and hard attributes; of those, the ones of the asked type
    if there are any; those the request's other words describe first (``by_price``: then the
    cheapest first)."""
    kept = [p for p in hits if limits.keeps_price(p) and limits.keeps_brand(p)
            and limits.keeps_required(p)]
    # The shopper's own word first ("earbuds"), then what shops also call it ("headphones").
    typed = ([p for p in kept if limits.keeps_own_type(p)]
             or [p for p in kept if limits.keeps_type(p)] or kept)
    qualified = [p for p in typed if limits.keeps_qualifiers(p)] or typed
    fitting = [p for p in qualified if limits.keeps_amounts(p)] or qualified
    if by_price:
        fitting.sort(key=_price_order)
    return sorted(fitting, key=lambda p: not limits.keeps_described(p))


def _fits_fully(product: Product, limits: Constraints) -> bool:
    return (limits.keeps_type(product) and limits.keeps_qualifiers(product)
            and limits.keeps_described(product))


class Assistant:
    """Answers shopping questions from one catalog with one (optional) local model."""

    def __init__(self, catalog: SearchableCatalog, model_provider: ModelProvider | None,
                 *, top_k: int = TOP_K, model_intent: str = "auto",
                 translation: str = "glossary", picks_by: str = "search") -> None:
        """Args:
            model_intent: when the model reads the intent: "always", "never", or "auto" (only
                when the message's language differs from the catalog's and needs translating;
                otherwise the rules and hybrid search understand it, saving seconds of TTFT).
            translation: who translates that need under "auto": "glossary" (the search's own
                word-by-word glossary, no model tokens before the first words) or "model"
                (docs/EVALUATION.md, Assistant answers, compares the two).
            picks_by: who chooses a need's picks among the candidates that keep it: "search"
                (the search's order; the model writes one sentence, the answer is complete in
                seconds) or "model" (it chooses and gives reasons, in JSON; many more tokens).
        """
        self.catalog = catalog
        self._provider = model_provider
        self.top_k = top_k
        self.model_intent = model_intent
        self.translation = translation
        self.picks_by = picks_by
        self._catalog_facts: tuple[str, list[str]] | None = None
        self._limits_facts: tuple[list[str], str] | None = None
        self._mixed_currencies = False

    def model(self) -> tuple[ChatAPI | None, str]:
        """The model, or None and the reason it cannot be used."""
        if self._provider is None:
            return None, Message("no chat model is configured")
        try:
            return self._provider(), ""
        except ModelError as err:
            log.warning("answering without a model: %s", err)
            return None, Message("{reason}", reason=err)

    def with_model(self, model_provider: ModelProvider | None) -> Assistant:
        """This assistant answering with another model provider (one carrying a call's
        progress, say); what it reads of the catalog is read here, once, and shared."""
        self.catalog_facts()
        self.limits_facts()
        other = copy.copy(self)
        other._provider = model_provider
        return other

    def catalog_facts(self) -> tuple[str, list[str]]:
        """(catalog language, top-level categories), read once from a sample of the catalog."""
        if self._catalog_facts is None:
            sample = self.catalog.search("", limit=200)
            titles = "".join(h.product.title for h in sample.hits)
            cjk_share = len(CJK.findall(titles)) / max(1, len(titles))
            language = "Chinese" if cjk_share > 0.3 else "English"
            categories = [f.value for f in sample.facets.get("category", [])]
            self._catalog_facts = (language, categories)
            self._mixed_currencies = len({h.product.currency for h in sample.hits
                                          if h.product.currency}) > 1
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
        act = read_act(message, conversation, self.catalog.get, self._named,
                       self.limits_facts()[0])
        yield from self._turn(message, act, conversation, started, cancel)

    def ask_about(self, product_id: str, message: str, conversation: Conversation,
                  cancel: CancelToken = NEVER_CANCELLED) -> Iterator[AnswerEvent]:
        """A question asked on a product's page: the same answer as in the chat, with that
        product in focus whatever the words."""
        conversation.focus_id = product_id
        yield from self._turn(message, Act("question", (product_id,)), conversation,
                              time.perf_counter(), cancel)

    def _turn(self, message: str, act: Act, conversation: Conversation, started: float,
              cancel: CancelToken) -> Iterator[AnswerEvent]:
        """Answer ``message`` as ``act`` and remember it; yields events, the last ``final``."""
        log.info("act: %s %s", act.kind, act.product_ids)
        language = detect_language(message)
        if act.kind == "chat":
            turn = self._chat(message, language, started)
        elif act.kind == "question":
            turn = self._product_answer(message, act, language, started)
        elif act.kind == "compare":
            turn = self._compare(act, len(conversation.shown_ids), language, started, cancel)
        elif act.kind == "decide":
            turn = self._decide(act, conversation, language, started)
        else:
            turn = self._need(message, act, conversation, started, cancel)
        result = yield from turn
        # A need's answer replaces the list "the second one" counts in, and the need; a
        # question, comparison or decision keeps both, about the list they came from.
        need_act = result.act in ("new_need", "refine")
        shown = result.cited_ids + [p.id for p in result.products
                                    if p.id not in result.cited_ids] if need_act else []
        if need_act and result.need is not None:
            conversation.need = result.need
        if result.mode == "product-answer" and result.cited_ids:
            conversation.focus_id = result.cited_ids[0]
        elif shown:
            conversation.focus_id = shown[0]
        conversation.record(message, result.answer, result.cited_ids,
                            result.intent if need_act else None, shown)
        yield AnswerEvent("final", result=result)

    def _named(self, message: str) -> Product | None:
        """The product the message names by its title, if it names one."""
        hits = self._search(message, SearchFilters(), "relevance")[:10]
        latin = latin_words(message)  # "Northbyte Zen 笔记本…": the name is in Latin letters
        if latin:
            hits += self._search(" ".join(latin), SearchFilters(), "relevance")[:10]
        return named_product(message, hits)

    def _need(self, message: str, act: Act, conversation: Conversation, started: float,
              cancel: CancelToken) -> TurnEvents:
        """A new need or a refinement: search within the need, then the model's picks. The
        model is loaded only when it is needed: a question back, or "the catalog has none",
        never waits for it."""
        early = self._intent_uses_model(message)
        model, reason = self.model() if early else (None, "")
        refine = act.kind == "refine"
        intent = self._intent(message, conversation, model, cancel, followup=refine)
        log.info("intent in %.0f ms: %s", (time.perf_counter() - started) * 1000, intent)
        cancel.check()
        best = self._search(self._phrase(intent, message), SearchFilters(), "relevance")
        limits = respelled_type(self.constraints(intent, message), best[:5])
        if refine and conversation.need is not None:
            stated = any(v is not None for v in price_bounds(message)) or intent.wants_cheaper
            limits = Constraints.from_dict(conversation.need).refined_by(
                limits, budget_stated=stated)
        if coverage.is_vague(message, limits) and not refine:
            return (yield from self._clarify(message, intent, started))
        missing = None if refine else self._missing_kind(message, intent, limits, best)
        like = (self.catalog.get_many(conversation.shown_ids[:1])
                if refine and intent.wants_cheaper else [])
        products = [] if missing else self._retrieve(intent, message, limits, like)
        cancel.check()
        if products and not early:
            model, reason = self.model()
        try:
            result = yield from self._answer_mode(
                message, intent, limits, products, (model, reason), started, conversation,
                cancel, missing)
        except ModelCrashed as err:
            log.info("answering from search alone: %s", err)
            yield AnswerEvent("model_stopped", str(err))
            result = yield from self._retrieval_only(products, intent, str(err), started)
        return dataclasses.replace(result, act=act.kind, need=limits.to_dict())

    def verdict(self, products: list[Product], language: str,
                cancel: CancelToken = NEVER_CANCELLED) -> tuple[str, str]:
        """A short verdict on ``products`` side by side, for a comparison the shopper put
        together: the model's, checked against the products, or else one from the catalog data.
        Returns (text, "model" or "catalog").

        Raises:
            Cancelled: ``cancel`` was set.
        """
        verdict = self._verdict(products, language, cancel)
        while True:
            try:
                next(verdict)
            except StopIteration as finished:
                text, source, _ = finished.value
                return text, source

    def _verdict(self, products: list[Product], language: str, cancel: CancelToken,
                 ) -> Generator[AnswerEvent, None, tuple[str, str, GenerationStats | None]]:
        """:meth:`verdict`, each sentence shown once it is whole and checked; returns it with
        its source and the model's generation figures when it ran."""
        table = comparison_table(products, language)
        messages = prompts.verdict_messages(prompts.WHICH_ONE[language], table, language)
        model, _ = self.model()
        shown, stats = "", None
        if model is not None and fits(model, messages, VERDICT_TOKENS):
            text, looked_at = "", ""
            try:
                pieces = model.stream_chat(messages, max_tokens=VERDICT_TOKENS, temperature=0.2,
                                           cancel=cancel)
                for piece in itertools.chain(pieces, [None]):  # None: the model stopped
                    text += piece or ""
                    readable = text if piece is None else settled(text)
                    if readable == looked_at:
                        continue  # checked already: no new word yet
                    looked_at = readable
                    checked = usable_verdict(readable, products, language)
                    if len(checked) > len(shown) and checked.startswith(shown):
                        yield AnswerEvent("token", checked[len(shown):])
                        shown = checked
            except ModelError as err:  # a crash included: what was checked stands
                log.info("verdict cut short: %s", err)
            stats = model.last_stats  # what it wrote, shown or not
            if shown:
                return shown, "model", stats
        verdict = decide.compare_verdict(products, language)
        yield AnswerEvent("token", verdict)
        return verdict, "catalog", stats

    def _answer_mode(self, message: str, intent: Intent, limits: Constraints,
                     products: list[Product], model: tuple[ChatAPI | None, str], started: float,
                     conversation: Conversation, cancel: CancelToken,
                     missing: str | None = None) -> TurnEvents:
        """The catalog has no such thing, nothing fits, no model (search alone, saying why), or
        the model's grounded picks."""
        chat, reason = model
        if not products:
            return self._nothing_fits(intent, message, limits, started, missing)
        if chat is None:
            return self._retrieval_only(products, intent, reason, started)
        return self._grounded(message, intent, limits, products, chat, started, conversation,
                              cancel)

    def _intent_uses_model(self, message: str) -> bool:
        """Whether reading this message's need takes the model (see :meth:`_intent`)."""
        return self.model_intent == "always" or (
            self._across(message) and self.translation == "model")

    def _across(self, message: str) -> bool:
        """Under "auto": the message is not in the catalog's language, so its need is
        translated (by the glossary or the model, ``translation``)."""
        across = (detect_language(message) == "zh") != (self.catalog_facts()[0] == "Chinese")
        return self.model_intent == "auto" and across

    def _intent(self, message: str, conversation: Conversation, model: ChatAPI | None,
                cancel: CancelToken, *, followup: bool) -> Intent:
        language, categories = self.catalog_facts()
        if self.model_intent == "always":
            return extract_intent(
                message, conversation, model=model, categories=categories,
                messages_for=lambda m, c: prompts.intent_messages(m, language, categories),
                lookup=self.catalog.get, cancel=cancel, followup=followup)
        across = self._across(message)
        # Across languages the model only translates the need (a few tokens), or the glossary
        # does (none, so the first words come at once); budgets, brands and references are the
        # rules' anyway.
        by_model = across and self.translation == "model"
        intent = extract_intent(
            message, conversation, model=model if by_model else None, categories=categories,
            messages_for=lambda m, c: prompts.translate_messages(m, language),
            lookup=self.catalog.get, cancel=cancel, schema=None, followup=followup)
        if across and self.translation == "glossary" and language == "English":
            intent = dataclasses.replace(
                intent, search_phrase=glossary().translate(intent.search_phrase))
        return intent

    def _retrieve(self, intent: Intent, message: str, limits: Constraints,
                  like: Sequence[Product] = ()) -> list[Product]:
        """Best matches that keep every limit; loosen the category, then try the shopper's own
        words. The product type is kept when the catalog has it (found by the request's words
        or by the type's own name), and dropped otherwise (the request's head noun is read by
        rules and may be wrong). ``like``: "cheaper ones" are more like the product shown
        first."""
        self.catalog_facts()
        # Prices in several currencies (the demo's USD and CNY): the budget is kept by code,
        # converting each price, not by the search's filter on the bare numbers.
        priced = not self._mixed_currencies
        filters = SearchFilters(min_price=limits.min_price if priced else None,
                                max_price=limits.max_price if priced else None,
                                brand=limits.brand)
        phrase = self._phrase(intent, message)
        hits = self._search(phrase, filters, intent.sort)
        if not intent.is_followup and phrase != message and CJK.search(message):
            # A Chinese need: the search of the shopper's own words first, as plain search
            # ranks them (it translates Chinese its own way); code only narrows that list.
            own = self._search(message, filters, intent.sort)
            hits = own + [p for p in hits if p.id not in {o.id for o in own}]
        # A department's name alone ("Kitchen", tapped from a question's choices) is that
        # department; the model's category guess is a soft preference (it is often wrong).
        asked = message.strip().lower()
        category = intent.category or next(
            (level for p in hits for level in p.category_levels if level.lower() == asked), None)
        if category:
            hits.sort(key=lambda p: not (p.category.startswith(category)
                                         or category in p.category_levels))
        by_price = intent.sort == "price"
        fitting = _fitting(hits, limits, by_price)
        extra = [" ".join(without_brand(p).replace(" - ", " ").split()) for p in like]
        if limits.required:  # "USB-C cable": the attribute and the type, searched as such
            extra.append(" ".join([*(a[1] for a in limits.required), *limits.type_terms[:1]]))
        if limits.amounts:  # "6 ft cable"
            extra.append(" ".join([*(f"{v:g} {u}" for u, _, v in limits.amounts),
                                   *limits.type_terms[:1]]))
        for query in extra:  # until enough of the asked type are found
            if sum(_fits_fully(p, limits) for p in fitting) >= self.top_k:
                break
            hits += self._more(query, filters, hits)
            fitting = _fitting(hits, limits, by_price)
        if limits.type_terms and not any(_fits_fully(p, limits) for p in fitting):
            # "cheaper" after "a (wireless) car mount": the type itself, within the new budget
            query = " ".join([*(q[0] for q in limits.qualifiers), *limits.preferred,
                              limits.type_terms[0]])
            hits += self._more(query, filters, hits)
            fitting = _fitting(hits, limits, by_price)
        if limits.type_terms and not any(limits.keeps_type(p) for p in fitting) and any(
                limits.keeps_type(p) and not (limits.keeps_price(p) and limits.keeps_brand(p))
                for query in (phrase, limits.type_terms[0])
                for p in self._search(query, SearchFilters(), intent.sort)):
            return []  # the catalog has the type, only not within the budget or brand
        return self._with_referenced(intent, fitting, limits)

    def _more(self, query: str, filters: SearchFilters,
              hits: Sequence[Product]) -> list[Product]:
        """More matches for a narrower query, not among ``hits``, by relevance: sorted by
        price, a search returns the cheapest of all its words' matches (the cheapest
        "charger"s are no wireless chargers); ``_fitting`` orders them as asked."""
        seen = {p.id for p in hits}
        return [p for p in self._search(query, filters, "relevance") if p.id not in seen]

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

    def _with_referenced(self, intent: Intent, hits: list[Product],
                         limits: Constraints) -> list[Product]:
        """Products the shopper pointed at ("the second one") come first, if they keep the
        need ("cheaper than the second one" does not)."""
        referenced = [p for p in self.catalog.get_many(intent.referenced_ids)
                      if p.id not in {h.id for h in hits} and limits.keeps_price(p)
                      and limits.keeps_brand(p) and limits.keeps_required(p)]
        return (referenced + hits)[: self.top_k]

    def _search(self, query: str, filters: SearchFilters, sort: str) -> list[Product]:
        result = self.catalog.search(query, filters=filters, sort=sort, limit=POOL)
        return [h.product for h in result.hits]

    # ----- answer modes ---------------------------------------------------------------------

    def _retrieval_only(self, products: list[Product], intent: Intent, reason: str,
                        started: float) -> TurnEvents:
        text = retrieval_only_answer(products, intent.language, reason)
        yield AnswerEvent("token", text)
        return AnswerResult(
            answer=text, cited_ids=[p.id for p in products], intent=intent.to_dict(),
            mode="retrieval-only", products=products, reason=reason,
            ttft_ms=(time.perf_counter() - started) * 1000,
            follow_ups=compose.default_follow_ups(products, (), intent.language),
        )

    def _grounded(self, message: str, intent: Intent, limits: Constraints,
                  products: list[Product], model: ChatAPI, started: float,
                  conversation: Conversation, cancel: CancelToken) -> TurnEvents:
        """The picks among as many candidates as fit the model's context, chosen by the search
        or by the model (``picks_by``)."""
        previous = [t.text for t in conversation.turns if t.role == "user"]
        by_search = self.picks_by == "search"
        fitted = fit_turn(
            model, lambda ps, earlier, text: picks.messages(text, ps, intent.language, earlier),
            products, previous, message,
            grounded.SUMMARY_TOKENS if by_search else grounded.PICK_TOKENS)
        if fitted is None:
            return self._retrieval_only(products, intent, CONTEXT_TOO_SMALL, started)
        request = grounded.Request(fitted.message, intent, limits, fitted.products,
                                   fitted.previous, fitted.answer_tokens)
        if by_search:
            return grounded.answer_in_search_order(request, model, started, cancel)
        return grounded.answer(request, model, started, cancel)

    def _missing_kind(self, message: str, intent: Intent, limits: Constraints,
                      best: list[Product]) -> str | None:
        """The kind of product the need asks for when this catalog sells none of it (as the
        shopper wrote it), else None. ``best``: the search of the need's words."""
        kind = coverage.asked_kind(message, limits)
        # What an open need is about is only read from a short one ("a gift for my dad who
        # likes fishing"): a long story's words are no topic.
        need = need_part(message)
        short = 0 < len(need.split()) <= SHORT_NEED_WORDS
        # (Not in Chinese: its words are not found as such in an English catalog's text.)
        vague = (coverage.open_kind(limits) and coverage.says_open(message) and short
                 and not CJK.search(message))
        topic = coverage.topic_words(need) if vague else set()
        if kind is None and not topic:
            return None
        hits = list(best)  # the need's words, searched once per turn
        if kind is not None:
            for query in (" ".join(filter(None, [kind.modifier, kind.head[0]])), kind.native):
                if query:
                    hits += self._search(query, SearchFilters(), "relevance")
        if coverage.sells(kind, topic, hits):
            return None
        return kind.label if kind is not None else "、".join(sorted(topic)) if CJK.search(
            message) else ", ".join(sorted(topic))

    def _nothing_fits(self, intent: Intent, message: str, limits: Constraints,
                      started: float, missing: str | None = None) -> TurnEvents:
        """Nothing keeps every limit, or the catalog sells no such thing: say so, and offer
        the closest products, labelled as alternatives and not cited."""
        closest = self._search(self._phrase(intent, message), SearchFilters(), intent.sort)
        alternatives = ([p for p in closest if limits.keeps_type(p)] or closest)[:3]
        if missing:
            text = compose.not_carried(missing, alternatives, limits, intent.language)
        elif limits.any:
            text = compose.nothing_fits(limits, alternatives, intent.language)
        else:
            text = prompts.NO_MATCH[intent.language]
            alternatives = []
        yield AnswerEvent("token", text)
        return AnswerResult(
            answer=text, cited_ids=[], intent=intent.to_dict(), mode="nothing-fits",
            ttft_ms=(time.perf_counter() - started) * 1000,
            alternatives=[p.id for p in alternatives], constraints=limits_dict(limits),
            follow_ups=[],
        )

    def _clarify(self, message: str, intent: Intent, started: float,
                 ) -> TurnEvents:
        """A need too vague to search well gets one question back, with the catalog's main
        departments as choices."""
        hits = self._search(self._phrase(intent, message), SearchFilters(), "relevance")
        options = coverage.choices(hits + self._search("", SearchFilters(), "relevance"))
        text = compose.CLARIFY_NEED[intent.language]
        yield AnswerEvent("token", text)
        return AnswerResult(answer=text, cited_ids=[], intent=intent.to_dict(), mode="clarify",
                            ttft_ms=(time.perf_counter() - started) * 1000,
                            follow_ups=options, act="new_need")

    def _chat(self, message: str, language: str, started: float) -> TurnEvents:
        """Not shopping: a greeting, thanks, or an empty message gets a short reply and no
        product."""
        text = compose.chat_reply(message, language)
        yield AnswerEvent("token", text)
        return AnswerResult(answer=text, cited_ids=[], intent={"language": language},
                            mode="clarify", ttft_ms=(time.perf_counter() - started) * 1000,
                            act="chat")

    def _product_answer(self, message: str, act: Act, language: str,
                        started: float) -> TurnEvents:
        """A question about one product, answered from its own fields, with its card."""
        product = self.catalog.get(act.product_ids[0])
        if product is None:
            return (yield from self._chat(message, language, started))
        yield AnswerEvent("cards", products=(product,))
        text, _ = product_facts.answer(product, message, language)
        yield AnswerEvent("token", text)
        return AnswerResult(
            answer=text, cited_ids=[product.id], intent={"language": language},
            mode="product-answer", products=[product], summary=text,
            ttft_ms=(time.perf_counter() - started) * 1000, act="question",
            follow_ups=compose.question_follow_ups(language))

    def _compare(self, act: Act, shown: int, language: str, started: float,
                 cancel: CancelToken) -> TurnEvents:
        """Exactly the products named, side by side (the table at once), then the verdict the
        Compare page gives: the model's, checked, or else one from their fields."""
        products = self.catalog.get_many(list(act.product_ids))
        if len(products) < 2:
            ask = prompts.PICK_TWO if shown >= 2 else prompts.ONLY_ONE
            text = ask[language].format(n=shown)
            yield AnswerEvent("token", text)
            return AnswerResult(answer=text, cited_ids=[], intent={"language": language},
                                mode="clarify", act="compare",
                                ttft_ms=(time.perf_counter() - started) * 1000)
        table = comparison_table(products, language)
        yield AnswerEvent("cards", products=tuple(products))
        yield AnswerEvent("token", f"{table}\n\n")
        ttft = (time.perf_counter() - started) * 1000
        verdict, _, stats = yield from self._verdict(products, language, cancel)
        return AnswerResult(
            answer=f"{table}\n\n{verdict}", cited_ids=[p.id for p in products],
            intent={"language": language}, mode="comparison", products=products,
            ttft_ms=ttft, summary=verdict, act="compare", stats=stats,
            tokens_per_s=stats.tokens_per_s if stats else 0.0,
            follow_ups=compose.default_follow_ups(products[:1], (), language))

    def _decide(self, act: Act, conversation: Conversation, language: str,
                started: float) -> TurnEvents:
        """"Which should I get?": one pick, with a cheaper and a better alternative."""
        products = self.catalog.get_many(list(act.product_ids))
        need = Constraints.from_dict(conversation.need) if conversation.need else None
        decision = decide.decide(products, need)
        text = decide.decision_text(decision, language)
        yield AnswerEvent("cards", products=tuple(decision.products))
        yield AnswerEvent("token", text)
        return AnswerResult(
            answer=text, cited_ids=[p.id for p in decision.products],
            intent={"language": language}, mode="decision", products=decision.products,
            summary=text, ttft_ms=(time.perf_counter() - started) * 1000, act="decide",
            follow_ups=compose.default_follow_ups(decision.products, (), language))
