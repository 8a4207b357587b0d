"""Whether a sentence the model wrote about a product is borne out by that product's fields.

A 0.5B model asked for a lawn mower called a prepaid phone "the best choice for a lawn mower
… a high-quality engine", and a phone case "一款高端的洗衣机". The words a sentence uses to say
what the product is or has must be found in the product's title, category, description or
attributes; words of the shopper's need that the product does not have may not be claimed for
it. A reason must also name something of its own product, differ from the other picks'
reasons, and be a whole sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from engine.crosslingual import ZH_REQUEST_WORDS, ZH_TYPES, glossary
from engine.records import Product
from engine.text_analysis import CJK

_WORD = re.compile(r"[a-z][a-z'-]{3,}", re.I)
# Words any sentence about a product may use without the listing saying them.
_GENERIC = set("""
this that these those with your you from have has been will would could should their there
they them which what when where while into onto over under about than then also just only very
more most much many less least such each other some any both well make makes made keep keeps
offers offer offering provides provide providing features feature featuring includes include
comes come designed design great good best better perfect ideal excellent nice solid reliable
quality high-quality premium durable sturdy stylish sleek simple easy easily convenient
convenience lightweight compact affordable budget value price priced cheap inexpensive choice
option pick picks product products item items device devices model brand need needs want wants
looking shopper shoppers user users people everyday daily life protection protect protects
protective style look looks use used using uses work works working fits fit fitting suits suit
match matches matching request requested asked ask asking within under above range fine solid
great option options overall popular trusted well-made well-built thanks thank also really
help helps helping enjoy enjoying enjoys keeping stay stays staying without lasting long-lasting
listing listed lists gives give states stated reviewers reviews rated rating ratings customers
customer star stars worth
based comparison compared comparing compare cheaper cheapest higher highest lower lowest larger
largest smaller smallest bigger biggest longer shorter someone anyone whoever prefer prefers
values therefore either neither same identical similar respectively significantly slightly
difference differs different whereas hand""".split())
_CUT_ENDS = {"a", "an", "the", "and", "or", "of", "to", "for", "with", "via", "your", "its",
             "in", "on", "at", "by", "from", "that", "which", "is", "are", "le", "und"}
_ZH_GENERIC = set("商品 产品 选择 价格 预算 需求 质量 设计 使用 方便 适合 推荐 性价比 品牌 功能 "
                  "高端 不错 很好 优秀 耐用 时尚 实用 理想 完美 满足 要求 符合 您的 你的 这款 "
                  "它的 一款 提供 可以 能够 非常 具有 拥有".split())
_ZH_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


def product_text(products: Iterable[Product]) -> str:
    """Everything the products' fields say, lower-cased: what a claim may rest on."""
    return " ".join(" ".join([p.title, p.category, p.brand, p.description,
                              " ".join(f"{k} {v}" for k, v in p.attributes.items())])
                    for p in products).lower()


def stem(word: str) -> str:
    word = word.lower().strip("'-")
    for suffix in ("ing", "ers", "ies", "es", "ed", "er", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> set[str]:
    """The text's words that could state a fact, stemmed (not the words any sentence uses)."""
    return {stem(w) for w in _WORD.findall(text) if w.lower() not in _GENERIC}


def need_words(message: str) -> set[str]:
    """The shopper's own content words, stemmed (English), or the English senses of the
    Chinese words (a Chinese need over an English catalog)."""
    words = content_words(message)
    for run in _ZH_RUN.findall(message):
        words |= {stem(w) for w in _WORD.findall(glossary().translate(run))
                  if w.lower() not in _GENERIC}
    return words


def unsupported(text: str, products: Sequence[Product], message: str = "") -> list[str]:
    """Words ``text`` uses about ``products`` that their fields do not bear out.

    A word of the shopper's need that the products lack is always unsupported ("lawn mower"
    said of a phone); other words only count when two or more are missing (a model may add one
    harmless word of its own)."""
    facts = product_text(products)
    stems_in_facts = {stem(w) for w in _WORD.findall(facts)}
    wanted = need_words(message)
    missing = [w for w in _WORD.findall(text)
               if w.lower() not in _GENERIC and stem(w) not in stems_in_facts
               and stem(w) not in facts]
    claimed_need = [w for w in missing if stem(w) in wanted]
    missing += _zh_missing(text, facts, message)
    if claimed_need:
        return claimed_need
    return missing if len(missing) >= 2 else []


def _zh_missing(text: str, facts: str, message: str) -> list[str]:
    """Chinese words of the sentence naming a kind of product or a thing the shopper asked for
    whose English the products' fields do not have."""
    if not CJK.search(text):
        return []
    missing = []
    for word, english in ZH_TYPES.items():
        if word in text and english not in facts:
            missing.append(word)
    for run in _ZH_RUN.findall(message):
        for size in (4, 3, 2):
            for start in range(len(run) - size + 1):
                piece = run[start:start + size]
                if (piece in text and piece not in _ZH_GENERIC and piece not in ZH_REQUEST_WORDS
                        and piece not in missing):
                    senses = [stem(w) for w in _WORD.findall(glossary().translate(piece))]
                    if senses and not any(s in facts for s in senses):
                        missing.append(piece)
    return missing


def names_its_product(reason: str, product: Product) -> bool:
    """The reason mentions something of this product: a number of its fields, its brand, or
    a word of its title or description."""
    lowered = reason.lower()
    if product.brand and product.brand.lower() in lowered:
        return True
    facts = product_text([product])
    if any(n in facts for n in re.findall(r"\d+(?:\.\d+)?", reason)):
        return True
    own = {stem(w) for w in _WORD.findall(product.title + " " + product.description)
           if w.lower() not in _GENERIC}
    if any(stem(w) in own for w in _WORD.findall(reason)):
        return True
    return any(word in reason and english in facts for word, english in ZH_TYPES.items())


# "The shopper needs a USB-C cable." restates the request to the one who made it: nothing
# learned, and odd to read about oneself.
_ABOUT_SHOPPER = re.compile(r"\bshoppers?\b|顾客", re.I)


def speaks_of_shopper(text: str) -> bool:
    return bool(_ABOUT_SHOPPER.search(text))


# A sentence ends at a stop followed by a space or the end ("3.7" goes on), or a Chinese stop.
_WHOLE_SENTENCE = re.compile(r".*?(?:[.!?]+(?=\s|$)|[。！？]+)", re.S)


def whole_sentences(text: str) -> list[str]:
    """The model's whole sentences, as written (spaces kept); one it did not end is left out."""
    return _WHOLE_SENTENCE.findall(text)


def settled(text: str) -> str:
    """What of a text the model is still writing can be checked: up to its last space or
    Chinese stop ("costs 19." may go on "99 USD.")."""
    return text[:max(text.rfind(c) for c in " \n\t。！？") + 1]


def is_cut(text: str) -> bool:
    """A sentence that stops mid-way (at the model's length limit)."""
    text = text.strip()
    if not text or text[-1] in ".!?。！？)）”\"":
        return False
    last = re.findall(r"[A-Za-z]+", text[-15:])
    return bool(last) and (last[-1].lower() in _CUT_ENDS or not CJK.search(text[-3:]))


def reason_ok(reason: str, product: Product, others: Sequence[str], message: str) -> bool:
    """A pick's reason may be shown: whole, about its own product, not a copy of another pick's
    reason, and claiming nothing the product's fields do not bear out."""
    plain = " ".join(reason.lower().split())
    return (not is_cut(reason) and names_its_product(reason, product)
            and plain not in {" ".join(o.lower().split()) for o in others}
            and not unsupported(reason, [product], message))
