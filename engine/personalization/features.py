"""Ranking features of one result list, computed from the search's scores and the profile.

The same function builds training rows (with the profile as it was at each past search) and
serving rows (with the stored profile), so the ranker sees identical features in both.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from engine.personalization.profile import DAY, Profile, category_levels, price_band
from engine.records import Product

FEATURES = (
    "semantic", "keyword_match", "keyword_rr", "dense_rr", "position",
    "category", "category_top", "brand", "price_fit", "rating", "popularity",
    "taste", "recent_views", "view_recency", "seen_product",
)
RR_K = 10.0


@dataclass(frozen=True)
class Candidate:
    """A product in a list to rank, with what the search said about it."""

    product: Product
    score: float = 0.0
    keyword_rank: int | None = None
    dense_rank: int | None = None
    position: int = 0


def _rr(rank: int | None) -> float:
    return 0.0 if rank is None else RR_K / (RR_K + rank)


def _search_features(c: Candidate, top_score: float) -> list[float]:
    return [
        c.score / top_score if top_score > 0 else 0.0,
        0.0 if c.keyword_rank is None else 1.0,
        _rr(c.keyword_rank),
        _rr(c.dense_rank),
        1.0 / math.log2(c.position + 2),
    ]


@dataclass(frozen=True)
class ProfileSnapshot:
    """The profile decayed to one moment, with the shares precomputed once per result list."""

    profile: Profile
    shares: dict[str, dict[str, float]]
    now: float

    @classmethod
    def of(cls, profile: Profile, now: float) -> ProfileSnapshot:
        shares = {kind: profile.shares(kind, now) for kind in ("category", "brand", "band")}
        return cls(profile, shares, now)

    def seen(self, product_id: str) -> float | None:
        """When this product was last viewed (None if never, or only after ``now``)."""
        ts = self.profile.last_seen.get(product_id)
        return ts if ts is not None and ts <= self.now else None

    def price_fit(self, price: float | None) -> float:
        band, bands = price_band(price), self.shares["band"]
        if band is None or not bands:
            return 0.0
        return bands.get(str(band), 0.0) / max(bands.values())


def _profile_features(p: Product, snap: ProfileSnapshot) -> list[float]:
    levels = category_levels(p.category)
    categories = snap.shares["category"]
    recent = snap.profile.recent_views(p.category, snap.now)
    seen = snap.seen(p.id)
    return [
        categories.get(levels[-1], 0.0) if levels else 0.0,
        categories.get(levels[0], 0.0) if levels else 0.0,
        snap.shares["brand"].get(p.brand, 0.0) if p.brand else 0.0,
        snap.price_fit(p.price),
        (p.rating or 0.0) / 5.0,
        math.log1p(p.rating_count or 0) / 10.0,
        0.0,  # taste similarity, filled in vectorised by feature_matrix
        math.log1p(len(recent)),
        math.exp(-(snap.now - recent[-1][0]) / (7 * DAY)) if recent else 0.0,
        math.exp(-(snap.now - seen) / (7 * DAY)) if seen is not None else 0.0,
    ]


def feature_matrix(candidates: Sequence[Candidate], profile: Profile, now: float,
                   vectors: np.ndarray | None) -> np.ndarray:
    """One row of :data:`FEATURES` per candidate (float32)."""
    if not candidates:
        return np.zeros((0, len(FEATURES)), dtype=np.float32)
    top = max(c.score for c in candidates)
    snap = ProfileSnapshot.of(profile, now)
    rows = [_search_features(c, top) + _profile_features(c.product, snap) for c in candidates]
    out = np.asarray(rows, dtype=np.float32)
    taste = profile.taste_unit()
    if taste is not None and vectors is not None and vectors.shape[1:] == taste.shape:
        out[:, FEATURES.index("taste")] = vectors @ taste
    return out
