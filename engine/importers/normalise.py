"""Turning one raw row into a clean :class:`Product`, or a :class:`SkippedRow` saying why not.

Decisions (documented here because users see their effects):
- A rating outside 0..5 (or unreadable) is dropped and the product kept: a wrong rating
  scale should not cost the shopper the product. A bad *price* skips the row, because a
  wrong price is worse than a missing product.
- HTML tags are stripped and entities decoded in text fields; whitespace is collapsed.
- Only http(s) links are kept (``//host/x`` becomes https), so a feed cannot plant
  ``javascript:`` or ``file:`` links in the app.
- Feeds without any id column get a stable id derived from title, brand, url and image, so
  re-importing an updated feed updates products instead of duplicating them.
- Merchant ``google_product_category`` stays in ``attributes``; it is the category only when
  there is no ``product_type`` and it is a path, not a numeric taxonomy id.
- Merchant ``sale_price`` wins over ``price`` when it is valid; the regular price is kept in
  ``attributes["regular_price"]``.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import math
import re
from typing import Any

from engine.importers.columns import ColumnPlan
from engine.importers.prices import currency_code, parse_price
from engine.messages import Message
from engine.records import Product, SkippedRow

log = logging.getLogger(__name__)

MAX_ID = 200
MAX_TITLE = 1000
MAX_DESCRIPTION = 20000
MAX_RATING = 5.0

_BLOCK_TAG = re.compile(r"</?(br|p|div|li|ul|ol|tr|td|th|h\d|table|section)\b[^<>]*>", re.I)
_TAG = re.compile(r"<[^<>]*>")
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")  # control characters split() keeps
_AVAILABILITY = {
    "in_stock": ("in stock", "instock", "in_stock", "available", "yes", "true", "1", "有货",
                 "现货"),
    "out_of_stock": ("out of stock", "outofstock", "out_of_stock", "sold out", "soldout",
                     "unavailable", "discontinued", "no", "false", "0", "缺货", "无货"),
    "preorder": ("preorder", "pre-order", "pre_order", "pre order", "预售"),
    "backorder": ("backorder", "back order", "back_order", "available for order", "on order"),
}
_AVAILABILITY_LOOKUP = {text: code for code, texts in _AVAILABILITY.items() for text in texts}


def clean_text(value: Any) -> str:
    """Plain one-line text from a cell: HTML removed, entities decoded, whitespace collapsed."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = next((v for v in value if v not in ("", None)), "")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = value if isinstance(value, str) else str(value)
    if "<" in text:
        text = _TAG.sub("", _BLOCK_TAG.sub(" ", _SCRIPT.sub(" ", text)))
    if "&" in text:
        text = html.unescape(text)
    return " ".join(_CONTROL.sub(" ", text).split())


def category_path(value: Any) -> str:
    """A category as ``"A > B > C"``; a list of levels is joined, empty levels dropped."""
    levels = value if isinstance(value, list) else [value]
    parts = [clean_text(level) for level in levels if not isinstance(level, (dict, list))]
    return " > ".join(p for p in parts if p)


def availability(value: Any) -> str:
    """in_stock / out_of_stock / preorder / backorder when recognisable, else the text as given."""
    text = clean_text(value)
    key = text.lower().rsplit("/", 1)[-1]  # schema.org URLs: http://schema.org/InStock
    return _AVAILABILITY_LOOKUP.get(key, _AVAILABILITY_LOOKUP.get(key.replace("_", " "), text))


def safe_url(value: Any) -> str:
    url = clean_text(value).replace(" ", "%20")
    if url.startswith("//"):
        url = "https:" + url
    return url if url.lower().startswith(("http://", "https://")) else ""


def rating(value: Any) -> float | None:
    number = _number(value)
    if number is None or not 0.0 <= number <= MAX_RATING:
        return None
    return number


def rating_count(value: Any) -> int | None:
    number = _number(clean_text(value).replace(",", "").replace("_", "") if isinstance(value, str)
                     else value)
    if number is None or number < 0 or not number.is_integer() or number > 1e15:
        return None
    return int(number)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value in (None, ""):
        return None
    try:
        number = float(value.replace(",", ".") if isinstance(value, str) else value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def derived_id(title: str, brand: str, url: str, image_url: str) -> str:
    key = "\x1f".join((title, brand, url, image_url)).encode("utf-8", "surrogatepass")
    return "h-" + hashlib.sha1(key).hexdigest()[:16]


class RowNormaliser:
    """Converts raw rows of one feed; remembers accepted ids to skip duplicates."""

    def __init__(self, plan: ColumnPlan) -> None:
        self.plan = plan
        self.seen: set[str] = set()

    def convert(self, line: int, record: dict[str, Any]) -> Product | SkippedRow:
        values = {name: self._value(record, name) for name in self.plan.sources}
        text = {name: clean_text(values.get(name)) for name in ("id", "title", "description")}
        problem = self._text_problem(text["id"], text["title"], text["description"])
        if problem:
            return SkippedRow(line, *problem)
        try:
            price, currency, regular = self._price(record, values)
        except ValueError as err:
            return SkippedRow(line, Message("bad price"), _price_problem(err))
        product = self._product(record, values, text, price, currency)
        if regular is not None:
            product.attributes.setdefault("regular_price", regular)
        if product.id in self.seen:
            return SkippedRow(line, Message("duplicate id"),
                              Message("id {product_id!r} appeared earlier", product_id=product.id))
        self.seen.add(product.id)
        return product

    def _value(self, record: dict[str, Any], name: str) -> Any:
        columns = self.plan.sources[name]
        if len(columns) == 1:
            return record.get(columns[0])
        return " > ".join(p for p in (category_path(record.get(c)) for c in columns) if p)

    def _text_problem(self, ident: str, title: str, description: str) -> tuple[str, str] | None:
        """(skip reason, detail) when the id or title is missing or a text is too long."""
        if not ident and not self.plan.derive_ids:
            return Message("missing id"), Message("the id is empty")
        if not title:
            return Message("missing title"), Message("product {product_id!r} has no title",
                                                     product_id=ident[:60])
        too_long = _too_long(ident, title, description)
        return (Message("too long"), too_long) if too_long is not None else None

    def _price(self, record: dict[str, Any],
               values: dict[str, Any]) -> tuple[float | None, str, Any]:
        """(price, currency, regular price when a valid sale price replaced it)."""
        raw, regular = _scalar(values.get("price")), None
        sale = _scalar(record.get(self.plan.sale_price)) if self.plan.sale_price else None
        amount, currency = parse_price(raw) if not _blank(raw) else (None, "")
        if not _blank(sale):
            try:
                amount, currency = parse_price(sale)
                regular = raw
            except ValueError:
                log.debug("Ignoring unreadable sale_price %r", sale)
        explicit = currency_code(clean_text(values.get("currency")))
        return amount, (explicit or currency) if explicit is not None else currency, regular

    def _product(self, record: dict[str, Any], values: dict[str, Any], text: dict[str, str],
                 price: float | None, currency: str) -> Product:
        category = category_path(values.get("category"))
        if not category and self.plan.category_fallback:
            category = category_path(record.get(self.plan.category_fallback))
        brand, title = clean_text(values.get("brand")), text["title"]
        url, image = safe_url(values.get("url")), safe_url(values.get("image_url"))
        pid = derived_id(title, brand, url, image) if self.plan.derive_ids else text["id"]
        return Product(
            id=pid, title=title, description=text["description"],
            category="" if category.isdigit() else category, brand=brand,
            price=price, currency=currency, rating=rating(_scalar(values.get("rating"))),
            rating_count=rating_count(_scalar(values.get("rating_count"))),
            image_url=image, url=url, availability=availability(values.get("availability")),
            attributes=self._attributes(record, values),
        )

    def _attributes(self, record: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        attributes = _attribute_object(values.get("attributes"))
        for key, value in record.items():
            if key not in self.plan.used and not _blank(value) and key not in attributes:
                attributes[key] = value.strip() if isinstance(value, str) else value
        return attributes


def _too_long(ident: str, title: str, description: str) -> Message | None:
    """Which text is over its length limit, one sentence per field so each is translated."""
    if len(ident) > MAX_ID:
        return Message("id is {length} characters (max {limit})",
                       length=len(ident), limit=MAX_ID)
    if len(title) > MAX_TITLE:
        return Message("title is {length} characters (max {limit})",
                       length=len(title), limit=MAX_TITLE)
    if len(description) > MAX_DESCRIPTION:
        return Message("description is {length} characters (max {limit})",
                       length=len(description), limit=MAX_DESCRIPTION)
    return None


def _price_problem(err: ValueError) -> str:
    """Why the price was refused: the :class:`Message` ``parse_price`` raised with, else the
    error's text."""
    reason = err.args[0] if err.args else None
    return reason if isinstance(reason, Message) else str(err)


def _attribute_object(value: Any) -> dict[str, Any]:
    """``attributes`` may be an object or a JSON string of one; other text is kept as a note."""
    if isinstance(value, str) and value.strip():
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):
            return {"attributes": value.strip()}
    return dict(value) if isinstance(value, dict) else {}


def _scalar(value: Any) -> Any:
    if isinstance(value, list):
        return next((v for v in value if not _blank(v)), None)
    return value


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value in ([], {})

