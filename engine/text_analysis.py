"""Turning product and query text into FTS5 terms, for English and Chinese alike.

FTS5's unicode61 tokenizer keeps a run of Chinese characters as one token, so "保暖地毯" would
only match itself. Like Lucene's CJKAnalyzer we index overlapping character bigrams of CJK runs
("保暖 暖地 地毯"); queries are split the same way, so any two-character word matches.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

CJK_CHARS = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""Chinese characters (CJK ideographs): written without spaces between words."""
CJK = re.compile(f"[{CJK_CHARS}]")
CJK_RUN = re.compile(f"[{CJK_CHARS}]+")
"""A run of Chinese characters (one word or several, unsplit)."""
_WORD = re.compile(rf"[{CJK_CHARS}]+|[^\W_]+(?:['.][^\W_]+)*", re.UNICODE)
STOPWORDS = frozenset(
    "a an and are as at be by for from in into is it of on or the to with under over "
    "i me my we our you your want need looking find show some any please".split()
)
MAX_QUERY_TERMS = 32


def cjk_bigrams(run: str) -> list[str]:
    """Overlapping character pairs of a CJK run (a single character stays itself)."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_text(text: str) -> str:
    """Text as stored in the FTS table: CJK runs become space-separated bigrams."""
    return CJK_RUN.sub(lambda m: " " + " ".join(cjk_bigrams(m.group())) + " ", text)


def query_terms(query: str) -> list[str]:
    """Lower-cased search terms of a query, without stopwords, CJK split into bigrams."""
    terms: list[str] = []
    for token in _WORD.findall(query.lower()):
        if CJK_RUN.fullmatch(token):
            terms.extend(cjk_bigrams(token))
        elif token not in STOPWORDS:
            terms.append(token.replace("'", "").replace(".", " ").strip())
    unique = list(dict.fromkeys(t for t in terms if t))
    return unique[:MAX_QUERY_TERMS]


def fts_match(terms: Iterable[str], *, prefix_last: bool = False) -> str:
    """An FTS5 MATCH expression OR-ing the terms (each quoted, so user text is never syntax)."""
    quoted = [f'"{t.replace(chr(34), "")}"' for t in terms]
    if prefix_last and quoted and not CJK_RUN.search(quoted[-1]):
        quoted[-1] = quoted[-1] + "*"
    return " OR ".join(quoted)


class Speller:
    """Corrects misspelled query words against the catalog's own vocabulary.

    A symmetric-delete index (as in SymSpell) finds vocabulary words within edit distance 2 in
    microseconds; among candidates the most frequent word wins.
    """

    MIN_LENGTH = 4

    def __init__(self, vocabulary: dict[str, int]) -> None:
        self._freq = vocabulary
        self._deletes: dict[str, list[str]] = defaultdict(list)
        for word in vocabulary:
            if len(word) >= self.MIN_LENGTH and word.isalpha():
                for variant in _deletes(word, 2 if len(word) > 6 else 1):
                    self._deletes[variant].append(word)

    def known(self, word: str) -> bool:
        return word in self._freq

    def correct(self, word: str) -> str:
        """The best vocabulary word for ``word``, or ``word`` itself if none is close."""
        if word in self._freq or len(word) < self.MIN_LENGTH or not word.isalpha():
            return word
        max_distance = 2 if len(word) > 6 else 1
        candidates: set[str] = set()
        for variant in _deletes(word, max_distance) | {word}:
            candidates.update(self._deletes.get(variant, ()))
        scored = [
            (d, -self._freq[c], c)
            for c in candidates
            if (d := _edit_distance(word, c)) <= max_distance
        ]
        return min(scored)[2] if scored else word


def _deletes(word: str, distance: int) -> set[str]:
    result = {word}
    frontier = {word}
    for _ in range(distance):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        result |= frontier
    return result


def _edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]
