"""What the learned ranker knows about one candidate of one query.

Every feature is computed from the query, the product's own fields and the two retrieval legs'
scores, so a catalog without judgments (or without brands or descriptions: those features are
missing, which LightGBM handles natively) is ranked by the shipped model as it is. Scores whose
scale depends on the catalog or the embedder also come relative to the query's best candidate.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
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
class RankingInput:
    """One query's candidates as the ranker sees them, in fused order."""

    text: str
    corrected: bool
    candidates: list[Candidate]

    def matrix(self) -> np.ndarray:
        return feature_matrix(self.text, self.candidates, corrected=self.corrected)


def query_tokens(query: str) -> list[str]:
    """The query's normalised tokens, stopwords out, first occurrence kept."""
    return list(dict.fromkeys(t for t in tokens(query) if t not in STOPWORDS))


def feature_matrix(query: str, candidates: Sequence[Candidate], *, corrected: bool
                   ) -> np.ndarray:
    """One row of ``FEATURES`` per candidate (float32, NaN where a feature does not apply)."""
    terms = query_tokens(query)
    rows = np.full((len(candidates), len(FEATURES)), MISSING, dtype=np.float32)
    if not candidates:
        return rows
    retrieval = _retrieval_features(candidates)
    for i, candidate in enumerate(candidates):
        rows[i, : retrieval.shape[1]] = retrieval[i]
        rows[i, retrieval.shape[1] :] = _text_features(terms, candidate.product, corrected)
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


@functools.lru_cache(maxsize=20_000)
def _product_tokens(title_text: str, brand_text: str, category_text: str, body: str
                    ) -> tuple[tuple[str, ...], frozenset[str], frozenset[str], frozenset[str],
                               frozenset[str]]:
    """A product's normalised tokens: the same for every query, and most of the features' time
    (the same products come back query after query)."""
    title = tuple(tokens(title_text))
    everything = frozenset(title) | frozenset(tokens(" ".join([brand_text, category_text, body])))
    return (title, frozenset(title), everything, frozenset(tokens(brand_text)),
            frozenset(tokens(category_text)))


def _text_features(terms: list[str], product: Product, corrected: bool) -> list[float]:
    title, title_set, everything, brand, category = _product_tokens(
        product.title, product.brand, product.category, product.description[:BODY_CHARS])
    pairs = list(zip(terms, terms[1:], strict=False))
    title_pairs = set(zip(title, title[1:], strict=False))
    numbers = [t for t in terms if is_number(t)]
    return [
        _share(sum(t in title_set for t in terms), len(terms)),
        _share(sum(t in everything for t in terms), len(terms)),
        _share(sum(p in title_pairs for p in pairs), len(pairs)),
        float(bool(terms) and " ".join(terms) in " ".join(title)),
        float(bool(terms) and terms[0] in title_set),
        float(bool(terms) and terms[-1] in title_set),
        _share(sum(n in title_set for n in numbers), len(numbers)),
        float(sum(is_number(t) for t in title_set)),
        MISSING if not brand else float(brand <= set(terms)),
        MISSING if not category else _share(len(category.intersection(terms)), len(terms)),
        float(len(title)),
        float(len(terms)),
        float(corrected),
        float(bool(product.description.strip())),
    ]


def base_scores(features: np.ndarray, dense_share: float) -> np.ndarray:
    """Score fusion from the feature columns, scaled as the boosting's starting point."""
    bm25 = np.nan_to_num(features[:, COLUMN["bm25_rel"]])
    cosine = np.nan_to_num(features[:, COLUMN["cosine"]])
    return BASE_SCALE * ((1 - dense_share) * bm25 + dense_share * cosine)
