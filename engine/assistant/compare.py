"""Side-by-side comparison: the table is built from catalog data by code, never by the model."""

from __future__ import annotations

import re
from collections.abc import Sequence

from engine.assistant.answer import validate_answer
from engine.assistant.claims import content_words, need_words, unsupported, whole_sentences
from engine.assistant.product_facts import numbers_in, numbers_in_fields
from engine.assistant.prompts import descriptive_attributes, format_price, sanitize
from engine.records import Product
from engine.text_analysis import CJK

CELL_CHARS = 40
MAX_ATTRIBUTE_ROWS = 6

LABELS = {
    "en": {"product": "Product", "price": "Price", "rating": "Rating", "reviews": "Reviews",
           "brand": "Brand", "category": "Category", "availability": "Availability"},
    "zh": {"product": "商品", "price": "价格", "rating": "评分", "reviews": "评价数",
           "brand": "品牌", "category": "类别", "availability": "库存"},
}


def _cell(value: object) -> str:
    if value is None or value == "":
        return "—"
    return sanitize(str(value), CELL_CHARS).replace("|", "/")


def comparison_rows(products: Sequence[Product], language: str) -> list[tuple[str, list[str]]]:
    """(label, one cell per product) rows: shared fields, then attributes any product has."""
    labels = LABELS[language]
    rows: list[tuple[str, list[str]]] = [
        (labels["product"], [f"[{p.id}] {_cell(p.title)}" for p in products]),
        (labels["price"], [format_price(p) for p in products]),
        (labels["rating"], [_cell(None if p.rating is None else f"{p.rating:.1f}")
                            for p in products]),
        (labels["reviews"], [_cell(p.rating_count) for p in products]),
        (labels["brand"], [_cell(p.brand) for p in products]),
        (labels["category"], [_cell(p.category) for p in products]),
    ]
    if any(p.availability for p in products):
        rows.append((labels["availability"], [_cell(p.availability) for p in products]))
    keys: list[str] = []
    for product in products:
        keys.extend(k for k, _ in descriptive_attributes(product) if k not in keys)
    for key in keys[:MAX_ATTRIBUTE_ROWS]:
        rows.append((_cell(key), [_cell(p.attributes.get(key)) for p in products]))
    return rows


def comparison_table(products: Sequence[Product], language: str) -> str:
    """A Markdown table, one column per product."""
    rows = comparison_rows(products, language)
    header, *body = rows
    lines = [f"| {header[0]} | " + " | ".join(header[1]) + " |",
             "|" + "---|" * (len(products) + 1)]
    lines += [f"| {label} | " + " | ".join(cells) + " |" for label, cells in body]
    return "\n".join(lines)


VERDICT_SENTENCES = 2
MIN_OWN_WORDS = 4  # besides the products' ids and titles
MIN_OWN_CJK = 6


def usable_verdict(text: str, products: Sequence[Product], language: str) -> str:
    """The model's verdict as far as it holds: its first whole sentences (it may stop
    mid-sentence at its token limit, or still be writing), up to the first that claims what
    the products' fields do not bear out; "" unless they say something of their own in the
    shopper's language (a small model sometimes writes only a product's name)."""
    checked = validate_answer(text, products).text.strip()
    kept: list[str] = []
    for sentence in whole_sentences(checked)[:VERDICT_SENTENCES]:
        if unsupported(_without_ids(sentence, products), products):
            break
        kept.append(sentence)
    whole = "".join(kept).strip()
    own = _without_ids(whole, products)
    for product in products:  # as written, or as the table's cell cuts it
        own = own.replace(product.title, " ").replace(_cell(product.title), " ")
    says = (len(CJK.findall(own)) >= MIN_OWN_CJK if language == "zh"
            else len(re.findall(r"[A-Za-z]{2,}", own)) >= MIN_OWN_WORDS)
    return whole if says and _gives_a_difference(own, products) else ""


def _gives_a_difference(text: str, products: Sequence[Product]) -> bool:
    """Whether the verdict (without the products' names) says why: a price, rating or listed
    value one product has and another lacks. "The one that suits the shopper" gives no reason;
    a small model writes that often, and then the catalog's verdict is the better one."""
    said = numbers_in(text) | need_words(text)  # a Chinese verdict's words in English too
    per_product = [numbers_in_fields(p) | content_words(" ".join([
        p.title, p.description, *(f"{k} {v}" for k, v in descriptive_attributes(p))]))
        for p in products]
    shared = set.intersection(*per_product) if per_product else set()
    return bool(said & (set().union(*per_product) - shared))


def _without_ids(text: str, products: Sequence[Product]) -> str:
    """The text without ids, bracketed or as the products write them ("(demo-00715)")."""
    text = re.sub(r"\[[^\]]*\]", " ", text)
    for product in products:
        text = text.replace(product.id, " ")
    return text
