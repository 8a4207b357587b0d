"""Whether the catalog sells the kind of product a need asks for, and asking back when the need
names no kind at all.

Search always returns something: asked for a lawn mower, a phone catalog's best matches are
phones, and a small model then calls one "the best choice for a lawn mower". So before any
product is offered, the kind asked for (the request's head noun, or the English of a Chinese
product word) must appear in what the catalog's best matches are: their titles or categories,
or the descriptions of several. A need that names no kind ("I need a gift", "something for my
dad") gets one question back, with the catalog's main departments to tap.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from engine.assistant.claims import need_words, stem
from engine.assistant.constraints import (
    WELL_KNOWN_BRANDS,
    Constraints,
    inflections,
    need_part,
    type_terms,
    zh_type,
    zh_type_word,
)
from engine.assistant.intent import strip_prices
from engine.records import Product
from engine.text_analysis import CJK

CHOICES = 4
# Words that say a need is open: a gift is any kind of product.
_VAGUE_TYPES = {"gift", "gifts", "present", "presents", "idea", "ideas", "something",
                "anything", "stuff", "thing", "things", "recommendation", "recommendations",
                "suggestion", "suggestions"}
_VAGUE = re.compile(r"\b(?:gifts?|presents?|ideas?|something|anything|stuff|birthday|"
                    r"anniversary|christmas|recommend\w*|suggest\w*)\b|礼物|送礼|东西|推荐|"
                    r"有什么(?:好的|推荐)?|买点|生日", re.I)
# Words before a Chinese product word that narrow its kind ("摩托车头盔" is no bike helmet).
_ZH_MODIFIERS = {"摩托车": "motorcycle", "电热": "electric", "电动": "electric",
                 "跑步": "running", "钓鱼": "fishing", "婴儿": "baby", "儿童": "kids",
                 "游戏": "gaming", "车载": "car", "无线": "wireless", "蓝牙": "bluetooth",
                 "羊毛": "wool", "猫": "cat", "狗": "dog", "宠物": "pet", "登山": "hiking",
                 "滑雪": "ski", "游泳": "swim"}
_ZH_ASKING = set("有没要个买想给我的一款只吗呢吧啊找推荐那这卖你们些台双件根条")
# What a Chinese open need says besides its topic: asking, giving, who it is for.
_ZH_TOPIC = re.compile(
    r"礼物|送礼|东西|推荐|随便|挑|选|买|想|要|需要|给|送|帮|我|你|他|她|们|的|了|吧|吗|呢|啊|呀|"
    r"个|点|一|些|什么|啥|不知道|但|还|有|可以|能|请|老婆|老公|爸爸?|妈妈?|父亲|母亲|女朋友|"
    r"男朋友|朋友|孩子|儿子|女儿|同事|老板|生日|快到|到了|快|节日|圣诞|周年|纪念日|适合|合适|"
    r"好|不错|值得|啥|一下|看看|"
    r"[\s,，。！？!?、~]")
_PEOPLE = set("dad father mom mother mum wife husband friend friends son daughter kid kids "
              "child children boyfriend girlfriend grandma grandpa grandmother grandfather "
              "brother sister boss colleague coworker teacher baby someone somebody birthday "
              "christmas anniversary likes like loves love enjoys into who year years old uncle "
              "aunt "
              "nephew niece cousin grandson granddaughter neighbor neighbour partner coming soon "
              "upcoming next week month "
              "recommend suggest need want buy have there what good nice help please "
              "idea ideas gift gifts present presents something anything stuff".split())
_NOT_KIND = set("with from that this cheap good best some need want find looking great nice "
                "quality decent simple".split())
# Chinese product words end in one of these ("洗衣机", "钓鱼竿", "跑步机"): such a word names a
# kind even when the assistant's own list of types does not know it.
_ZH_KIND = re.compile(r"[\u4e00-\u9fff]{1,4}[机器竿鞋车衣裤箱柜桌椅床灯锅杯镜伞笔球拍盒瓶垫]")


def topic_words(message: str) -> set[str]:
    """What a need is about besides who it is for: "fishing" in "a gift for my dad who
    likes fishing"."""
    people = _PEOPLE | {stem(w) for w in _PEOPLE}
    text = re.sub(r"'s\b", "", strip_prices(message))
    if CJK.search(message):
        return {w for w in _ZH_TOPIC.sub(" ", text).split() if re.search(r"\w", w)}
    return {w for w in need_words(text) if w not in people and not w.isdigit() and len(w) >= 3}


def says_open(message: str) -> bool:
    """The need says it is open ("a gift", "something", 礼物): then what it is about is its
    topic ("fishing"); otherwise unknown words are not read as one."""
    return bool(_VAGUE.search(message))


def open_kind(limits: Constraints) -> bool:
    """The need's kind is no kind: a gift, something."""
    return not limits.type_terms or set(limits.type_terms) <= _VAGUE_TYPES


def is_vague(message: str, limits: Constraints) -> bool:
    """Too vague to search well: no kind of product, brand or attribute, and nothing the
    need is about."""
    if limits.brand or limits.required or not open_kind(limits):
        return False
    if CJK.search(message) and (zh_type(message) or _ZH_KIND.search(message)):
        return False
    return bool(_VAGUE.search(message) or CJK.search(message)) and not topic_words(message)


@dataclass(frozen=True)
class Kind:
    """The kind of product a need asks for, as the shopper wrote it, and the English words
    that show a product is one: the head noun's forms, and the word before it, if any."""

    label: str
    head: tuple[str, ...]
    modifier: str = ""
    native: str = ""  # the Chinese word, found as such in a catalog with Chinese titles


def asked_kind(message: str, limits: Constraints) -> Kind | None:
    """The kind a need names, or None when it names none this can check."""
    if CJK.search(message):
        # Only a Chinese product word whose English is known: the glossary's word-by-word
        # English of any other ("喂鸟器" → "eat feed bird device") is no kind to refuse by.
        word, english = zh_type_word(message)
        if english:
            at = message.rindex(word)
            start = at
            while start > 0 and at - start < 3 and CJK.match(message[start - 1]) and (
                    message[start - 1] not in _ZH_ASKING):
                start -= 1
            prefix = message[start:at]
            modifier = next((zh for zh in _ZH_MODIFIERS if prefix.endswith(zh)), "")
            return Kind(modifier + word, inflections(english), _ZH_MODIFIERS.get(modifier, ""),
                        word)
        return None
    head = limits.type_terms
    if not need_part(message).strip():
        return None  # a story of several sentences, none saying what is wanted
    if head and ("'" in head[0] or head[0].endswith(("ing", "ed"))):
        return None  # a verb read as the head noun of a long message: no kind to check
    if open_kind(limits):
        head = type_terms(_VAGUE.sub(" ", strip_prices(need_part(message))))
        if not head or set(head) <= _VAGUE_TYPES:
            return None
    words = re.findall(r"[a-z0-9][a-z0-9'-]*", message.lower())
    found = next((n for n, w in enumerate(words) if w in head), None)
    if found is None:
        return Kind(head[0], head)
    before = words[found - 1] if found > 0 else ""
    brands = {b.lower() for b in (*WELL_KNOWN_BRANDS, limits.brand or "")}
    if (before.isalpha() and len(before) >= 3 and before not in _PEOPLE
            and before not in _NOT_KIND and before not in brands):
        return Kind(f"{before} {words[found]}", head, before)
    return Kind(words[found], head)


def sells(kind: Kind | None, topic: set[str], hits: Sequence[Product]) -> bool:
    """Whether the catalog's best matches include the kind (its head noun in a title or
    category, with the word before it anywhere in that product; or both in two
    descriptions) or, for an open need, what it is about."""
    hits = list({p.id: p for p in hits}.values())
    if kind is not None:
        head = re.compile(r"\b(?:" + "|".join(map(re.escape, kind.head)) + r")\b", re.I)
        # A short word whole ("sim", not "similar"); a longer one by its stem ("running").
        modifier = re.compile(
            rf"\b{re.escape(kind.modifier)}s?\b" if len(kind.modifier) <= 4
            else rf"\b{re.escape(stem(kind.modifier))}\w{{0,4}}\b", re.I)

        def has_modifier(text: str) -> bool:
            return not kind.modifier or bool(modifier.search(text))
        if kind.native and any(kind.native in p.title for p in hits):
            return True
        if any(_near(kind.head, f"{p.title} {p.category}")
               and has_modifier(f"{p.title} {p.category} {p.description}") for p in hits):
            return True
        return sum(bool(head.search(p.description)) and has_modifier(p.description)
                   for p in hits) >= 2
    if topic:
        texts = [f"{p.title} {p.category} {p.description}".lower() for p in hits]
        return any(any(re.search(rf"\b{re.escape(t)}", text) for t in topic) for text in texts)
    return True


def _near(head: Sequence[str], text: str) -> bool:
    """A word of ``text`` is one of ``head``'s forms, or one letter from it ("matt" for "mat")."""
    words = re.findall(r"[a-z]+", text.lower())
    return any(w in head or (len(w) >= 3 and any(
        len(h) >= 3 and (w == h[:-1] or h == w[:-1]) for h in head)) for w in words)


def choices(hits: Sequence[Product]) -> list[str]:
    """The departments of the catalog's best matches, most frequent first: the choices a
    clarifying question offers."""
    counts: Counter[str] = Counter()
    for product in hits:
        levels = product.category_levels
        if levels:
            counts[levels[1] if len(levels) > 1 and len(set(
                p.category_levels[0] for p in hits if p.category_levels)) == 1 else levels[0]] += 1
    return [name for name, _ in counts.most_common(CHOICES)]
