"""Price parsing: shop feeds write prices in every local convention, we store a float + ISO code.

Accepted: plain numbers, ``12.99 USD``, ``USD 12.99``, ``$1,299.00``, ``1.299,00 EUR``,
``1 299,00 €``, ``¥199``, ``199元``. ``¥``/``￥`` are read as CNY (Aisle's second locale is
Chinese; a Japanese feed should say ``JPY`` or ``円``). Anything else with a price in it
(ranges, "from $10", two different currencies, negative or absurd amounts) is refused so the
importer can skip the row as "bad price" instead of storing a wrong number.
"""

from __future__ import annotations

import math
import re

from engine.messages import Message

MAX_PRICE = 1e10

_SYMBOLS = {
    "$": "USD", "US$": "USD", "USD$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "￥": "CNY",
    "元": "CNY", "块": "CNY", "人民币": "CNY", "RMB": "CNY", "円": "JPY", "₹": "INR", "RS": "INR",
    "RS.": "INR", "₩": "KRW", "₽": "RUB", "₺": "TRY", "R$": "BRL", "C$": "CAD", "CA$": "CAD",
    "A$": "AUD", "AU$": "AUD", "HK$": "HKD", "NZ$": "NZD", "S$": "SGD", "ZŁ": "PLN", "₫": "VND",
    "₱": "PHP", "₪": "ILS", "฿": "THB",
}
_CODE = re.compile(r"[A-Z]{3}")
_SHAPE = re.compile(
    r"(?P<pre>[^\d\s.,'+-]*)\s*(?P<num>\d(?:[\d.,' ]*\d)?)\s*(?P<post>[^\d]*)", re.S
)
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u3000": " "})


def currency_code(token: str) -> str | None:
    """ISO 4217 code for a symbol or code as written in a feed; None if not a currency."""
    token = token.strip()
    if not token:
        return ""
    upper = token.upper()
    if upper in _SYMBOLS:
        return _SYMBOLS[upper]
    if token in _SYMBOLS:
        return _SYMBOLS[token]
    return upper if _CODE.fullmatch(upper) else None


def parse_price(value: object) -> tuple[float, str]:
    """Read a price cell as ``(amount, currency code or "")``.

    Raises:
        ValueError: the cell is not one non-negative price (the row is skipped as "bad price");
            its argument is a :class:`Message`, so the skip report can be translated.
    """
    if isinstance(value, bool):
        raise ValueError(Message("a yes/no value is not a price"))
    if isinstance(value, (int, float)):
        return _checked(float(value)), ""
    if not isinstance(value, str):
        raise ValueError(Message("not a number"))
    match = _SHAPE.fullmatch(value.translate(_SPACES).strip())
    if match is None:
        raise ValueError(Message("not a price: {value!r}", value=value[:40]))
    currency = _currency(match["pre"], match["post"])
    return _checked(_number(match["num"])), currency


def _currency(pre: str, post: str) -> str:
    before, after = currency_code(pre), currency_code(post)
    if before is None or after is None or (before and after and before != after):
        raise ValueError(Message("unknown or conflicting currency {currency!r}",
                                 currency=pre.strip() or post.strip()))
    return before or after


def _number(text: str) -> float:
    """Decide which of ``.`` and ``,`` is the decimal mark, check digit grouping, convert."""
    text = text.replace(" ", "_").replace("'", "_")
    last_dot, last_comma = text.rfind("."), text.rfind(",")
    if last_dot >= 0 and last_comma >= 0:
        decimal = "." if last_dot > last_comma else ","
    elif text.count(".") == 1:
        decimal = "."
    elif text.count(",") == 1 and len(text) - last_comma - 1 != 3:
        decimal = ","
    else:
        decimal = ""
    whole, _, fraction = text.rpartition(decimal) if decimal else (text, "", "")
    if decimal and (decimal in whole or not fraction.isdigit()):
        raise ValueError(Message("not a price: {value!r}", value=text))
    groups = re.split(r"[.,_]", whole)
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        raise ValueError(Message("digit grouping of {value!r} is not a price", value=text))
    return float("".join(groups) + ("." + fraction if fraction else ""))


def _checked(amount: float) -> float:
    if not math.isfinite(amount) or amount < 0 or amount > MAX_PRICE:
        raise ValueError(Message("price {amount} is out of range", amount=amount))
    return amount
