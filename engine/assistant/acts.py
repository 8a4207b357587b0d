"""What a message does in the conversation, read by rules before anything is searched.

Every message is one act: a new need, a refinement of the current one, a question about one
product, a comparison, a request to decide, or not shopping at all. The act decides the rest:
a refinement keeps the need and changes only what it names, a question is answered from one
product's fields, a comparison shows exactly the products named. "it", "the second one",
"that Belkin" and a product's name resolve to products shown earlier in the chat.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from engine.assistant.constraints import Constraints, match_brand, type_terms, zh_type
from engine.assistant.conversation import Conversation
from engine.assistant.coverage import is_vague
from engine.assistant.intent import CHEAPER, is_request, ordinal_refs, price_bounds, strip_prices
from engine.assistant.product_facts import aspect_of
from engine.records import Product
from engine.text_analysis import CJK

ActKind = Literal["new_need", "refine", "question", "compare", "decide", "chat"]

# A message made only of these is not shopping: a greeting, thanks, goodbye.
_CHAT_WORDS = set("""hi hello hey yo there all everyone good morning afternoon evening thanks
thank you so much a lot very cool great ok okay bye goodbye see later perfect nice awesome got
it cheers thx ty aisle again that's that is was helpful helped fine sounds appreciate it
alright sure wow how are doing what's up today""".split())
_ZH_CHAT = re.compile(r"你好|您好|嗨|哈喽|谢|多谢|感谢|好的|再见|拜拜|知道了|明白了|不错|太好了|"
                      r"好吧|嗯|哦|啦|了|呀|你|您|非常|很|真|的|啊|帮助|帮忙|有用")
_COMPARE = re.compile(r"\bcompare\b|\bvs\.?\b|\bversus\b|\bdiffer|比较|对比|比一比|区别|不同|"
                      r"\bor\b.*\?|还是", re.I)
_DECIDE = re.compile(
    r"which (?:one )?(?:should|would|do you|is (?:the )?best|is better|to (?:get|buy|pick|choose))|"
    r"what should i (?:get|buy|pick|choose)|which do you recommend|help me (?:decide|choose)|"
    r"your (?:top )?pick|best (?:one|choice|option) (?:of|among) (?:these|them)|"
    r"which (?:one|of (?:these|them|those))\b[^?]*\?|\bwhich\s*\??\s*$|"
    r"哪个(?:最|更)?(?:好|值得|划算)|买哪(?:个|款)|选哪(?:个|款)|该买|推荐哪(?:个|款)|哪个比较好|"
    r"哪(?:一)?款(?:最|更)?好|帮我(?:选|决定)", re.I)
_FIRST_N = re.compile(
    r"\b(?:the\s+)?(?:first|top)\s+(two|three|2|3)\b|前\s*([两二三23])\s*(?:个|款|件|种)?|"
    r"\b(?:these|those|the)\s+(two|three)\b|\bboth\b|这两(?:个|款|件)|两者|两个都", re.I)
_COUNT = {"two": 2, "three": 3, "2": 2, "3": 3, "两": 2, "二": 2, "三": 3}
_PRONOUN = re.compile(r"\b(?:it|its|it's|this one|that one|this|that|the one|they|them)\b|"
                      r"它|这个|那个|这款|那款|该商品|这件|那件", re.I)
_QUESTION = re.compile(
    r"\?|？|^\W*(?:what|what's|how|does|do|is|are|can|will|which|who|would|could|has|have)\b|"
    r"吗|多少|多大|多长|多重|几|什么|怎么|怎样|是否|能不能|可不可以|支持|兼容", re.I)
_TELL_MORE = re.compile(r"tell me (?:more )?about|more (?:info|information|details) (?:on|about)|"
                        r"details (?:of|on|about)|describe|what is it like|介绍|详细|说说|讲讲|"
                        r"怎么样", re.I)
_NEED_FORM = re.compile(r"do you (?:have|sell|carry)|are there|\bany\b|looking for|i need|"
                        r"i want|recommend|suggest|show me|find me|有没有|有卖|推荐|想要|需要|找",
                        re.I)
_WORD = re.compile(r"[a-z0-9][a-z0-9+&'-]*", re.I)
_LAST_ONE = re.compile(r"\bthe last\b|\blast (?:one|item|product|option)\b", re.I)
_ASKS_IDEAS = re.compile(r"recommend|suggest|ideas?|推荐|建议", re.I)
_TOKEN = re.compile(r"[\w+&'.-]+")
_COMMON = set("the a an of for with and in on to my your is are what how does do it this that "
              "which one ones have has can will its about tell me more".split())


@dataclass(frozen=True)
class Act:
    """The message's act and the products it points at (ids, in the order named)."""

    kind: ActKind
    product_ids: tuple[str, ...] = ()


def read_act(message: str, conversation: Conversation,
             lookup: Callable[[str], Product | None],
             find_named: Callable[[str], Product | None], brands: Sequence[str] = ()) -> Act:
    """The act of ``message`` given what the chat has shown.

    Args:
        lookup: a product by id.
        find_named: the catalog product the message names by its title, if any.
        brands: the catalog's brands ("only Motorola" names a brand, not a kind of product).
    """
    if _is_chat(message):
        return Act("chat")
    if not is_request(message):  # "what do you recommend?" asks for a need to be asked
        return Act("new_need" if _ASKS_IDEAS.search(message) else "chat")
    shown = [p for i in conversation.shown_ids if (p := lookup(i)) is not None]
    focus = lookup(conversation.focus_id) if conversation.focus_id else None
    pointed = _pointed(message, shown, focus)
    budget = any(v is not None for v in price_bounds(message)) or bool(CHEAPER.search(message))
    if len(pointed) >= 2 and (_COMPARE.search(message) or _DECIDE.search(message)):
        return Act("compare", tuple(p.id for p in pointed))
    if shown and _COMPARE.search(message) and _FIRST_N.search(message):
        return Act("compare", tuple(p.id for p in pointed))  # fewer shown than it names
    if shown and _DECIDE.search(message) and not budget:
        return Act("decide", tuple(p.id for p in (pointed or shown)))
    asks = bool(_QUESTION.search(message) or _TELL_MORE.search(message))
    if len(pointed) == 1 and asks and not budget:
        return Act("question", (pointed[0].id,))
    if (focus is not None and not pointed and not budget and aspect_of(message, focus)
            and not _NEED_FORM.search(message)):
        return Act("question", (focus.id,))  # "what about the battery?" of the product in focus
    if asks and not budget and (aspect_of(message) or _TELL_MORE.search(message)
                                or not _NEED_FORM.search(message)):
        named = find_named(message)
        if named is not None:
            return Act("question", (named.id,))
    if conversation.need is not None and not _new_type(message, conversation, brands):
        return Act("refine", tuple(p.id for p in pointed))
    return Act("new_need")


def _is_chat(message: str) -> bool:
    """Nothing but greetings and thanks."""
    if CJK.search(message):
        return not re.sub(r"[\W_]+", "", _ZH_CHAT.sub("", message))
    words = re.findall(r"[a-z']+", message.lower())
    return bool(words) and all(w in _CHAT_WORDS for w in words) and not re.search(r"\d", message)


def _pointed(message: str, shown: Sequence[Product], focus: Product | None) -> list[Product]:
    """The shown products the message points at: by position, by "the first two", by brand or
    name, or by "it" (the product in focus)."""
    found: list[Product] = []
    first_n = _FIRST_N.search(message)
    if first_n:
        count = next((_COUNT[g] for g in first_n.groups() if g), 2)
        found += shown[:count]
    for n in ordinal_refs(message):
        if n == -1 and not _LAST_ONE.search(message):
            continue  # "how long does it last": not the last product
        index = len(shown) - 1 if n == -1 else n - 1
        if 0 <= index < len(shown):
            found.append(shown[index])
    if not found:
        found += [p for p in shown if _names(message, p)]
    if not found and focus is not None and _PRONOUN.search(message):
        found.append(focus)
    return list({p.id: p for p in found}.values())


def _names(message: str, product: Product) -> bool:
    """Whether the message names this product: its brand followed by nothing else the
    other products share ("that Belkin"), or two distinctive words of its title."""
    words = {w.lower() for w in _WORD.findall(message)} - _COMMON
    brand = {w.lower() for w in _WORD.findall(product.brand)}
    title = {w.lower() for w in _WORD.findall(product.title)} - _COMMON
    if brand and brand <= words:
        return True
    return len(words & (title - brand)) >= 2


_ZH_COLOURS = {"黑": "black", "白": "white", "金": "gold", "银": "silver", "灰": "gray",
               "蓝": "blue", "红": "red", "粉": "pink", "绿": "green", "紫": "purple"}


def named_product(message: str, hits: Sequence[Product]) -> Product | None:
    """The product among ``hits`` that the message names by title: its brand or a model word
    (one with a digit, or capitals inside) and at least one more word of its title, in any
    script ("Northbyte Zen 笔记本", "听澜 悦听Lite")."""
    lowered = message.lower()
    colours = {english for zh, english in _ZH_COLOURS.items() if f"{zh}色" in message}
    best: tuple[float, Product] | None = None
    for product in hits:
        tokens = {t.lower().strip(".-") for t in _TOKEN.findall(product.title)}
        tokens = (tokens | {part for t in tokens for part in t.split("-")}) - _COMMON
        overlap = {t for t in tokens if len(t) >= 2 and _mentions(lowered, t)}
        overlap |= tokens & colours
        brand = product.brand.lower().strip()
        named_brand = bool(brand) and _mentions(lowered, brand)
        distinctive = named_brand or any(_model_word(t) or CJK.search(t) for t in overlap
                                         if t not in brand.split())
        others = {t for t in overlap if t not in brand.split() and t != brand}
        score = len(overlap) - len(tokens) / 100  # the closer title wins a tie
        if distinctive and others and len(overlap | ({brand} if named_brand else set())) >= 2 \
                and (best is None or score > best[0]):
            best = (score, product)
    return best[1] if best else None


def _mentions(message: str, token: str) -> bool:
    """The (lower-cased) message contains ``token``: as a word for Latin script, anywhere for
    Chinese (which has no spaces)."""
    if CJK.search(token):
        return token in message
    return re.search(rf"(?<![\w]){re.escape(token)}(?![\w])", message) is not None


def _model_word(word: str) -> bool:
    """A word of a model name: with a digit ("s7", "13.3-inch") or more than common letters."""
    return any(c.isdigit() for c in word)


def _new_type(message: str, conversation: Conversation, brands: Sequence[str]) -> bool:
    """Whether the message names a kind of product other than the current need's."""
    need = conversation.need or {}
    before = set(need.get("type_terms", ()))
    if _NEED_FORM.search(message) and is_vague(message, Constraints()):
        return True  # "I need a gift": a new, open need, whatever was asked before
    if CJK.search(message):
        kind = zh_type(message)
        return bool(kind) and kind not in before
    own = type_terms(strip_prices(message), match_brand(message, brands))
    return bool(own) and not set(own) & before
