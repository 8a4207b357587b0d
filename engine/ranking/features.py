"""What the learned ranker knows about one candidate of one query.

Every feature is computed from the query, the product's own fields and the two retrieval legs'
scores, so a catalog without judgments (or without brands or descriptions: those features are
missing, which LightGBM handles natively) is ranked by the shipped model as it is. Scores whose
scale depends on the catalog or the embedder also come relative to the query's best candidate.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from engine.ranking.normalise import is_number, tokens
from engine.records import Product
from engine.text_analysis import STOPWORDS

FEATURES = (
    "bm25", "bm25_rel", "bm25_title", "bm25_title_rel", "bm25_body", "keyword_rank",
    "cosine", "cosine_gap", "cosine_z", "cosine_rank", "dense_rank", "fusion",
    "title_coverage", "all_coverage", "title_bigrams", "phrase_in_title", "first_in_title",
    "last_in_title", "numbers_matched", "title_numbers", "brand_in_query", "category_overlap",
    "title_length", "query_length", "corrected", "has_description",
    "title_fuzzy", "title_trigrams", "title_idf_coverage",
)
"""The ranker's input columns, in order; the model file records the list it was trained on."""

COLUMN = {name: i for i, name in enumerate(FEATURES)}
BASE_SCALE = 2.0  # score fusion's weight as the learned ranker's starting point (CV: 20 saturated)
MISSING = float("nan")
BODY_CHARS = 300


@dataclass(frozen=True)
class Candidate:
    """One product found for a query, with what each retrieval leg said about it.

    BM25 scores are FTS5's negated (higher is better, 0.0 where the product matched no term).
    """

    product: Product
    bm25: float
    bm25_title: float
    bm25_body: float
    cosine: float
    keyword_rank: int | None
    dense_rank: int | None


@dataclass(frozen=True)
class TitleFrequencies:
    """In how many of a catalog's titles each normalised token occurs: a rare query word found
    in a title says more than a common one (homedepot's "12-gauge" beside its "angle")."""

    titles: int
    counts: Counter[str]

    @classmethod
    def of(cls, titles: Iterable[str]) -> TitleFrequencies:
        counts: Counter[str] = Counter()
        total = 0
        for title in titles:
            counts.update(set(tokens(title)))
            total += 1
        return cls(total, counts)

    def idf(self, term: str) -> float:
        found = self.counts.get(term, 0)
        return math.log(1 + (self.titles - found + 0.5) / (found + 0.5))


@dataclass(frozen=True)
class RankingInput:
    """One query's candidates as the ranker sees them, in fused order."""

    text: str
    corrected: bool
    candidates: list[Candidate]
    frequencies: TitleFrequencies | None = None  # None: the IDF feature is missing

    def matrix(self) -> np.ndarray:
        return feature_matrix(self.text, self.candidates, corrected=self.corrected,
                              frequencies=self.frequencies)


def query_tokens(query: str) -> list[str]:
    """The query's normalised tokens, stopwords out, first occurrence kept."""
    return list(dict.fromkeys(t for t in tokens(query) if t not in STOPWORDS))


def feature_matrix(query: str, candidates: Sequence[Candidate], *, corrected: bool,
                   frequencies: TitleFrequencies | None = None) -> np.ndarray:
    """One row of ``FEATURES`` per candidate (float32, NaN where a feature does not apply)."""
    terms = query_tokens(query)
    rows = np.full((len(candidates), len(FEATURES)), MISSING, dtype=np.float32)
    if not candidates:
        return rows
    retrieval = _retrieval_features(candidates)
    idf = {t: frequencies.idf(t) for t in terms} if frequencies and frequencies.titles else None
    similar: dict[str, dict[str, float]] = {}
    query_text = _QueryText.of(terms)
    for i, candidate in enumerate(candidates):
        product = candidate.product
        text = _product_text(product.title, product.brand, product.category,
                             product.description[:BODY_CHARS])
        rows[i, : retrieval.shape[1]] = retrieval[i]
        rows[i, retrieval.shape[1] :] = (
            _text_features(query_text, product, corrected, text)
            + _spelling_features(query_text, text, idf, similar))
    return rows


def _relative(values: np.ndarray) -> np.ndarray:
    best = float(values.max())
    return values / best if best > 0 else np.zeros_like(values)


def _rank(rank: int | None) -> float:
    return MISSING if rank is None else float(rank)


def _retrieval_features(candidates: Sequence[Candidate]) -> np.ndarray:
    bm25 = np.array([c.bm25 for c in candidates], dtype=np.float64)
    title = np.array([c.bm25_title for c in candidates], dtype=np.float64)
    body = np.array([c.bm25_body for c in candidates], dtype=np.float64)
    cosine = np.array([c.cosine for c in candidates], dtype=np.float64)
    spread = float(cosine.std()) or 1.0
    cosine_rank = np.empty(len(cosine))
    cosine_rank[np.argsort(-cosine, kind="stable")] = np.arange(len(cosine))
    return np.column_stack([
        bm25, _relative(bm25), title, _relative(title), body,
        [_rank(c.keyword_rank) for c in candidates],
        cosine, cosine.max() - cosine, (cosine - cosine.mean()) / spread, cosine_rank,
        [_rank(c.dense_rank) for c in candidates],
        (_relative(bm25) + cosine) / 2,  # score fusion with even weights, the untuned default
    ])


def _share(found: int, total: int) -> float:
    return found / total if total else MISSING


@functools.lru_cache(maxsize=50_000)
def _trigrams(text: str) -> frozenset[str]:
    padded = f" {text} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


@dataclass(frozen=True)
class _ProductText:
    """A product's normalised tokens and what the features read from them, the same for every
    query (the same products come back query after query)."""

    title: tuple[str, ...]
    title_set: frozenset[str]
    everything: frozenset[str]
    brand: frozenset[str]
    category: frozenset[str]
    title_pairs: frozenset[tuple[str, str]]
    phrase: str
    title_numbers: int
    trigrams: frozenset[str]  # of the title's tokens written together ("DeckOver")


@functools.lru_cache(maxsize=20_000)
def _product_text(title_text: str, brand_text: str, category_text: str, body: str
                  ) -> _ProductText:
    title = tuple(tokens(title_text))
    title_set = frozenset(title)
    everything = title_set | frozenset(tokens(" ".join([brand_text, category_text, body])))
    return _ProductText(title, title_set, everything, frozenset(tokens(brand_text)),
                        frozenset(tokens(category_text)),
                        frozenset(zip(title, title[1:], strict=False)), " ".join(title),
                        sum(is_number(t) for t in title_set), _trigrams("".join(title)))


@dataclass(frozen=True)
class _QueryText:
    terms: list[str]
    term_set: frozenset[str]
    pairs: frozenset[tuple[str, str]]
    numbers: frozenset[str]
    phrase: str
    trigrams: frozenset[str]  # of the words written together ("deck over" meets "DeckOver")

    @classmethod
    def of(cls, terms: list[str]) -> _QueryText:
        return cls(terms, frozenset(terms), frozenset(zip(terms, terms[1:], strict=False)),
                   frozenset(t for t in terms if is_number(t)), " ".join(terms),
                   _trigrams("".join(terms)) if terms else frozenset())


def _spelling_features(query: _QueryText, text: _ProductText, idf: dict[str, float] | None,
                       similar: dict[str, dict[str, float]]) -> list[float]:
    """How well the title matches words the shopper misspelt, ran together or split, and
    the query's rare words (cross-validated: homedepot 0.424 -> 0.435, docs/EVALUATION.md).

    ``similar`` holds this query's trigram Jaccard per (query word, title word): the same title
    words come back in candidate after candidate."""
    terms, title_set = query.terms, text.title_set
    fuzzy = 0.0
    for term in terms:
        if term in title_set:
            fuzzy += 1.0
            continue
        known = similar.setdefault(term, {})
        for token in title_set:
            if token not in known:
                a, b = _trigrams(term), _trigrams(token)
                shared = len(a & b)
                known[token] = shared / (len(a) + len(b) - shared)
        fuzzy += max(map(known.__getitem__, title_set), default=0.0)
    total_idf = sum(idf.values()) if idf else 0.0
    return [
        fuzzy / len(terms) if terms else MISSING,
        len(query.trigrams & text.trigrams) / len(query.trigrams) if query.trigrams else MISSING,
        sum(idf[t] for t in terms if t in title_set) / total_idf
        if idf is not None and total_idf > 0 else MISSING,
    ]


def _text_features(query: _QueryText, product: Product, corrected: bool,
                   text: _ProductText) -> list[float]:
    terms = query.terms
    return [
        _share(len(text.title_set & query.term_set), len(terms)),
        _share(len(text.everything & query.term_set), len(terms)),
        _share(len(text.title_pairs & query.pairs), len(query.pairs)),
        float(bool(terms) and query.phrase in text.phrase),
        float(bool(terms) and terms[0] in text.title_set),
        float(bool(terms) and terms[-1] in text.title_set),
        _share(len(text.title_set & query.numbers), len(query.numbers)),
        float(text.title_numbers),
        MISSING if not text.brand else float(text.brand <= query.term_set),
        MISSING if not text.category else _share(len(text.category & query.term_set),
                                                 len(terms)),
        float(len(text.title)),
        float(len(terms)),
        float(corrected),
        float(bool(product.description) and not product.description.isspace()),
    ]


def base_scores(features: np.ndarray, dense_share: float) -> np.ndarray:
    """Score fusion from the feature columns, scaled as the boosting's starting point."""
    bm25 = np.nan_to_num(features[:, COLUMN["bm25_rel"]])
    cosine = np.nan_to_num(features[:, COLUMN["cosine"]])
    return BASE_SCALE * ((1 - dense_share) * bm25 + dense_share * cosine)
