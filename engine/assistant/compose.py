"""The answer's words, written by the app in the shopper's language from picks and reasons.

The model never writes the answer text: it returns picks, reasons and a summary (see
``picks``), and these templates turn them into prose with the catalog's own titles and prices.
So a Chinese request gets a Chinese answer over an English catalog, and no raw catalog line
(ids, rating counts, attribute dumps) ever reaches the shopper.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from engine.assistant.constraints import RATES_AS_OF, Constraints
from engine.assistant.picks import Pick
from engine.assistant.prompts import format_price
from engine.records import Product


def _money(amount: float, currency: str) -> str:
    return f"{amount:.2f} {currency}".strip()


def limits(c: Constraints, language: str) -> str:
    """The request's limits as words ("from Logitech, under 100.00 USD")."""
    zh = language == "zh"
    parts = []
    if c.brand:
        parts.append(f"品牌 {c.brand}" if zh else f"from {c.brand}")
    low, high, cur = c.min_price, c.max_price, c.catalog_currency
    if low is not None and high is not None:
        parts.append(f"价格 {_money(low, cur)}–{_money(high, cur)}" if zh
                     else f"between {_money(low, cur)} and {_money(high, cur)}")
    elif high is not None:
        parts.append(f"{_money(high, cur)} 以内" if zh else f"under {_money(high, cur)}")
    elif low is not None:
        parts.append(f"{_money(low, cur)} 以上" if zh else f"over {_money(low, cur)}")
    return "，".join(parts) if zh else ", ".join(parts)


def conversion_note(c: Constraints, language: str) -> str:
    """Says how a budget in another currency was converted (empty when none was)."""
    if not c.converted:
        return ""
    asked = c.asked_max if c.asked_max is not None else c.asked_min
    target = c.max_price if c.asked_max is not None else c.min_price
    if asked is None or target is None:
        return ""
    if language == "zh":
        return (f"（预算 {_money(asked, c.asked_currency)} 按离线汇率（{RATES_AS_OF}）约合 "
                f"{_money(target, c.catalog_currency)}，本目录以 {c.catalog_currency} 标价。）")
    return (f"(Your budget of {_money(asked, c.asked_currency)} is about "
            f"{_money(target, c.catalog_currency)} at an offline {RATES_AS_OF} rate; this catalog "
            f"prices in {c.catalog_currency}.)")


def lead(count: int, c: Constraints, language: str) -> str:
    """The first line, shown the moment the candidates are known."""
    described = limits(c, language)
    note = conversion_note(c, language)
    if language == "zh":
        text = f"为你找到 {count} 款商品" + (f"（{described}）" if described else "") + "："
    else:
        noun = "pick" if count == 1 else "picks"
        text = f"Here {'is' if count == 1 else 'are'} {count} {noun}" + (
            f" {described}" if described else "") + ":"
    return f"{text} {note}".strip() if note else text


def price_text(product: Product, c: Constraints) -> str:
    """The product's price, in the catalog's currency when the feed did not name one."""
    if product.price is None or product.currency:
        return format_price(product)
    return _money(product.price, c.catalog_currency)


def pick_line(position: int, pick: Pick, c: Constraints) -> str:
    price = f" — {price_text(pick.product, c)}" if pick.product.price is not None else ""
    return f"{position}. {pick.product.title}{price}\n   {pick.reason}"


def nothing_fits(c: Constraints, alternatives: Sequence[Product], language: str) -> str:
    """Says plainly that nothing keeps every limit, then the closest products, labelled."""
    described = limits(c, language) or ("这些条件" if language == "zh" else "all of that")
    note = conversion_note(c, language)
    if language == "zh":
        return _with_alternatives(f"目录中没有完全符合要求（{described}）的商品。" + note,
                                  "最接近的替代品（不完全符合你的条件）：", alternatives, c)
    return _with_alternatives(f"Nothing in this catalog fits {described}. {note}".strip(),
                              "Closest alternatives (they do not meet every condition):",
                              alternatives, c)


def _with_alternatives(first: str, heading: str, alternatives: Sequence[Product],
                       c: Constraints) -> str:
    """``first``, then the alternatives under ``heading``, each with its price."""
    lines = [first, heading] if alternatives else [first]
    lines += [f"- {p.title}" + (f" — {price_text(p, c)}" if p.price is not None else "")
              for p in alternatives]
    return "\n".join(lines)


CLARIFY = {
    "en": "What are you looking for? Tell me the kind of product, and a budget or brand if you "
          "have one — for example “wireless headphones under $100”.",
    "zh": "你想找什么商品？告诉我商品类型，如果有预算或品牌也可以说，例如“100美元以内的无线耳机”。",
}


def default_follow_ups(products: Sequence[Product], terms: Sequence[str],
                       language: str) -> list[str]:
    """Follow-ups from this answer's own products when the model's are unusable."""
    if not products:
        return []
    zh = language == "zh"
    noun = terms[0] if terms else ""
    options = [f"有更便宜的{noun}吗？" if zh else f"Any cheaper {noun or 'ones'}?".replace(
        "  ", " ")]
    if len(products) >= 2:
        options.append("比较第1个和第2个" if zh else "Compare 1 and 2")
    options.append("评分更高的呢？" if zh else "Better rated ones?")
    return options


def not_carried(kind: str, alternatives: Sequence[Product], c: Constraints,
                language: str) -> str:
    """Says plainly that this catalog sells no such thing; the closest products follow,
    labelled as what they are."""
    if language == "zh":
        return _with_alternatives(f"这个目录里没有{kind}。",
                                  "目录中最接近的商品（并不是你要找的）：", alternatives, c)
    return _with_alternatives(f"This catalog has no {kind}.",
                              "The closest products it has (not what you asked for):",
                              alternatives, c)


CLARIFY_NEED = {
    "en": "Happy to help! What kind of product are you thinking of? Pick one below, or tell me "
          "more (who it is for, a budget).",
    "zh": "乐意帮忙！你想要哪一类商品？可以从下面选一个，或者多告诉我一些（给谁用、预算多少）。",
}
_THANKS = re.compile(r"thank|thx|\bty\b|cheers|谢|感谢", re.I)
_BYE = re.compile(r"\bbye\b|goodbye|see you|再见|拜拜", re.I)


def chat_reply(message: str, language: str) -> str:
    """A short reply to a message that is not shopping: thanks, goodbye, or else (a greeting,
    nothing) what the shopper is looking for."""
    zh = language == "zh"
    if _THANKS.search(message):
        return "不客气！还有其他想了解的商品吗？" if zh else \
            "You're welcome! Anything else you'd like to look for?"
    if _BYE.search(message):
        return "再见，购物愉快！" if zh else "Goodbye, and happy shopping!"
    return CLARIFY[language]


def question_follow_ups(language: str) -> list[str]:
    """What a shopper may ask next about the product in focus."""
    if language == "zh":
        return ["有更便宜的吗？", "它的评分怎么样？"]
    return ["Any cheaper ones?", "How is it rated?"]
