"""What a request rules out, read by code and applied before the model sees any product.

A small model forgets budgets, treats 100 元 as 100 dollars and recommends the wrong brand, so
the budget (with its currency), the brand and the product type are parsed here and every
candidate is checked against them; the model only chooses among products that already fit.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

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
    "dollars dollar usd bucks only just else another different instead maybe also too same "
    "similar bigger smaller larger lighter longer shorter faster better other others "
    "long wide tall high thick deep feet foot ft inch inches cm mm metre metres meter meters "
    "black white red blue green pink gold silver gray grey purple yellow orange brown "
    "colour color colours colors size brand brands model version kind type style somewhere "
    "anywhere maybe perhaps probably really actually please thanks okay ok around got pick "
    "choose help nice u do does did you what which how why where when who "
    "gotta could would get anything everything nothing stuff them they as if so there".split())
_SPLIT_AT = re.compile(r"\b(?:for|with|without|that|which|to|under|below|over|in|on|from|by|"
                       r"less|more|between|around|within|at|like)\b|[;:]", re.I)
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
    "organizers card cards clip clips".split())
# Names shops use for the same kind of product.
_SAME_TYPE = [
    {"headphones", "headphone", "earbuds", "earbud", "headset", "headsets", "earphones",
     "earphone"},
    {"case", "cases"},
    {"band", "bands", "strap", "straps", "watchband", "watchbands"},
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
    # Other words an English request puts before the type ("warm rug", "network router"):
    # products they describe come first, but they limit nothing.
    preferred: tuple[str, ...] = ()
    # Hard attributes (connector, unlocked or prepaid, the device it fits): each is
    # (family, label, form, form…); a title must contain one of its forms.
    required: tuple[tuple[str, ...], ...] = ()
    # Amounts that are not prices ("at least 10000 mAh", "a 6 ft cable", "a 4-pack"): each is
    # (unit, ">=" or "=", value); a title stating one is preferred, none is refused for it.
    amounts: tuple[tuple[str, str, float], ...] = ()

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
                or bool(self.type_terms) or bool(self.required))

    def keeps(self, product: Product) -> bool:
        """True when ``product`` breaks none of the limits."""
        return (self.keeps_price(product) and self.keeps_brand(product)
                and self.keeps_type(product) and self.keeps_required(product))

    def keeps_required(self, product: Product) -> bool:
        """The title states every hard attribute ("USB-C", "Unlocked", "iPhone 7"). A device
        is its name and model number ("iPhone 6/6s" fits an iPhone 6s), not a bigger model
        of it ("iPhone 7 Plus" does not fit an iPhone 7)."""
        title = f" {_plain(product.title)} "
        return all(_fits_device(title, attribute[2]) if attribute[0] == "device"
                   else any(f" {form} " in title for form in attribute[2:])
                   for attribute in self.required)

    def keeps_amounts(self, product: Product) -> bool:
        """The title (or, for a capacity, the description) states each amount asked for."""
        for unit, op, value in self.amounts:
            pattern = dict(_AMOUNTS)[unit]
            text = product.title + (f" {product.description}" if unit == "mah" else "")
            found = [_number(m.group(1)) for m in pattern.finditer(text)]
            if not any(v >= value if op == ">=" else abs(v - value) < 1e-6 for v in found):
                return False
        return True

    def refined_by(self, newer: Constraints, *, budget_stated: bool) -> Constraints:
        """This need with what ``newer`` names changed and everything else kept: a stated
        budget replaces the old one, a brand or type replaces the old one, an attribute
        replaces the one of its family ("Lightning" after "USB-C")."""
        families = {a[0] for a in newer.required}
        price = newer if budget_stated else self
        return Constraints(
            min_price=price.min_price, max_price=price.max_price,
            brand=newer.brand or self.brand, type_terms=newer.type_terms or self.type_terms,
            asked_currency=price.asked_currency, catalog_currency=self.catalog_currency,
            asked_min=price.asked_min, asked_max=price.asked_max,
            qualifiers=tuple(dict.fromkeys(self.qualifiers + newer.qualifiers)),
            preferred=tuple(dict.fromkeys(self.preferred + newer.preferred)),
            required=tuple(a for a in self.required if a[0] not in families) + newer.required,
            amounts=tuple(a for a in self.amounts if a[0] not in {n[0] for n in newer.amounts})
            + newer.amounts)

    def to_dict(self) -> dict[str, Any]:
        return {"min_price": self.min_price, "max_price": self.max_price, "brand": self.brand,
                "type_terms": list(self.type_terms), "currency": self.catalog_currency,
                "asked_currency": self.asked_currency, "asked_min": self.asked_min,
                "asked_max": self.asked_max, "converted": self.converted,
                "qualifiers": [list(q) for q in self.qualifiers],
                "preferred": list(self.preferred),
                "required": [list(r) for r in self.required],
                "amounts": [list(a) for a in self.amounts]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Constraints:
        """From :meth:`to_dict` (a saved chat's need)."""
        return cls(min_price=data.get("min_price"), max_price=data.get("max_price"),
                   brand=data.get("brand"), type_terms=tuple(data.get("type_terms", ())),
                   asked_currency=str(data.get("asked_currency", "")),
                   catalog_currency=str(data.get("currency", "")),
                   asked_min=data.get("asked_min"), asked_max=data.get("asked_max"),
                   qualifiers=tuple(tuple(q) for q in data.get("qualifiers", ())),
                   preferred=tuple(data.get("preferred", ())),
                   required=tuple(tuple(r) for r in data.get("required", ())),
                   amounts=tuple((str(u), str(o), float(v))
                                 for u, o, v in data.get("amounts", ())))

    def keeps_price(self, product: Product) -> bool:
        if self.min_price is None and self.max_price is None:
            return True
        if product.price is None:
            return False
        price = product.price
        if self.catalog_currency and product.currency and product.currency != self.catalog_currency:
            if product.currency not in RATES_PER_USD or self.catalog_currency not in RATES_PER_USD:
                return False
            price = convert(price, product.currency, self.catalog_currency)  # a mixed catalog
        return ((self.min_price is None or price >= self.min_price - 1e-9)
                and (self.max_price is None or price <= self.max_price + 1e-9))

    def keeps_brand(self, product: Product) -> bool:
        return not self.brand or product.brand.strip().lower() == self.brand.lower()

    def keeps_qualifiers(self, product: Product) -> bool:
        """The title has each attribute shops put in titles that the request puts on the type
        ("车载" → a car charger), outside the brand's name ("Just Wireless - Wall Charger" is
        no wireless charger); a device model it names ("钱包式iPhone手机壳") may be in the
        description instead (Lightning cables' titles name the connector, not the iPhone)."""
        title = without_brand(product)
        described = f"{title} {product.description.lower()}"
        return all(_has_one(forms, title if _is_attribute(forms) else described)
                   for forms in self.qualifiers)

    def keeps_described(self, product: Product) -> bool:
        """The title or description has each of the :attr:`preferred` words."""
        described = f"{without_brand(product)} {product.description.lower()}"
        return _has_one(self.preferred, described) if self.preferred else True

    def keeps_own_type(self, product: Product) -> bool:
        """The title names the type in the shopper's own word ("earbuds", not "headphones")."""
        own = Constraints(type_terms=self.type_terms[:2])
        return own.keeps_type(product)

    def keeps_type(self, product: Product) -> bool:
        """The title names the type as the thing sold, not as what an accessory is for
        ("Bluetooth Headset" is headphones; "Headphone Adapter" and "Case for Phones" are
        not phones)."""
        if not self.type_terms:
            return True
        if any(CJK.search(t) and t in product.title for t in self.type_terms):
            return True  # a Chinese title names the type in Chinese
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
    return zh_type_word(message)[1]


def zh_type_word(message: str) -> tuple[str, str]:
    """(the Chinese word, its English) of the kind a Chinese message names, or ("", "")."""
    found = [(m.end(), len(word), word, english) for word, english in ZH_TYPES.items()
             for m in re.finditer(re.escape(word), message)]
    return max(found)[2:] if found else ("", "")


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


_SENTENCES = re.compile(r".+?(?:[.!?;](?=\s|$)|$)", re.S)
_WANTS = re.compile(
    r"(?<!n't )(?<!not )(?<!never )\b(?:need|want|looking for|shopping for|searching for|"
    r"recommend|suggest|find|show me|get me|do you have|(?:would|'d) like|any)\b", re.I)
# Weaker: "it should be a prepaid phone", read only when no sentence says "I need…".
_MUST_BE = re.compile(r"\b(?:should be|has to be|must be|needs to be)\b", re.I)
# Where a new clause starts after the thing wanted ("a phone I can put a SIM card in").
_CLAUSE = re.compile(r"\b(?:i|we|you|he|she|they|that|which|who|so)\b", re.I)


# "I'd like to get him a VR headset": the verb of getting is not the thing got.
_TO_GET = re.compile(r"^\s*(?:to\s+)?(?:get|buy|find|have|order|pick up|grab|try)\s+"
                     r"(?:(?:him|her|me|us|them|my|our|his|their)\s+(?:\w+\s+)??)?", re.I)


def need_part(text: str) -> str:
    """The words that say what is wanted: what follows "I need", "looking for", "could you
    find"… in the first sentence that has one ("…my phone dies by 3pm. I want a portable
    charger…"). A request of several sentences none of which says so names no type: its
    story ("My son turns 12…") is no product."""
    sentences = [s.strip() for s in _SENTENCES.findall(text) if s.strip()]
    sentence = need_sentence(text)
    match = _WANTS.search(sentence) or _MUST_BE.search(sentence)
    if match:
        return _CLAUSE.split(_TO_GET.sub(" ", sentence[match.end():]), maxsplit=1)[0]
    return text if len(sentences) <= 1 else ""


def need_sentence(text: str) -> str:
    """The first sentence that says what is wanted; the whole text when it is one sentence,
    "" when none of several does."""
    sentences = [s.strip() for s in _SENTENCES.findall(text) if s.strip()]
    if len(sentences) <= 1:
        return text
    return next((s for s in sentences if _WANTS.search(s)),
                next((s for s in sentences if _MUST_BE.search(s)), ""))


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
    return inflections(words[-1])


def without_brand(product: Product) -> str:
    """The title, lower-cased, without the brand's name (a brand names no kind of product)."""
    title = product.title.lower()
    brand = product.brand.strip().lower()
    return title.replace(brand, " ") if brand else title


def _is_attribute(forms: Sequence[str]) -> bool:
    """One of the attributes shops put in titles (the Chinese qualifiers' English forms)."""
    return any(set(forms) & set(known) for known in ZH_QUALIFIERS.values())


def _has_one(forms: Sequence[str], text: str) -> bool:
    """One of the forms is a word of ``text``; a Chinese one, or one of several words
    ("type-c" is written "Type C" too), is found as it is written."""
    return bool(set(_WORD.findall(text)) & set(forms)) or any(
        (CJK.search(f) and f in text) or ("-" in f and f.replace("-", " ") in text)
        for f in forms)


def respelled_type(limits: Constraints, best: Sequence[Product]) -> Constraints:
    """The product type as the catalog spells it when most of the best matches lack the
    shopper's word and share a near miss of it ("yoga matt": the search finds "Yoga Mat"s,
    while the titles with "matt" are "Matt Black" moka pots)."""
    if not limits.type_terms or 2 * sum(limits.keeps_type(p) for p in best) >= len(best):
        return limits
    word = limits.type_terms[0]
    counts = Counter(w for p in best for w in set(_WORD.findall(p.title.lower())))
    # A slip of the keys, not another word ("iphone" is no misspelt "phone"): the same start,
    # one letter more or fewer at most.
    shared = [w for w, n in counts.items() if 2 * n > len(best) and len(w) > 2
              and w[:2] == word[:2] and abs(len(w) - len(word)) <= 1]
    close = difflib.get_close_matches(word, shared, n=1, cutoff=0.8)
    return replace(limits, type_terms=inflections(close[0])) if close else limits


def inflections(word: str) -> tuple[str, ...]:
    """The word, its singular or plural, then the names shops use for the same kind: the
    first two are the shopper's own word (see :meth:`Constraints.keeps_own_type`)."""
    forms = {word}
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
    own = sorted(forms)
    same = sorted(set().union(*(g for g in _SAME_TYPE if word in g)) - forms)
    return (*own, *same)


def read_constraints(message: str, *, phrase: str, min_price: float | None,
                     max_price: float | None, brands: Sequence[str],
                     catalog_currency: str) -> Constraints:
    """The request's limits, with a budget converted into the catalog's currency."""
    asked = detect_currency(message) or catalog_currency
    low = convert(min_price, asked, catalog_currency) if min_price is not None else None
    high = convert(max_price, asked, catalog_currency) if max_price is not None else None
    # A brand in a long request's story ("I use Google Maps") is not the brand wanted.
    said = need_sentence(message)
    brand = (match_brand(said, brands) or match_brand(zh_brand_names(said), brands)
             or (match_brand(phrase, brands) if said == message else None)
             or uncarried_brand(said, brands))
    in_english = message
    for word, english in ZH_BRANDS.items():
        in_english = in_english.replace(word, f"{english} ")
    if brand and re.search(rf"{re.escape(brand)}\s*(?:{_DEVICES})(?![a-z])", in_english, re.I):
        brand = None  # "Apple Watch bands": the device's maker, not the bands'
    kind = zh_type(message)
    # A Chinese request's type comes from its Chinese words: the head noun of a word-by-word
    # translation ("推荐几款睡袋吧" ends in "bar") is no type.
    zh_word = zh_type_word(message)[0]
    terms = (inflections(kind) + (zh_word,) if kind else () if CJK.search(message)
             else type_terms(need_part(phrase), brand))
    before_type = () if CJK.search(message) else english_qualifier(need_part(phrase), terms,
                                                                      brand)
    return Constraints(
        min_price=low, max_price=high, brand=brand, type_terms=terms,
        asked_currency=asked, catalog_currency=catalog_currency, asked_min=min_price,
        asked_max=max_price,
        qualifiers=(zh_qualifiers(message) + model_names(message, brand) if CJK.search(message)
                    else tuple(q for q in before_type if _is_attribute(q))),
        preferred=tuple(w for q in before_type if not _is_attribute(q) for w in q),
        required=required_attributes(message, terms),
        amounts=amounts_asked(need_sentence(message) or message),
    )


_AMOUNTS = (
    ("mah", re.compile(r"(\d[\d,]*)\s*(?:mah|毫安)", re.I)),
    ("ft", re.compile(r"(\d+(?:\.\d+)?)\s*(?:-\s*|\s)?(?:ft\b|feet\b|foot\b|'|英尺)", re.I)),
    ("pack", re.compile(r"(\d+)\s*(?:-\s*|\s)?(?:pack|pk\b|件装|个装|只装)", re.I)),
    ("mm", re.compile(r"(\d+(?:\.\d+)?)\s*(?:mm\b|毫米)", re.I)),
    ("pieces", re.compile(r"(\d[\d,]*)\s*(?:-\s*|\s)?(?:pieces?\b|pcs\b|颗粒|片装)", re.I)),
)
_AT_LEAST = re.compile(r"(?:at least|min(?:imum)?|over|more than|至少|不少于)\s*$", re.I)


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def amounts_asked(message: str) -> tuple[tuple[str, str, float], ...]:
    """The amounts a request asks for that are not prices: a capacity (more is as good), a
    length, a pack size, a size in millimetres."""
    found = []
    for unit, pattern in _AMOUNTS:
        match = pattern.search(message)
        if match:
            at_least = unit == "mah" or bool(_AT_LEAST.search(message[:match.start()])) or (
                "以上" in message[match.end():match.end() + 3])
            found.append((unit, ">=" if at_least else "=", _number(match.group(1))))
    return tuple(found)


def _plain(text: str) -> str:
    """Lower-case words separated by single spaces: "USB Type-C®" → "usb type c"."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("+", " plus ")))


_CONNECTORS = (
    ("USB-C", re.compile(r"usb[- ]?(?:type[- ]?)?c\b|type[- ]?c\b", re.I),
     ("usb c", "type c", "usb type c")),
    ("Micro-USB", re.compile(r"micro[- ]?usb", re.I), ("micro usb", "microusb")),
    ("Lightning", re.compile(r"lightning|闪电接口", re.I), ("lightning",)),
)
_UNLOCKED = re.compile(r"\bunlocked\b|无锁|解锁版|全网通", re.I)
_PREPAID = re.compile(r"\bprepaid\b|\bpay[- ]as[- ]you[- ]go\b|预付费|预付", re.I)
_DEVICE = re.compile(
    r"(?<![a-z0-9])(iphone|galaxy|ipad|pixel|moto|note|lumia|xperia)\s?"
    r"((?:s|j|a|note\s?)?\d{1,2}[a-z]?|se)"
    r"(?:\s?(plus|edge|mini|pro|max|\+))?(?!\w|\.\d)", re.I)
_BIGGER = r"(?:plus|edge|max|mini|pro|xl)\b"
_DEVICES = r"iphone|ipad|ipod|watch|galaxy|pixel|macbook|airpods|gear|moto|nexus|xperia|lumia"


def _fits_device(title: str, device: str) -> bool:
    """``title`` (plain words) names ``device`` ("iphone 7", "galaxy s7 edge"): its name, and
    its model right after it or in a list of models ("iPhone 6 and 6s")."""
    name, *model = device.split()
    if f" {name} " not in title:
        return True if not model else False
    if not model:
        return True
    number, *suffix = model
    after = rf" {re.escape(number)} " + (rf"{re.escape(suffix[0])} " if suffix
                                         else rf"(?!{_BIGGER})")
    start = title.index(f" {name} ")
    return bool(re.search(after, title[start:start + len(name) + 40]))
# Accessories that fit one device only: the device a shopper names is a hard limit for them.
_FITS_ONE_DEVICE = {"case", "cases", "cover", "covers", "protector", "protectors", "skin",
                    "skins", "holster", "holsters", "folio", "sleeve", "band", "bands"}


def required_attributes(message: str, terms: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """The hard attributes a request names: a connector, unlocked or prepaid, and, for an
    accessory that fits one device, that device. Each is (family, label, title forms…)."""
    found: list[tuple[str, ...]] = []
    for label, pattern, forms in _CONNECTORS:
        if pattern.search(message):
            found.append(("connector", label, *forms))
            break
    if _UNLOCKED.search(message):
        found.append(("carrier", "unlocked", "unlocked"))
    elif _PREPAID.search(message):
        found.append(("carrier", "prepaid", "prepaid", "gophone", "no contract"))
    device = _DEVICE.search(message)
    if device and (set(terms) & _FITS_ONE_DEVICE or any(w in message for w in "壳膜套")
                   or "表带" in message):
        name = _plain(" ".join(g for g in device.groups() if g))
        found.append(("device", device.group(0).strip(), name))
    return tuple(found)


def english_qualifier(phrase: str, terms: Sequence[str],
                      brand: str | None) -> tuple[tuple[str, ...], ...]:
    """The word an English request puts before its type ("wireless charger", "car mount"):
    a title should have it, or a word shops use for it (the Chinese qualifiers' forms)."""
    words = _WORD.findall(phrase.lower())
    at = next((n for n, w in enumerate(words) if w in terms), None)
    if not at:
        return ()
    word = words[at - 1]
    if word in _STOP or not word.isalpha() or len(word) < 3 or word in (brand or "").lower():
        return ()
    named = next(((zh, f) for zh, f in ZH_QUALIFIERS.items() if word in f), None)
    return ((*named[1], named[0]),) if named else ((word,),)


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
