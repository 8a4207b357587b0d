"""Checking a generated answer against the catalog, and the answer when there is no model.

A small model sometimes invents an id or a price. After generation every ``[id]`` must be one
of the products it was given and every price must be one of theirs (or the shopper's own
budget); what is not is stripped. (Grounded answers are composed by the app from the model's
picks, see ``picks`` and ``compose``; this check guards the comparison verdict.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from engine.assistant.prompts import NO_MATCH, format_price
from engine.messages import in_language
from engine.records import Product

_BRACKETS = re.compile(r"\[([^\[\]\n]{1,120})\]")
_ID_SPLIT = re.compile(r"[,，;；、/\s]+")
# A written price: an amount with its currency sign or word (also used to tell prices from
# other numbers in product text).
PRICE_TEXT = re.compile(
    r"(?:[$¥￥]|\b(?:USD|CNY|RMB)\s?)\s?(\d[\d,]*(?:\.\d+)?)"
    r"|(\d[\d,]*(?:\.\d+)?)\s?(?:USD|CNY|RMB|dollars?|元|美元|块)",
    re.I,
)
_SENTENCE = re.compile(r".+?(?:[.!?](?=\s|$)|[。！？\n]|$)\s*", re.S)


@dataclass
class Validation:
    """The cleaned answer, the products it cites (in order) and what was wrong with it."""

    text: str
    cited_ids: list[str]
    unknown_ids: list[str] = field(default_factory=list)
    unknown_prices: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.unknown_ids and not self.unknown_prices


def validate_answer(text: str, products: Sequence[Product],
                    allowed_numbers: Iterable[float] = ()) -> Validation:
    """Keep only citations of ``products`` and sentences whose prices are theirs."""
    by_key = {p.id.lower(): p.id for p in products}
    unknown: list[str] = []

    def keep_known(match: re.Match[str]) -> str:
        tokens = [t for t in _ID_SPLIT.split(match.group(1)) if t]
        known = [by_key[t.lower()] for t in tokens if t.lower() in by_key]
        unknown.extend(t for t in tokens if t.lower() not in by_key)
        return f"[{', '.join(known)}]" if known else ""

    cleaned = _BRACKETS.sub(keep_known, text)
    prices = {round(p.price, 2) for p in products if p.price is not None}
    prices.update(round(float(n), 2) for n in allowed_numbers)
    bad_prices: list[str] = []
    kept = []
    for sentence in _SENTENCE.findall(cleaned):
        wrong = [m.group(0) for m in PRICE_TEXT.finditer(sentence) if _amount(m) not in prices]
        bad_prices.extend(wrong)
        if not wrong:
            kept.append(sentence)
    cleaned = re.sub(r"[ \t]{2,}", " ", "".join(kept)).strip()
    return Validation(cleaned, cited_ids(cleaned, products), unknown, bad_prices)


def _amount(match: re.Match[str]) -> float:
    return round(float((match.group(1) or match.group(2)).replace(",", "")), 2)


def cited_ids(text: str, products: Sequence[Product]) -> list[str]:
    """Ids of ``products`` the text cites, by ``[id]``, bare id or full title, in text order."""
    lowered = text.lower()
    found: list[tuple[int, str]] = []
    for product in products:
        spots = [m.start() for m in re.finditer(
            rf"(?<![\w-]){re.escape(product.id.lower())}(?![\w-])", lowered)]
        title = product.title.lower()
        if len(title) >= 8 and title in lowered:
            spots.append(lowered.index(title))
        if spots:
            found.append((min(spots), product.id))
    return [pid for _, pid in sorted(found)]


RETRIEVAL_ONLY_INTRO = {
    "en": "The assistant's language model is not available ({reason}), so here are the best "
          "matches from the catalog:",
    "zh": "助手的语言模型当前不可用（{reason}），以下是目录中最匹配的商品：",
}


def retrieval_only_answer(products: Sequence[Product], language: str, reason: str) -> str:
    """A templated summary of the best matches, saying why there is no written answer."""
    lines = [RETRIEVAL_ONLY_INTRO[language].format(reason=in_language(reason, language))]
    if not products:
        lines.append(NO_MATCH[language])
    for n, product in enumerate(products, 1):
        rating = f" — ★{product.rating:.1f}" if product.rating is not None else ""
        lines.append(f"{n}. [{product.id}] {product.title} — {format_price(product)}{rating}")
    return "\n".join(lines)
