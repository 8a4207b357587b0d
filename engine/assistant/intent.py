"""Turn a shopper's message (English, Chinese or mixed) into a structured search intent.

The model fills a JSON schema (grammar-constrained, so the output always parses); plain rules
then check what a small model gets wrong most often: budgets written as numbers, "cheaper",
"the second one", "compare 1 and 3". Rules also carry the previous turn's constraints forward
and are the whole extractor when no model is available.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from engine.assistant.conversation import Conversation
from engine.errors import ModelError
from engine.llm.chat_api import ChatAPI
from engine.progress import NEVER_CANCELLED, CancelToken
from engine.records import SORTS, Product
from engine.text_analysis import CJK, CJK_CHARS

log = logging.getLogger(__name__)

CHEAPER = re.compile(r"cheaper|less expensive|lower price|more affordable|便宜|实惠|低价|省钱",
                     re.I)
_NUM = r"(\d+(?:\.\d+)?)"
_MAX_PRICE = [
    re.compile(rf"(?:(?:don't|do not|won't|will not|not|never)\s+(?:want\s+to\s+)?(?:pay|spend|go)"
               rf"\s+(?:more than|over|above|beyond)|"
               rf"nothing over|not over|no more than|not more than|under|below|less than|"
               rf"cheaper than|at most|max(?:imum)?|up to|within|spend(?: up to)?|"
               rf"budget(?: is| of)?(?: about| around)?|<)\s*:?\s*(?:\$|¥|usd|cny|rmb)?\s*{_NUM}",
               re.I),
    re.compile(rf"(?:\$|¥)?\s*{_NUM}\s*(?:dollars?|usd|bucks)?\s*(?:or less|or under|or below)",
               re.I),
    # "$50 max", "50 bucks tops": only with a currency ("ZenFone 3 Max" is a phone)
    re.compile(rf"(?:\$|¥)\s*{_NUM}\s*(?:dollars?|usd|bucks)?\s*(?:max(?:imum)?\b|tops\b|at most)",
               re.I),
    re.compile(rf"{_NUM}\s*(?:dollars?|usd|bucks)\s*(?:max(?:imum)?\b|tops\b|at most)", re.I),
    re.compile(rf"{_NUM}\s*(?:元|块|美元|刀|usd|dollars?|\$)?\s*(?:以下|以内|之内|内|以下的)"),
    re.compile(rf"(?:不超过|低于|少于|不到|预算)\s*{_NUM}"),
]
_MIN_PRICE = [
    re.compile(rf"(?<!nothing )(?<!not )(?<!no )(?<!pay )(?<!spend )(?<!go )"
               rf"(?:over|above|more than|at least|min(?:imum)?|>)\s*"
               rf"(?:\$|¥|usd|cny)?\s*{_NUM}", re.I),
    re.compile(rf"{_NUM}\s*(?:元|块|美元)?\s*以上"),
    re.compile(rf"(?:高于|(?<!不)超过|至少)\s*{_NUM}"),
]
_RANGE = re.compile(rf"(?:\$|¥)?{_NUM}\s*(?:-|–|to|到|至)\s*(?:\$|¥)?{_NUM}"
                    rf"\s*(?:元|块|dollars?|usd)?", re.I)
_BETWEEN = re.compile(rf"between\s*(?:\$|¥)?{_NUM}\s*(?:and|&)\s*(?:\$|¥)?{_NUM}", re.I)
# A number followed by one of these counts something else: "at least 5000 ratings" is no budget.
_NOT_MONEY = re.compile(
    r"\s*\+?\s*(?:k\b)?\s*(?:ratings?|reviews?|stars?|mah|gb|tb|mb|inch(?:es)?\b|in\.|\"|''|ft\b|"
    r"feet|cm\b|mm\b|w\b|watts?|v\b|volts?|hz|mp\b|megapixels?|pack|pcs|pieces|count|ct\b|"
    r"oz\b|lbs?\b|kg\b|g\b|hours?|hrs?|minutes?|years?|people|users|sold|weeks?|days?|"
    r"months?|times|nights?|players?|percent|%|"
    r"个评价|条评价|评价|毫安|寸|英寸|瓦|小时|年|件装|只装|支装)", re.I)
# A budget the model reports is only believed when the message writes that amount as money.
_AMOUNT = re.compile(r"\d+(?:\.\d+)?")
_ZH_AMOUNT_WORDS = re.compile(r"[一二两三四五六七八九十百千万]\s*[百千万]?\s*(?:元|块)")
_ZH_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9, "十": 10}
_EN_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "last": -1}
_ZH_REF = re.compile(r"第\s*([一二两三四五六七八九十\d]+)\s*(?:个|款|件|种|项)?")
_EN_REF = re.compile(r"\b(first|second|third|fourth|fifth|sixth|1st|2nd|3rd|4th|5th|last)\b"
                     r"(?:\s+(?:one|item|product|option))?|(?:#|number\s+|no\.\s*)(\d+)", re.I)
_CHEAPEST = re.compile(r"cheapest|lowest price|least expensive|最便宜|价格最低", re.I)
_BEST_RATED = re.compile(r"best[- ]rated|top[- ]rated|highest[- ]rated|best reviewed|"
                         r"评分最高|好评最多|口碑最好", re.I)
_COMPARE = re.compile(r"\bcompare\b|\bvs\.?\b|\bversus\b|比较|对比|哪个好|区别", re.I)
_FOLLOWUP = re.compile(
    r"^\s*(?:and|what about|how about|any|those|these|them|ones|it|that one|also|"
    r"还有|那|这些|那些|它|有没有|换成|要)\b|\bones?\b|\bthose\b|\bthem\b|\bit\b|这个|那个|它们?",
    re.I,
)

TRANSLATION_TOKENS = 24  # a search phrase, plain text
INTENT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "search_phrase": {"type": "string"},
        "category": {"type": ["string", "null"]},
        "min_price": {"type": ["number", "null"]},
        "max_price": {"type": ["number", "null"]},
        "attributes": {"type": "array", "items": {"type": "string"}, "maxItems": 3},
        "sort": {"type": "string", "enum": list(SORTS)},
    },
    "required": ["search_phrase", "category", "min_price", "max_price", "attributes", "sort"],
}


@dataclass(frozen=True)
class Intent:
    """What the shopper wants, in terms the catalog search understands."""

    search_phrase: str
    category: str | None = None
    max_price: float | None = None
    min_price: float | None = None
    attributes: list[str] = field(default_factory=list)
    sort: str = "relevance"
    is_comparison: bool = False
    compare_refs: list[int] = field(default_factory=list)
    refers_to: list[int] = field(default_factory=list)
    referenced_ids: list[str] = field(default_factory=list)
    is_followup: bool = False
    wants_cheaper: bool = False
    language: str = "en"
    source: str = "rules"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_FILLER = re.compile(
    r"\b(?:hi|hello|hey|yo|help|please|pls|thanks|thank|you|ok|okay|yes|no|i|need|want|"
    r"something|anything|stuff|what|can|do|show|me|find|buy|recommend|test|hmm+|um+|uh+)\b|"
    r"你好|您好|谢谢|嗨|在吗|帮我|我想要|我要|推荐|东西|什么|一下|[吗呢吧啊呀]",
    re.I,
)
_CONTENT = re.compile(f"[a-z0-9{CJK_CHARS}]", re.I)


def is_request(message: str) -> bool:
    """False for an empty or meaningless message: nothing in it to search for."""
    return bool(_CONTENT.search(_FILLER.sub(" ", message)))


def detect_language(text: str) -> str:
    """'zh' when the message is mostly Chinese characters, else 'en' (mixed text counts as zh)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "en"
    share = sum(1 for c in letters if CJK.match(c)) / len(letters)
    return "zh" if share >= 0.2 else "en"


def _number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    if token == "十":
        return 10
    if len(token) == 2 and token[0] == "十":
        return 10 + _ZH_DIGITS.get(token[1], 0)
    return _ZH_DIGITS.get(token)


def ordinal_refs(message: str) -> list[int]:
    """1-based positions the message points at ("the second one", "第二个", "#3", "1 and 3")."""
    refs: list[int] = []
    for match in _ZH_REF.finditer(message):
        if (n := _number(match.group(1))) is not None:
            refs.append(n)
    for match in _EN_REF.finditer(message):
        word, digits = match.group(1), match.group(2)
        refs.append(int(digits) if digits else _EN_ORDINALS[word.lower()])
    if _COMPARE.search(message) and len(refs) < 2:
        refs = [int(n) for n in re.findall(r"(?<![\d.])(\d{1,2})(?![\d.])", message)] or refs
    return list(dict.fromkeys(refs))


def price_bounds(message: str) -> tuple[float | None, float | None]:
    """(min, max) budget written in the message, if any."""
    m = _BETWEEN.search(message)
    if m is None and not re.search(r"\d\s*x\s*\d", message):
        m = _RANGE.search(message)
    if m and not _NOT_MONEY.match(message, m.end(2)):  # "10 to 11 hours" is no budget
        low, high = sorted((float(m.group(1)), float(m.group(2))))
        if high > low > 0:
            return low, high
    return _money(_MIN_PRICE, message), _money(_MAX_PRICE, message)


def _money(patterns: list[re.Pattern[str]], message: str) -> float | None:
    """The first amount a budget pattern finds that is money: a number that counts ratings,
    milliamp-hours or a pack's items is not a budget, however it is introduced."""
    for pattern in patterns:
        for match in pattern.finditer(message):
            if not _NOT_MONEY.match(message, match.end(1)):
                return float(match.group(1))
    return None


def strip_prices(text: str) -> str:
    """The search words without budget phrases ("under $100", "100元以下")."""
    for pattern in (_BETWEEN, _RANGE, *_MAX_PRICE, *_MIN_PRICE):
        text = pattern.sub(" ", text)
    text = re.sub(r"\b(?:dollars?|usd|bucks)\b|美元|美金|预算|价格|[$¥元块]", " ", text, flags=re.I)
    return " ".join(text.split())


def _rule_sort(message: str, refs: list[int]) -> str:
    if _BEST_RATED.search(message):
        return "rating"
    if _CHEAPEST.search(message) or (CHEAPER.search(message) and not refs):
        return "price"
    return "relevance"


def rule_intent(message: str) -> Intent:
    """What plain rules can read from a message (the whole extractor without a model)."""
    low, high = price_bounds(message)
    refs = ordinal_refs(message)
    comparison = bool(_COMPARE.search(message)) and len(refs) >= 2
    return Intent(
        search_phrase=strip_prices(message) or message.strip(),
        min_price=low,
        max_price=high,
        sort=_rule_sort(message, refs),
        is_comparison=comparison,
        compare_refs=refs if comparison else [],
        refers_to=refs,
        is_followup=bool(refs or CHEAPER.search(message) or _FOLLOWUP.search(message)),
        wants_cheaper=bool(CHEAPER.search(message)),
        language=detect_language(message),
    )


def from_model(raw: dict[str, Any], rules: Intent, message: str,
               categories: Sequence[str]) -> Intent:
    """Combine the model's JSON with the rules.

    Numbers, references and follow-up detection come from the rules when they found any: a
    0.5B model invents budgets and calls unrelated questions follow-ups.
    """
    category = _match_category(raw.get("category"), categories)
    sort = str(raw["sort"]) if raw.get("sort") in SORTS else "relevance"
    return replace(
        rules,
        search_phrase=strip_prices(str(raw.get("search_phrase") or ""))[:200]
        or rules.search_phrase,
        category=category,
        min_price=rules.min_price if rules.min_price is not None else _believed(
            raw.get("min_price"), message),
        max_price=rules.max_price if rules.max_price is not None else _believed(
            raw.get("max_price"), message),
        attributes=[str(a)[:40] for a in raw.get("attributes", [])][:5] or rules.attributes,
        sort=rules.sort if rules.sort != "relevance" else sort,
        source="model",
    )


def _believed(value: object, message: str) -> float | None:
    """The model's budget, when the message writes that amount and not as a count of something
    else ("at least 5000 ratings" is no minimum price)."""
    price = _price(value)
    if price is None or _ZH_AMOUNT_WORDS.search(message):
        return price
    text = message.replace(",", "")
    amounts = {float(m.group()) for m in _AMOUNT.finditer(text)
               if not _NOT_MONEY.match(text, m.end())}
    return price if price in amounts else None


def _price(value: object) -> float | None:
    if isinstance(value, (int, float)) and value > 0:
        return float(value)
    return None


def _match_category(value: object, categories: Sequence[str]) -> str | None:
    """Only a category the catalog has: a made-up one would filter everything out."""
    if not isinstance(value, str) or not value.strip():
        return None
    wanted = value.strip().lower()
    for category in categories:
        if category.lower() == wanted:
            return category
    return None


def carry_forward(intent: Intent, conversation: Conversation,
                  lookup: Callable[[str], Product | None]) -> Intent:
    """Apply the previous turn: keep its constraints on a follow-up, resolve "the 2nd one"."""
    previous = conversation.last_intent
    referenced = [i for n in intent.refers_to if (i := _shown(conversation, n)) is not None]
    intent = replace(intent, referenced_ids=referenced)
    if not previous or not intent.is_followup or intent.is_comparison:
        return intent
    phrase = _followup_phrase(intent, previous)
    if referenced and (product := lookup(referenced[0])) is not None:
        phrase = _followup_phrase(intent, {"search_phrase": product.title})
    max_price = intent.max_price if intent.max_price is not None else previous.get("max_price")
    if intent.wants_cheaper and intent.max_price is None:  # a stated budget is the limit
        shown = [lookup(i) for i in conversation.shown_ids[:3]]
        shown_prices = [p.price for p in shown if p is not None and p.price is not None]
        if shown_prices:
            max_price = round(min(shown_prices) - 0.01, 2)
    return replace(
        intent,
        search_phrase=phrase,
        category=intent.category or previous.get("category"),
        min_price=intent.min_price if intent.min_price is not None else previous.get("min_price"),
        max_price=max_price,
        attributes=list(dict.fromkeys([*previous.get("attributes", []), *intent.attributes])),
    )


def _shown(conversation: Conversation, position: int) -> str | None:
    if position == -1:
        return conversation.shown_ids[-1] if conversation.shown_ids else None
    return conversation.shown_at(position)


_GENERIC = re.compile(
    r"\b(cheaper|cheap|less|expensive|ones?|any|other|others|more|those|these|them|what|about|"
    r"how|show|me|some|please|and|the|a|an|it|is|are|there|options?|alternatives?|"
    r"first|second|third|fourth|fifth|last|colou?rs?)\b|[?？!！.,，。]|"
    r"便宜|更|一点|的|吗|呢|有|没有|还|别的|其他|第\S{1,2}个|颜色|些",
    re.I,
)


def _followup_phrase(intent: Intent, previous: dict[str, Any]) -> str:
    """A follow-up's own words refine the previous search instead of replacing it."""
    own = _GENERIC.sub(" ", intent.search_phrase).split()
    before = str(previous.get("search_phrase", ""))
    if not own:
        return before
    extra = [w for w in own if w.lower() not in before.lower()]
    return " ".join([before, *extra]).strip()


def extract_intent(
    message: str,
    conversation: Conversation,
    *,
    model: ChatAPI | None,
    messages_for: Callable[[str, Conversation], list[dict[str, str]]],
    categories: Sequence[str],
    lookup: Callable[[str], Product | None],
    cancel: CancelToken = NEVER_CANCELLED,
    schema: dict[str, Any] | None = INTENT_SCHEMA,
    followup: bool | None = None,
) -> Intent:
    """The intent of ``message`` in the context of ``conversation``.

    Without a model (or when its output is unusable) the rules alone decide. With no
    ``schema`` the model writes only a search phrase, as plain text (a translation: the
    fewest tokens before the first words); every other field is the rules'. ``followup``, when
    given, is the conversation's own reading of whether the message refines the need.
    """
    rules = rule_intent(message)
    if followup is not None:
        rules = replace(rules, is_followup=followup)
    intent = rules
    if model is not None:
        messages = messages_for(message, conversation)
        try:
            raw = (model.complete_json(messages, schema, max_tokens=160, cancel=cancel)
                   if schema is not None
                   else {"search_phrase": model_phrase(model, messages, cancel)})
            intent = from_model(raw, rules, message, categories)
        except ModelError as err:
            log.warning("intent extraction fell back to rules: %s", err)
    return carry_forward(intent, conversation, lookup)


def model_phrase(model: ChatAPI, messages: list[dict[str, str]],
                 cancel: CancelToken = NEVER_CANCELLED) -> str:
    """The search phrase the model writes for a translation request (greedy, plain text: the
    fewest tokens, since a shopper waits on them).

    Raises:
        ModelError: the model could not answer.
        Cancelled: ``cancel`` was set.
    """
    return _phrase_line(model.chat(messages, max_tokens=TRANSLATION_TOKENS, temperature=0.0,
                                   cancel=cancel))


def _phrase_line(text: str) -> str:
    """The phrase a model wrote as plain text: its first line, without quotes or a label."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    line = re.sub(r"^(?:search phrase|phrase)\s*[:：]\s*", "", line, flags=re.I)
    return line.strip().strip("\"'“”‘’「」.。").strip()
