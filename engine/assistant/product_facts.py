"""Answers about one product, read from that product's own fields by code.

A small model asked "what is its battery capacity?" answered with the price. Here the question
names an aspect (capacity, Android version, output power…); the sentence of the listing that
states it is found by the aspect's words and the shape of its value ("10,000 mAh", "2.1A"), and
the answer quotes the value as the catalog writes it. When no sentence states it, the answer
says the listing does not say; it never offers another field instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from engine.assistant.prompts import format_price, sanitize
from engine.records import Product
from engine.text_analysis import CJK

QUOTE_CHARS = 240
# A sentence ends at ". " or the end, never inside "4.7-inch".
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SENTENCE = re.compile(r"\S.*?(?:[.!?](?=\s|$)|[。！？\n]|$)", re.S)
_NUM = r"\d+(?:[.,]\d+)*"


@dataclass(frozen=True)
class Aspect:
    """Something a shopper asks about a product: how a question names it, and what its value
    looks like in a listing."""

    name: str
    en: str  # "its battery capacity", as in "the listing does not say …"
    zh: str
    asks: re.Pattern[str]
    value: re.Pattern[str]


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


ASPECTS = (
    Aspect("battery_life", "its battery life", "续航时间",
           _re(r"batt?ery life|how long does .{0,40}\blast|talk time|standby|play ?time|"
               r"last on a charge|续航|待机|通话时间|用多久"),
           _re(rf"(?:up to )?{_NUM}\s?-?(?:hours?|hrs?|h|days?)\b(?:[^.]{{0,30}}"
               r"(?:talk|standby|play|battery|use))?")),
    Aspect("capacity", "its battery capacity", "电池容量",
           _re(r"capacity|\bmah\b|how much (?:power|charge|juice)|\bbatt?ery\b|容量|毫安|电池"),
           _re(rf"{_NUM}\s?-?mah\b")),
    Aspect("ram", "its RAM", "运行内存",
           _re(r"\bram\b|运行内存|运存"),
           _re(rf"{_NUM}\s?gb\s?(?:of\s)?(?:ram|memory\b(?!\s+cell))|{_NUM}\s?gb\s+ram")),
    Aspect("bluetooth", "its Bluetooth version", "蓝牙版本",
           _re(r"bluetooth version|which bluetooth|what bluetooth|蓝牙几|蓝牙版本|蓝牙多少"),
           _re(r"bluetooth\s?\d(?:\.\d)?|蓝牙\s?\d(?:\.\d)?")),
    Aspect("transfer", "its data speed", "传输速度",
           _re(r"transfer|data speed|sync speed|传输速度|传输速率"),
           _re(rf"{_NUM}\s?(?:mbps|gbps|mb/s|gb/s)\b|usb\s?\d\.\d")),
    Aspect("os", "its operating system", "操作系统",
           _re(r"android|\bios\b|operating system|\bos\b|software version|安卓|系统"),
           _re(r"android(?:™|®)?\s*(?:os\s*)?(?:\d+(?:\.\d+)*)?(?:\s+(?:[A-Z][a-z]+))?|"
               r"\bios\s?\d+(?:\.\d+)*|windows(?:®)?\s?(?:phone\s?)?\d+(?:\.\d+)?")),
    Aspect("processor", "its processor", "处理器",
           _re(r"processor|\bcpu\b|chip(?:set)?|\bghz\b|how fast is|processing speed|"
               r"处理器|主频|芯片"),
           _re(rf"{_NUM}\s?ghz(?:\s+\w+-core)?(?:\s+\w+)?|\b(?:dual|quad|hexa|octa)-core\b[^.,]*|"
               r"(?:qualcomm\s+)?snapdragon\s?\d+|mediatek\s?[\w-]+|exynos\s?\d+|"
               r"\bapple a\d+\w*|intel(?:®)?\s(?:atom|core)[\w -]{0,12}")),
    Aspect("screen", "its screen size", "屏幕尺寸",
           _re(r"screen|display|how big|\binch|屏幕|显示屏|尺寸|多大"),
           _re(rf"{_NUM}\s?(?:-|\s)?(?:inch(?:es)?|in\.|\"|”)")),
    Aspect("storage", "its storage", "存储容量",
           _re(r"storage|memory|\bgb\b|how much space|内存|存储"),
           _re(rf"{_NUM}\s?gb\b(?:\s(?:of\s)?(?:internal\s)?(?:memory|storage))?")),
    Aspect("camera", "its camera", "摄像头",
           _re(r"camera|megapixel|\bmp\b|photo|相机|摄像头|像素"),
           _re(rf"{_NUM}\s?-?(?:megapixels?|mp)\b")),
    Aspect("power", "its output power", "输出功率",
           _re(r"output|power|watt|\bamps?\b|amperage|current|wattage|charging speed|"
               r"how fast does it charge|功率|输出|瓦|安培|电流"),
           _re(rf"{_NUM}\s?(?:-|\s)?(?:w|watts?|a|amps?|amperes?|v|volts?)\b")),
    Aspect("view", "its field of view", "视场角",
           _re(r"field of view|\bfov\b|视场|视野|视角"),
           _re(rf"{_NUM}\s?(?:-|\s)?(?:degrees?|°)[^.,]{{0,20}}")),
    Aspect("drop", "how far it may drop", "防摔高度",
           _re(r"drop|fall|tough|rugged|shock|耐摔|防摔|摔"),
           _re(rf"{_NUM}\s?(?:-|\s)?(?:foot|feet|ft|meters?|m)\b[^.,]{{0,20}}drop|"
               rf"drop[^.,]{{0,40}}{_NUM}\s?(?:-|\s)?(?:foot|feet|ft|meters?|m)\b|"
               r"mil-?std[- ]?810\w*")),
    Aspect("angle", "its angle", "角度",
           _re(r"angle|tilt|swivel|rotat|degree|角度|旋转"),
           _re(rf"{_NUM}\s?(?:-|\s)?(?:degrees?|°)")),
    Aspect("length", "its length", "长度",
           _re(r"how long is|length|cord|cable long|多长|长度"),
           _re(rf"(?<![\dx×.]){_NUM}\s?(?:-|\s)?(?:ft\b|feet\b|foot\b|'|meters?\b|m\b|cm\b|"
               rf"inch(?:es)?\b|in\.|\"|”)")),
    Aspect("weight", "its weight", "重量",
           _re(r"weigh|heavy|重量|多重|重多少|几克|多沉"),
           _re(rf"{_NUM}\s?(?:-|\s)?(?:oz|ounces?|lbs?|pounds?|g|grams?|kg)\b")),
    Aspect("water", "whether it is water-resistant", "防水性能",
           _re(r"water|waterproof|rain|splash|swim|防水"),
           _re(r"\bip\s?\d{2}\b|water[- ]?(?:proof|resistant)\b|"
               r"splash[- ]?(?:proof|resistant)")),
    Aspect("connector", "its connector", "接口",
           _re(r"connector|port|plug|usb|lightning|type-?c|接口|插头"),
           _re(r"usb[- ]?(?:type[- ]?)?c\b|micro[- ]?usb|lightning|usb(?: \d\.\d)?")),
    Aspect("compatibility", "which devices it fits", "适用的设备",
           _re(r"compatib|work with|works with|\bfits?\b|which (?:phones?|devices?)|what phone|"
               r"适用|兼容|适合|支持|哪款手机|什么手机|哪些手机|给哪"),
           _re(r"(?:compatible with|for use with|designed for|fits?|works with|for)\s+"
               r"[A-Z][^.;]{2,60}")),
    Aspect("material", "what it is made of", "材质",
           _re(r"made of|material|what is it made|made from|材质|材料|什么做的|什么料"),
           _re(r"\b(?:genuine |vegan |faux )?(?:leather|silicone|polycarbonate|plastic|aluminum|"
               r"aluminium|metal|rubber|tpu|fabric|nylon|glass|wood(?:en)?|carbon fiber|"
               r"stainless steel|steel|cotton|polyester|wool|linen|bamboo|ceramic|cast iron|"
               r"jute|faux fur|fur|sheepskin|mesh|polypropylene|suede|canvas|down|silk)\b")),
    Aspect("colour", "its colour", "颜色",
           _re(r"colou?r|颜色"),
           _re(r"\b(?:black|white|red|blue|green|pink|gold|silver|gray|grey|rose gold|purple|"
               r"yellow|orange|clear|brown|teal|navy)\b")),
)
_PRICE_ASK = _re(r"\bprice\b|how much (?:is|does|do)|\bcost|多少钱|价格|价钱|售价")
_RATING_ASK = _re(r"rating|rated|reviews?|stars?|评分|评价|口碑")
_BRAND_ASK = _re(r"who makes|which brand|what brand|manufacturer|品牌|哪个牌子|谁家")


def aspect_of(question: str, product: Product | None = None) -> Aspect | None:
    """The aspect a question asks about, if it names one (the first that matches); the
    product's own name is not read as one ("the 20,000 mAh charger: is it waterproof?")."""
    if product is not None:
        question = _without_title(question, product)
    for aspect in ASPECTS:
        if aspect.asks.search(question):
            return aspect
    return None


def _without_title(question: str, product: Product) -> str:
    words = {w.lower() for w in re.findall(r"[\w'-]+", product.title)}
    kept = [w for w in re.split(r"(\s+)", question)
            if not w.strip() or w.lower().strip("?？,，.") not in words]
    return " ".join("".join(kept).split())


def sentences(product: Product) -> list[str]:
    """The product's statements: its title, then each sentence of its description, then its
    attributes as "key: value"."""
    parts = [product.title]
    parts += [s.strip() for s in _SENTENCE.findall(product.description) if s.strip()]
    parts += [f"{k}: {v}" for k, v in product.attributes.items()]
    return [sanitize(p, QUOTE_CHARS) for p in parts if p.strip()]


@dataclass(frozen=True)
class Evidence:
    """The value a listing gives for an aspect, and the sentence it stands in."""

    value: str
    sentence: str


def find(product: Product, aspect: Aspect) -> Evidence | None:
    """The first statement of the product that gives a value of ``aspect``: one that also
    names the aspect is preferred ("a 10,000 mAh battery" over a bare number)."""
    found: list[tuple[int, int, Evidence]] = []
    for n, sentence in enumerate(sentences(product)):
        match = aspect.value.search(sentence)
        if match:
            named = 0 if aspect.asks.search(sentence) else 1
            found.append((named, n, Evidence(match.group(0).strip(" ,;"), sentence)))
    return min(found, key=lambda f: (f[0], f[1]))[2] if found else None


def answer(product: Product, question: str, language: str) -> tuple[str, bool]:
    """(the answer, whether the listing stated it): one or two sentences in ``language``."""
    zh = language == "zh"
    title = product.title
    aspect = aspect_of(question, product)
    if _PRICE_ASK.search(question) and aspect is None:
        return (f"{title} 的价格是 {format_price(product)}。" if zh
                else f"The {title} costs {format_price(product)}."), product.price is not None
    if _RATING_ASK.search(question) and aspect is None:
        return _rating(product, zh), product.rating is not None
    if _BRAND_ASK.search(question) and aspect is None:
        if not product.brand:
            return (f"{title} 的商品信息没有写明品牌。" if zh
                    else f"The listing for the {title} does not name its brand."), False
        return (f"{title} 的品牌是 {product.brand}。" if zh
                else f"The {title} is made by {product.brand}."), True
    if aspect is None:
        return _by_words(product, question, language)
    evidence = find(product, aspect)
    if evidence is None:
        return (f"{title} 的商品说明中没有写明{aspect.zh}。" if zh
                else f"The listing for the {title} does not say {aspect.en}."), False
    if zh:
        return f"根据商品说明，{title} 的{aspect.zh}：{evidence.value}。", True
    quote = evidence.sentence if evidence.sentence != title else evidence.value
    return f"The {title}: {evidence.value}. Its listing says: “{quote}”", True


_TELL_ME = _re(r"tell me|more about|details|describe|what is it like|介绍|详细|说说|讲讲|怎么样")
_QUESTION_WORDS = set("what whats what's which how does do is are can will it its this that the "
                      "a an of on in for to with me about have has there any much many one first "
                      "second third fourth fifth last".split())


def _by_words(product: Product, question: str, language: str) -> tuple[str, bool]:
    """A question that names no known aspect: the listing's sentence sharing the most words
    with it, or an overview for "tell me more", or that the listing does not say."""
    words = {w.lower() for w in re.findall(r"[a-z][a-z-]{2,}", _without_title(question, product),
                                           re.I)} - _QUESTION_WORDS
    pairs = _zh_pairs(_without_title(question, product))
    longest = max(words, key=len, default="")
    best, best_score = "", 0
    for sentence in sentences(product)[1:]:
        lowered = sentence.lower()
        found = [w for w in words if re.search(rf"\b{re.escape(w[:5])}", lowered)]
        score = len(found) + sum(1 for pair in pairs if pair in sentence)
        # One shared word is enough when it is the question's longest or a long one
        # ("pitch" finds "Pitches in under 5 minutes"; "safe" alone is no answer).
        enough = score >= 2 or (found and (longest in found or len(found[0]) >= 5)) or (
            pairs and score >= 1)
        if enough and score > best_score:
            best, best_score = sentence, score
    if best and CJK.search(best) and language == "zh":
        return f"根据商品说明，{product.title}：{best}", True
    if best and (language != "zh" or re.search(r"\d", best)):
        if language == "zh":
            value = re.search(r"[^,;]*\d[^,;]*", best)
            quoted = (value.group(0) if value else best).strip()
            return f"根据商品说明，{product.title}：{quoted}。", True
        return f"The {product.title}: its listing says “{best}”", True
    if _TELL_ME.search(question) or not words:
        return overview(product, language), True
    if language == "zh":
        return f"{product.title} 的商品说明中没有提到这一点。", False
    return (f"The listing for the {product.title} does not say; it does not mention "
            f"{', '.join(sorted(words)[:3])}."), False


_ZH_ASKING = re.compile(r"[吗呢吧啊呀？?，,。的是了它这那款个能可以不有没多少什么怎么样]")


def _zh_pairs(question: str) -> set[str]:
    """The question's Chinese words as pairs of characters (no spaces to split words by)."""
    pairs = set()
    for run in re.findall(r"[\u4e00-\u9fff]+", _ZH_ASKING.sub(" ", question)):
        pairs |= {run[i:i + 2] for i in range(len(run) - 1)}
    return pairs


def _rating(product: Product, zh: bool) -> str:
    if product.rating is None:
        return (f"{product.title} 还没有评分。" if zh
                else f"The {product.title} has no rating in this catalog.")
    count = product.rating_count or 0
    return (f"{product.title} 的评分是 {product.rating:.1f}（{count} 条评价）。" if zh
            else f"The {product.title} is rated {product.rating:.1f} by {count} reviewers.")


def key_facts(product: Product, limit: int = 2, need: str = "") -> list[str]:
    """Values the listing states (capacity, screen size, connector…), for reasons and
    overviews: each is written as the catalog writes it; those the ``need`` asks about
    first."""
    facts: list[str] = []
    asked = [a for a in ASPECTS if need and a.asks.search(need)]
    for aspect in [*asked, *(a for a in ASPECTS if a not in asked)]:
        if aspect.name in ("compatibility", "colour"):
            continue
        evidence = find(product, aspect)
        if evidence and not any(evidence.value.lower() in f.lower() or f.lower() in
                                evidence.value.lower() for f in facts):
            facts.append(evidence.value)
        if len(facts) >= limit:
            break
    return facts


def overview(product: Product, language: str) -> str:
    """"Tell me more about it": the product's main facts, in two sentences."""
    zh = language == "zh"
    facts = key_facts(product, 3)
    first = _first_sentence(product)
    if zh:
        parts = [f"{product.title}：售价 {format_price(product)}"]
        if product.brand:
            parts.append(f"品牌 {product.brand}")
        if product.rating is not None:
            parts.append(f"评分 {product.rating:.1f}")
        if facts:
            parts.append("主要参数：" + "、".join(facts))
        return "，".join(parts) + "。"
    text = f"The {product.title} costs {format_price(product)}"
    if product.rating is not None:
        text += f" and is rated {product.rating:.1f}"
    text += "."
    if first:
        text += f" {first}"
    elif facts:
        text += " Its listing gives: " + ", ".join(facts) + "."
    return text


def _first_sentence(product: Product) -> str:
    found = _SENTENCE.findall(product.description)
    return sanitize(found[0].strip(), QUOTE_CHARS) if found else ""


def numbers_in_fields(product: Product) -> set[str]:
    """Every number the product's fields state, normalised (commas dropped)."""
    text = " ".join([product.title, product.description, product.brand, product.category,
                     " ".join(f"{k} {v}" for k, v in product.attributes.items()),
                     f"{product.price:.2f}" if product.price is not None else "",
                     f"{product.rating:.1f}" if product.rating is not None else "",
                     str(product.rating_count or "")])
    return numbers_in(text)


def numbers_in(text: str) -> set[str]:
    """The numbers a text states, as values ("1,299.00" and "1299" are one)."""
    return {_norm(n) for n in _NUMBER.findall(text)}


def stray_numbers(text: str, products: Sequence[Product]) -> list[str]:
    """Numbers in ``text`` that none of ``products``' fields state."""
    known: set[str] = set()
    for product in products:
        known |= numbers_in_fields(product)
    return [n for n in _NUMBER.findall(text) if _norm(n) not in known]


def _norm(number: str) -> str:
    cleaned = number.replace(",", "")
    try:
        value = float(cleaned)
    except ValueError:
        return cleaned
    return f"{value:.2f}".rstrip("0").rstrip(".")
