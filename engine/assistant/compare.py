"""Side-by-side comparison: the table is built from catalog data by code, never by the model."""

from __future__ import annotations

import re
from collections.abc import Sequence

from engine.assistant.answer import validate_answer
from engine.assistant.claims import content_words, need_words, unsupported
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


# A sentence ends at a stop followed by a space or the end ("3.7" goes on), or a Chinese stop.
_WHOLE_SENTENCE = re.compile(r".*?(?:[.!?]+(?=\s|$)|[。！？]+)", re.S)
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
    for sentence in _WHOLE_SENTENCE.findall(checked)[:VERDICT_SENTENCES]:
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
    said = _facts(text) | need_words(text)  # a Chinese verdict's words in English
    per_product = [_facts(_listed(p)) for p in products]
    shared = set.intersection(*per_product) if per_product else set()
    return bool(said & (set().union(*per_product) - shared))


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _facts(text: str) -> set[str]:
    """The numbers (as values: "30.00" is "30") and content words of a text."""
    numbers = set()
    for number in _NUMBER.findall(text):
        try:
            numbers.add(f"{float(number.replace(',', '')):g}")
        except ValueError:
            numbers.add(number)
    return numbers | content_words(text)


def _listed(product: Product) -> str:
    return " ".join([product.title, product.description,
                     *(f"{k} {v}" for k, v in descriptive_attributes(product)),
                     "" if product.price is None else f"{product.price}",
                     "" if product.rating is None else f"{product.rating}",
                     str(product.rating_count or "")])


def _without_ids(text: str, products: Sequence[Product]) -> str:
    """The text without ids, bracketed or as the products write them ("(demo-00715)")."""
    text = re.sub(r"\[[^\]]*\]", " ", text)
    for product in products:
        text = text.replace(product.id, " ")
    return text
