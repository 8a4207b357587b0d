"""What a request rules out, read by code and applied before the model sees any product.

A small model forgets budgets, treats 100 元 as 100 dollars and recommends the wrong brand, so
the budget (with its currency), the brand and the product type are parsed here and every
candidate is checked against them; the model only chooses among products that already fit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from engine.crosslingual import ZH_BRANDS, ZH_QUALIFIERS, ZH_TYPES
from engine.records import Product
from engine.text_analysis import CJK

# Offline and approximate: the app has no network to fetch rates, and says so when it converts.
RATES_PER_USD = {"USD": 1.0, "CNY": 7.2, "EUR": 0.92, "GBP": 0.79, "INR": 83.0, "JPY": 150.0}
RATES_AS_OF = "2026-11"
_CURRENCY_WORDS = [  # "美元" (US dollar) ends in 元 too: the specific names come first
    ("USD", re.compile(r"美元|美金|\$|\busd\b|\bdollars?\b|\bbucks\b|刀", re.I)),
    ("EUR", re.compile(r"欧元|€|\beur\b|\beuros?\b", re.I)),
    ("GBP", re.compile(r"英镑|£|\bgbp\b|\bpounds?\b", re.I)),
    ("INR", re.compile(r"₹|\binr\b|\brupees?\b|\brs\.?\s*\d", re.I)),
    ("JPY", re.compile(r"日元|\bjpy\b|\byen\b", re.I)),
    ("CNY", re.compile(r"(?<![美欧日港韩台])元|块钱|块|人民币|\brmb\b|\bcny\b|\byuan\b|￥", re.I)),
]
# "¥" alone is yuan in a Chinese message and yen otherwise.
_YEN_SIGN = re.compile(r"¥")
_STOP = set(
    "i im i'm me my we our you your a an the some any this that these those it its is are be "
    "need needs want wants wanting looking look searching search find show get buy buying "
    "recommend suggest please help can could would should will like good best great nice new "
    "cheap affordable budget something thing things one ones item items product products "
    "gift present for with without to of in on at by from and or but under below over above "
    "than less more up within around about between cheaper price priced cost costs "
    "dollars dollar usd bucks".split())
_SPLIT_AT = re.compile(r"\b(?:for|with|without|that|which|to|under|below|over|in|on|from|by|"
                       r"less|more|between|around|within|at)\b", re.I)
# "I'm shopping for a toaster oven": the "for" of asking, not of "a case for my phone".
_ASKING = re.compile(r"^\W*(?:(?:i'?m|i am|we'?re|we are)\s+)?(?:shopping|looking|searching|"
                     r"hunting)\s+(?:around\s+)?for\b", re.I)
_FOR_BEFORE = re.compile(r"(?:\bfor|\bfits?|compatible with|适合|适用于?|用于)\s*"
                         r"(?:(?:a|an|the|my|your|his|her)\s+)?$", re.I)
_WORD = re.compile(r"[a-z0-9][a-z0-9+&'-]*", re.I)
# Nouns that make the word before them a modifier: a "headphone adapter" is an adapter.
_ACCESSORIES = set(
    "adapter adapters case cases cable cables jack splitter stand stands mount mounts holder "
    "holders charger chargers cover covers protector protectors strap straps bag bags pouch "
    "sleeve skin skins dock kit kits replacement parts part hook hanger cleaner organizer "
    "organizers".split())
# Names shops use for the same kind of product.
_SAME_TYPE = [
    {"headphones", "headphone", "earbuds", "earbud", "headset", "headsets", "earphones",
     "earphone"},
    {"case", "cases"},
    {"tv", "tvs", "television", "televisions"},
    {"rug", "rugs", "carpet", "carpets"},
    {"sofa", "sofas", "couch", "couches"},
    {"laptop", "laptops", "notebook", "notebooks"},
    {"phone", "phones", "smartphone", "smartphones"},
    {"speaker", "speakers", "soundbar", "soundbars"},
    {"watch", "watches", "smartwatch", "smartwatches"},
    {"charger", "chargers", "adapter", "adapters"},
    {"sneakers", "sneaker", "shoes", "shoe", "trainers"},
]


@dataclass(frozen=True)
class Constraints:
    """Hard limits a cited product must keep; prices are in the catalog's currency."""

    min_price: float | None = None
    max_price: float | None = None
    brand: str | None = None
    type_terms: tuple[str, ...] = ()
    asked_currency: str = ""  # the currency the shopper wrote the budget in
    catalog_currency: str = ""
    asked_min: float | None = None
    asked_max: float | None = None
    qualifiers: tuple[tuple[str, ...], ...] = ()  # each: words of which a title should have one

    @property
    def converted(self) -> bool:
        return bool(self.asked_currency and self.catalog_currency
                    and self.asked_currency != self.catalog_currency
                    and (self.asked_min is not None or self.asked_max is not None))

    def budget_numbers(self) -> tuple[float, ...]:
        """The budget as the shopper wrote it and as converted: an answer may repeat these."""
        values = (self.min_price, self.max_price, self.asked_min, self.asked_max)
        return tuple(v for v in values if v is not None)

    @property
    def any(self) -> bool:
        return (self.min_price is not None or self.max_price is not None or bool(self.brand)
                or bool(self.type_terms))

    def keeps(self, product: Product) -> bool:
        """True when ``product`` breaks none of the limits."""
        return self.keeps_price(product) and self.keeps_brand(product) and self.keeps_type(product)

    def keeps_price(self, product: Product) -> bool:
        if self.min_price is None and self.max_price is None:
            return True
        if product.price is None:
            return False
        if self.catalog_currency and product.currency and product.currency != self.catalog_currency:
            return False
        return ((self.min_price is None or product.price >= self.min_price - 1e-9)
                and (self.max_price is None or product.price <= self.max_price + 1e-9))

    def keeps_brand(self, product: Product) -> bool:
        return not self.brand or product.brand.strip().lower() == self.brand.lower()

    def keeps_qualifiers(self, product: Product) -> bool:
        """The title has each qualifier the request puts on the type ("车载" → a car charger)."""
        words = set(_WORD.findall(product.title.lower()))
        return all(words & set(forms) for forms in self.qualifiers)

    def keeps_type(self, product: Product) -> bool:
        """The title names the type as the thing sold, not as what an accessory is for
        ("Bluetooth Headset" is headphones; "Headphone Adapter" and "Case for Phones" are
        not phones)."""
        if not self.type_terms:
            return True
        words = _WORD.findall(product.title.lower())
        # What follows "for" is what the product fits ("Battery for Nokia Phones"), not it.
        words = words[: next((n for n, w in enumerate(words) if w == "for"), len(words))]
        for n, word in enumerate(words):
            if word in self.type_terms:
                following = words[n + 1] if n + 1 < len(words) else ""
                if following not in _ACCESSORIES:  # the head noun, not a modifier
                    return True
        return False


def detect_currency(message: str) -> str:
    """The currency a budget in the message is written in ("" when it names none)."""
    for code, pattern in _CURRENCY_WORDS:
        if pattern.search(message):
            return code
    if _YEN_SIGN.search(message):
        return "CNY" if CJK.search(message) else "JPY"
    return ""


def convert(amount: float, source: str, target: str) -> float:
    """``amount`` in ``source`` currency expressed in ``target`` (offline, approximate rates)."""
    if source == target or source not in RATES_PER_USD or target not in RATES_PER_USD:
        return amount
    return round(amount / RATES_PER_USD[source] * RATES_PER_USD[target], 2)


def match_brand(message: str, brands: Sequence[str]) -> str | None:
    """The catalog brand the message names (longest, whole words), spelt as the catalog does.

    A brand after "for" names what the product is for, not who makes it: "a screen protector
    for a Samsung Galaxy" asks for no particular brand.
    """
    lowered = message.lower()
    best: str | None = None
    for brand in brands:
        name = brand.strip()
        if len(name) < 2 or name.lower() in _STOP:
            continue
        pattern = rf"(?<![a-z0-9]){re.escape(name.lower())}(?![a-z0-9])"
        for match in re.finditer(pattern, lowered):
            if _FOR_BEFORE.search(lowered[: match.start()]):
                continue
            if best is None or len(name) > len(best):
                best = name
    return best


WELL_KNOWN_BRANDS = (
    "Samsung", "Apple", "Motorola", "Huawei", "Xiaomi", "Sony", "Nokia", "Logitech", "Google",
    "Microsoft", "Lenovo", "Dell", "HP", "Canon", "Nikon", "Philips", "Panasonic", "Nike",
    "Adidas", "IKEA", "OnePlus", "Oppo", "Vivo", "Bose", "JBL", "Beats", "Garmin", "Fitbit",
    "Asus", "Acer", "Razer", "Anker", "Belkin", "OtterBox", "LG", "Toshiba", "Nintendo",
    "GoPro", "DJI", "Dyson", "KitchenAid", "Puma", "Reebok", "Lego",
)


def zh_type(message: str) -> str:
    """The kind of product a Chinese message names (the last, longest name found), in English."""
    found = [(m.end(), len(word), english) for word, english in ZH_TYPES.items()
             for m in re.finditer(re.escape(word), message)]
    return max(found)[2] if found else ""


def zh_qualifiers(message: str) -> tuple[tuple[str, ...], ...]:
    """The qualifiers a Chinese message puts on its product type, as the words titles use."""
    return tuple(forms for word, forms in ZH_QUALIFIERS.items() if word in message)


def latin_words(message: str) -> list[str]:
    """Words in Latin script inside a Chinese message: model names and brands ("iPhone 15")."""
    if not CJK.search(message):
        return []
    return [w for w in re.findall(r"[A-Za-z][A-Za-z0-9+-]*", message) if len(w) > 1]


def zh_brand_names(message: str) -> str:
    """English names of the brands a Chinese message names ("三星" → "Samsung")."""
    return " ".join(english for word, english in ZH_BRANDS.items() if word in message)


def type_terms(phrase: str, brand: str | None = None) -> tuple[str, ...]:
    """The product type the phrase asks for (its head noun, with singular and plural).

    "wireless mouse for my laptop" → ("mouse", "mice"...); only English-like words: a CJK
    phrase has no spaces to find a head in, and then no type limit applies.
    """
    if CJK.search(phrase):
        return ()
    head_part = _SPLIT_AT.split(_ASKING.sub("", phrase), maxsplit=1)[0]
    brand_words = set(_WORD.findall(brand.lower())) if brand else set()
    words = [w for w in _WORD.findall(head_part.lower())
             if w not in _STOP and w not in brand_words and not w.isdigit()]
    if not words:
        return ()
    return _inflections(words[-1])


def _inflections(word: str) -> tuple[str, ...]:
    forms = {word}
    for group in _SAME_TYPE:
        if word in group:
            forms |= group
    irregular = {"mouse": "mice", "mice": "mouse", "knife": "knives", "knives": "knife"}
    if word in irregular:
        forms.add(irregular[word])
    if word.endswith("ies") and len(word) > 4:
        forms.add(word[:-3] + "y")
    elif word.endswith(("ches", "shes", "xes", "sses")):
        forms.add(word[:-2])
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        forms.add(word[:-1])
    elif word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms.add(word[:-1] + "ies")
    elif word.endswith(("ch", "sh", "x", "ss")):
        forms.add(word + "es")
    else:
        forms.add(word + "s")
    return tuple(sorted(forms))


def read_constraints(message: str, *, phrase: str, min_price: float | None,
                     max_price: float | None, brands: Sequence[str],
                     catalog_currency: str) -> Constraints:
    """The request's limits, with a budget converted into the catalog's currency."""
    asked = detect_currency(message) or catalog_currency
    low = convert(min_price, asked, catalog_currency) if min_price is not None else None
    high = convert(max_price, asked, catalog_currency) if max_price is not None else None
    brand = (match_brand(message, brands) or match_brand(zh_brand_names(message), brands)
             or match_brand(phrase, brands) or uncarried_brand(message, brands))
    kind = zh_type(message)
    # A Chinese request's type comes from its Chinese words: the head noun of a word-by-word
    # translation ("推荐几款睡袋吧" ends in "bar") is no type.
    terms = _inflections(kind) if kind else () if CJK.search(message) else type_terms(phrase, brand)
    return Constraints(
        min_price=low, max_price=high, brand=brand, type_terms=terms,
        asked_currency=asked, catalog_currency=catalog_currency, asked_min=min_price,
        asked_max=max_price, qualifiers=zh_qualifiers(message) + model_names(message, brand),
    )


def model_names(message: str, brand: str | None) -> tuple[tuple[str, ...], ...]:
    """Latin words of a Chinese message other than its brand ("iPhone", "Galaxy", "Lightning"):
    each narrows the candidates like a Chinese qualifier (a title should have it)."""
    brand_words = set(_WORD.findall((brand or "").lower()))
    return tuple((w.lower(),) for w in latin_words(message)
                 if w.lower() not in brand_words and not w.isdigit())


def uncarried_brand(message: str, brands: Sequence[str]) -> str | None:
    """A well-known brand the request names that the catalog does not sell: it stays a limit
    (so nothing is cited and the answer says the catalog has none) instead of being dropped.
    A catalog that records no brands cannot tell, and gets no such limit."""
    if not brands:
        return None
    carried = {w for b in brands for w in _WORD.findall(b.lower())}
    named = match_brand(f"{message} {zh_brand_names(message)}", WELL_KNOWN_BRANDS)
    return named if named and named.lower() not in carried else None
