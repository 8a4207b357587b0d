"""The model chooses and explains; it never writes the answer itself.

Grammar-constrained JSON (llama.cpp turns the schema into a grammar): a one-line summary, picks
whose ids can only be candidate ids, one reason each, and follow-up questions. The output is
read while it streams, so each part reaches the shopper as soon as it is complete, and every
reason is checked against its product: a number the product does not have, a claim about
reviews it has none of, or the wrong language, and the app's own reason from the catalog's
facts replaces it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from engine.assistant.answer import PRICE_TEXT, validate_answer
from engine.assistant.claims import unsupported
from engine.assistant.constraints import Constraints
from engine.assistant.intent import detect_language
from engine.assistant.product_facts import key_facts
from engine.assistant.prompts import PICKS_SYSTEM, format_price, product_block, sanitize
from engine.records import Product

MAX_PICKS = 3
SUMMARY_CHARS = 160
REASON_CHARS = 120
FOLLOW_UP_CHARS = 40
_STRING = r'"((?:[^"\\]|\\.)*)"'
_SUMMARY = re.compile(r'"summary"\s*:\s*' + _STRING)
_PICK = re.compile(r'\{\s*"id"\s*:\s*' + _STRING + r'\s*,\s*"reason"\s*:\s*' + _STRING + r"\s*\}")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_RAW_LINE = re.compile(r"\[[^\]]*\]| — |<<<|>>>")
# Links and contacts never belong in an answer (the cards carry the product): a hostile
# description that plants one ("order at cheap-deals.example", "加微信…") stops at the check.
_CONTACT = re.compile(r"https?://|www\.|\b[\w.-]+@[\w-]+\.\w+|\b[\w-]+\.(?:com|cn|net|org|io|ly|"
                      r"example)\b|微信|wechat|whatsapp|telegram", re.I)
_REVIEW_CLAIM = re.compile(r"review|rated|rating|stars?|reputation|customers love|best[- ]?seller|"
                           r"评价|评分|好评|口碑|销量", re.I)


@dataclass(frozen=True)
class Pick:
    """A product the answer recommends, with the reason shown under it."""

    product: Product
    reason: str
    reason_source: str  # "model" or "catalog" (the model's reason failed its check)


def schema(candidates: Sequence[Product]) -> dict[str, Any]:
    ids = [p.id for p in candidates]
    return {
        "type": "object",
        "properties": {
            "summary": {"type": "string", "maxLength": SUMMARY_CHARS},
            "picks": {
                "type": "array", "minItems": 1, "maxItems": min(MAX_PICKS, len(ids)),
                "items": {
                    "type": "object",
                    "properties": {"id": {"type": "string", "enum": ids},
                                   "reason": {"type": "string", "maxLength": REASON_CHARS}},
                    "required": ["id", "reason"],
                },
            },
            "follow_ups": {
                "type": "array", "minItems": 2, "maxItems": 3,
                "items": {"type": "string", "maxLength": FOLLOW_UP_CHARS},
            },
        },
        "required": ["summary", "picks", "follow_ups"],
    }


def messages(message: str, candidates: Sequence[Product], language: str,
             previous: Sequence[str] = ()) -> list[dict[str, str]]:
    """Fixed system prompt (its KV cache is reused), then the candidates and the request."""
    label = "候选商品" if language == "zh" else "Candidates"
    request = "顾客的需求" if language == "zh" else "Shopper's request"
    lines = [f"{label}:", product_block(candidates)]
    if previous:
        earlier = "之前的问题" if language == "zh" else "Earlier in this chat"
        lines.append(f"{earlier}: " + " | ".join(sanitize(m, 120) for m in previous[-2:]))
    lines.append(f"{request}: {sanitize(message, 500)}")
    return [{"role": "system", "content": PICKS_SYSTEM[language]},
            {"role": "user", "content": "\n".join(lines)}]


class StreamReader:
    """Reads the JSON as it streams: yields ("summary", text) and ("pick", id, reason) once each
    part is complete, so the answer grows while the model still writes."""

    def __init__(self) -> None:
        self.text = ""
        self._summary_done = False
        self._picks_seen = 0

    def feed(self, piece: str) -> Iterator[tuple[str, ...]]:
        self.text += piece
        if not self._summary_done and (m := _SUMMARY.search(self.text)):
            self._summary_done = True
            yield ("summary", _unescape(m.group(1)))
        found = _PICK.findall(self.text)
        for pick_id, reason in found[self._picks_seen:]:
            yield ("pick", _unescape(pick_id), _unescape(reason))
        self._picks_seen = len(found)

    def result(self) -> dict[str, Any]:
        """The whole object (empty when the output was cut off)."""
        try:
            value = json.loads(self.text)
        except json.JSONDecodeError:
            return {}
        return value if isinstance(value, dict) else {}


def _unescape(text: str) -> str:
    try:
        return str(json.loads(f'"{text}"'))
    except json.JSONDecodeError:
        return text


def grounded(text: str, products: Sequence[Product], language: str,
             budget: Sequence[float] = (), message: str = "") -> bool:
    """Whether a model-written sentence about ``products`` says only what the catalog says:
    in the shopper's language, no number they (or the shopper's budget) do not have, no
    reviews they do not have, no property or need (``message``) their fields do not bear
    out."""
    text = " ".join(text.split())
    if len(text) < 4 or (language == "zh") != (detect_language(text) == "zh"):
        return False
    if _RAW_LINE.search(text) or any(
            re.search(rf"(?<![\w-]){re.escape(p.id)}(?![\w-])", text, re.I) for p in products):
        return False  # a copied catalog line, not a sentence
    if _CONTACT.search(text) or validate_answer(text, products, budget).unknown_prices:
        return False  # a link, or a written price that is no product's price nor the budget
    # A price comes from the price field: "now 1.00 USD" written in a description is not one.
    facts = " ".join(" ".join([
        *(PRICE_TEXT.sub(" ", t) for t in (p.title, p.description, p.brand, p.category)),
        format_price(p), *(PRICE_TEXT.sub(" ", f"{k} {v}") for k, v in p.attributes.items()),
        f"{p.rating}" if p.rating is not None else "",
        f"{p.rating_count}" if p.rating_count else ""]) for p in products)
    known_numbers = {_norm(n) for n in _NUMBER.findall(facts)} | {_norm(str(b)) for b in budget}
    if any(_norm(n) not in known_numbers for n in _NUMBER.findall(text)):
        return False
    if _REVIEW_CLAIM.search(text) and not any(p.rating_count for p in products):
        return False
    return not unsupported(text, products, message)


def _norm(number: str) -> str:
    value = float(number.replace(",", ""))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def catalog_reason(product: Product, language: str, limits: Constraints,
                   message: str = "") -> str:
    """A reason built from the product's own catalog facts (values its listing states, such as
    a capacity or a connector, those the request asks about first) and the limits it keeps."""
    zh = language == "zh"
    parts: list[str] = []
    facts = key_facts(product, need=message)
    if facts:
        parts.append(("参数：" if zh else "its listing gives ") + (
            "、" if zh else ", ").join(facts))
    elif limits.type_terms and limits.keeps_type(product):
        noun = limits.type_terms[0]
        article = "an" if noun[0] in "aeiou" else "a"
        parts.append("是你要找的商品类型" if zh else f"{article} {noun}, as asked")
    if limits.required:
        labels = [a[1] for a in limits.required]
        parts.append(("符合：" + "、".join(labels)) if zh else ", ".join(labels))
    if product.brand:
        parts.append(f"品牌为 {product.brand}" if zh else f"by {product.brand}")
    if limits.min_price is not None or limits.max_price is not None:
        parts.append("价格在你的预算之内" if zh else "within your budget")
    if product.rating is not None and product.rating_count:
        parts.append(f"评分 {product.rating:.1f}（{product.rating_count} 条评价）" if zh
                     else f"rated {product.rating:.1f} by {product.rating_count} reviewers")
    if not parts or (zh and len(parts) == 1 and product.brand):
        parts.append("与你的需求最接近" if zh else "the closest match in the catalog")
    if zh:
        return "，".join(parts) + "。"
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


_SENTENCE_ENDS = ("?", "？", ".", "。", "!", "！")


def follow_ups_ok(values: object, language: str, shown: Sequence[str]) -> list[str]:
    """The model's follow-up questions that are short, distinct and in the shopper's language."""
    if not isinstance(values, list):
        return []
    kept: list[str] = []
    for value in values:
        text = " ".join(str(value).split())[:FOLLOW_UP_CHARS]
        if len(text) >= FOLLOW_UP_CHARS - 1 and not text.endswith(_SENTENCE_ENDS):
            # cut off by the schema's length limit: keep its complete first sentences
            text = text[: max(text.rfind(end) for end in _SENTENCE_ENDS) + 1].strip()
        same_language = (language == "zh") == (detect_language(text) == "zh")
        if (len(text) >= 4 and same_language and text.lower() not in {k.lower() for k in kept}
                and not _NUMBER.search(text) and not _CONTACT.search(text)
                and text.lower() not in {s.lower() for s in shown}):
            kept.append(text)
    return kept[:3]
