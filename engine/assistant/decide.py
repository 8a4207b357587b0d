"""Helping a shopper decide, by code: a comparison's verdict and "which should I get?".

The choice is made from price, rating, number of ratings and the values each listing states,
so it is reproducible and every claim is a field of the product it names; the words are
templates in the shopper's language.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from engine.assistant.constraints import Constraints
from engine.assistant.product_facts import key_facts
from engine.assistant.prompts import format_price
from engine.records import Product

NAME_WORDS = 8


def short_name(product: Product) -> str:
    """The title without its brand and colour segments ("OtterBox - Defender Case - Black" →
    "Defender Case"), at most a few words: what a sentence calls the product."""
    segments = [s.strip() for s in product.title.split(" - ") if s.strip()]
    kept = [s for s in segments if s.lower() != product.brand.lower()] or segments
    words = kept[0].split()
    return " ".join(words[:NAME_WORDS]) + ("…" if len(words) > NAME_WORDS else "")


def _quality(product: Product) -> float:
    """Rating weighted by how many rated it (an unrated product scores 0)."""
    if product.rating is None:
        return 0.0
    return product.rating * math.log1p(product.rating_count or 0)


def _extra_fact(product: Product, other: Product) -> str:
    """A value this product's listing states that the other's does not."""
    theirs = {f.lower() for f in key_facts(other, 4)}
    return next((f for f in key_facts(product, 4) if f.lower() not in theirs), "")


def _what_more(product: Product, other: Product, zh: bool) -> str:
    """What ``product`` offers over ``other``: a better rating, or a value only its listing
    states ("" when neither)."""
    if product.rating is not None and _quality(product) > _quality(other):
        return (f"评分更高（{product.rating:.1f}）" if zh
                else f"is better rated ({product.rating:.1f} from {product.rating_count} ratings)")
    extra = _extra_fact(product, other)
    if extra:
        return f"多了 {extra}" if zh else f"adds {extra}"
    return ""


def compare_verdict(products: Sequence[Product], language: str) -> str:
    """One or two sentences on ``products`` side by side: the cheaper one, and what the
    other offers for its price (a better rating, or a value only its listing states)."""
    zh = language == "zh"
    priced = sorted((p for p in products if p.price is not None), key=lambda p: p.price or 0.0)
    if len(priced) < 2:
        return ("两者的价格信息不全，请看上表中的参数。" if zh
                else "Their prices are not both listed; see the table for their details.")
    cheap, dear = priced[0], priced[-1]
    position = {p.id: n for n, p in enumerate(products, 1)}
    if cheap.price == dear.price:
        extra_text = _what_more(products[1], products[0], zh)
        if zh:
            return f"两款价格相同（{format_price(cheap)}）" + (
                f"；第2款{extra_text}。" if extra_text else "，请看上表中的参数。")
        return (f"Both cost {format_price(cheap)}" + (
            f"; the {short_name(products[1])} {extra_text}." if extra_text
            else "; see the table for how they differ."))
    if zh:
        text = f"第{position[cheap.id]}款更便宜（{format_price(cheap)}）"
    else:
        text = f"The {short_name(cheap)} is the cheaper one at {format_price(cheap)}"
    extra_text = _what_more(dear, cheap, zh)
    if zh:
        tail = f"；第{position[dear.id]}款（{format_price(dear)}）" + (
            f"{extra_text}。" if extra_text else "更贵。")
        return text + tail
    tail = (f"; the {short_name(dear)} ({format_price(dear)}) {extra_text}." if extra_text
            else f"; the {short_name(dear)} costs {format_price(dear)}.")
    return text + tail


@dataclass(frozen=True)
class Decision:
    """The top pick, and a cheaper and a better alternative when there are any."""

    top: Product
    cheaper: Product | None
    better: Product | None

    @property
    def products(self) -> list[Product]:
        return [p for p in (self.top, self.cheaper, self.better) if p is not None]


def decide(products: Sequence[Product], need: Constraints | None) -> Decision:
    """The product that keeps the need best (shown order breaks ties: it is the search's and
    the model's best fit), the cheapest other one below its price, and the best rated or else
    dearest one above it."""
    def score(item: tuple[int, Product]) -> tuple[bool, float, int]:
        n, product = item
        keeps = need.keeps(product) if need is not None else True
        return (keeps, _quality(product), -n)
    ranked = sorted(enumerate(products), key=score, reverse=True)
    top = ranked[0][1]
    others = [p for p in products if p.id != top.id]
    cheaper = min((p for p in others if p.price is not None and top.price is not None
                   and p.price < top.price), key=lambda p: p.price or 0.0, default=None)
    rest = [p for p in others if cheaper is None or p.id != cheaper.id]
    better = max((p for p in rest if _quality(p) > _quality(top)), key=_quality, default=None)
    if better is None:
        better = max((p for p in rest if p.price is not None and top.price is not None
                      and p.price > top.price), key=lambda p: p.price or 0.0, default=None)
    return Decision(top, cheaper, better)


def decision_text(decision: Decision, language: str) -> str:
    """The decision in two or three sentences, each naming its product and why."""
    zh = language == "zh"
    top = decision.top
    facts = key_facts(top)
    if zh:
        lines = [f"我推荐 {top.title}（{format_price(top)}）" + (
            f"：{'、'.join(facts)}。" if facts else "，它最符合你的要求。")]
    else:
        lines = [f"My pick: the {top.title} ({format_price(top)})" + (
            f" — its listing gives {', '.join(facts)}." if facts
            else ", the closest fit to what you asked for.")]
    if decision.cheaper is not None:
        p = decision.cheaper
        lines.append(f"想省钱可以选 {p.title}（{format_price(p)}）。" if zh
                     else f"To spend less: the {p.title} at {format_price(p)}.")
    if decision.better is not None:
        p = decision.better
        why_text = _what_more(p, top, zh)
        if zh:
            lines.append(f"预算更充足的话可以考虑 {p.title}（{format_price(p)}）"
                         + (f"，{why_text}。" if why_text else "。"))
        else:
            lines.append(f"To spend more: the {p.title} ({format_price(p)})"
                         + (f", which {why_text}." if why_text else "."))
    return "\n".join(lines)
