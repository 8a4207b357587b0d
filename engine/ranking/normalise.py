"""Product-text tokens in one form for queries and titles: sizes, units, fractions, plurals.

Home-improvement titles write one size many ways ("5x7", "5 x 7 ft", "1/2 in.", "0.5 inch",
"1.7L"); shoppers write it another. Matching features compare these tokens, so "1/2 inch
pipe" finds "0.5 in. pipes" and "18v drill" finds "18-Volt Drill".
"""

from __future__ import annotations

import re

from engine.text_analysis import CJK_CHARS, CJK_RUN, cjk_bigrams

_UNITS = {
    "inch": "in", "inches": "in", "in": "in", '"': "in", "feet": "ft", "foot": "ft", "ft": "ft",
    "gallon": "gal", "gallons": "gal", "gal": "gal", "pound": "lb", "pounds": "lb", "lbs": "lb",
    "lb": "lb", "ounce": "oz", "ounces": "oz", "oz": "oz", "millimeter": "mm", "mm": "mm",
    "centimeter": "cm", "cm": "cm", "liter": "l", "litre": "l", "liters": "l", "l": "l",
    "volt": "v", "volts": "v", "v": "v", "watt": "w", "watts": "w", "w": "w", "amp": "a",
    "amps": "a", "ampere": "a", "square": "sq", "sq": "sq", "cubic": "cu", "cu": "cu",
    "gauge": "ga", "ga": "ga", "quart": "qt", "qt": "qt", "meter": "m", "metre": "m",
}
_FRACTION = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?![\d/])")
_TIMES = re.compile(r"(?<=\d)\s*[x×*]\s*(?=\d)")
_NUMBER_UNIT = re.compile(r"(?<=\d)(?=[a-z\"])|(?<=[a-z])(?=\d)")
_TOKEN = re.compile(rf"[{CJK_CHARS}]+|\d+(?:\.\d+)?|[a-z]+|\"")


def _fraction(match: re.Match[str]) -> str:
    numerator, denominator = int(match.group(1)), int(match.group(2))
    if denominator == 0:
        return match.group()
    return _number(str(numerator / denominator))


def _number(token: str) -> str:
    """One spelling per number: 2.50 and 2.5, 2.0 and 2."""
    value = float(token)
    return str(int(value)) if value.is_integer() else f"{value:g}"


def _word(token: str) -> str:
    if token in _UNITS:
        return _UNITS[token]
    if len(token) > 3 and token.endswith("es") and token[-3] in "sxz":
        return token[:-2]
    if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
        return token[:-1]
    return token


def tokens(text: str) -> list[str]:
    """Normalised tokens of product or query text; CJK runs become character bigrams."""
    text = _FRACTION.sub(_fraction, text.lower().replace("-", " "))
    text = _NUMBER_UNIT.sub(" ", _TIMES.sub(" x ", text))
    out: list[str] = []
    for token in _TOKEN.findall(text):
        if token[0].isdigit():
            out.append(_number(token))
        elif CJK_RUN.fullmatch(token):
            out.extend(cjk_bigrams(token))
        else:
            out.append(_word(token))
    return out


def is_number(token: str) -> bool:
    return token[:1].isdigit()
