"""Recommendation lists: "For you", "Similar to this" and "Because you viewed X".

Candidates come from the catalog's nearest neighbours of recently engaged products and from
the best-rated products of the shopper's favourite categories; bought and dismissed products
are dropped. A transparent personal score orders them, then MMR with per-brand and
per-category caps keeps the list varied (not ten variants of one product).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np

from engine.catalog.protocol import SearchableCatalog
from engine.personalization.explain import Explainer
from engine.personalization.features import ProfileSnapshot
from engine.personalization.profile import category_levels
from engine.records import Pick, Product, SearchFilters

MMR_LAMBDA = 0.7
PER_BRAND = 3
PER_CATEGORY = 4
DUPLICATE_SIMILARITY = 0.97
NEIGHBOURS = 20
TOP_CATEGORIES = 3


def personal_score(product: Product, snap: ProfileSnapshot, taste_similarity: float) -> float:
    """How well a product fits the profile (0..~1), from parts the explanations can name."""
    levels = category_levels(product.category)
    shares = snap.shares
    category = max((shares["category"].get(lvl, 0.0) for lvl in levels), default=0.0)
    seen_penalty = 0.3 if snap.seen(product.id) is not None else 0.0
    return (0.4 * max(taste_similarity, 0.0) + 0.25 * category
            + 0.15 * shares["brand"].get(product.brand, 0.0) + 0.1 * snap.price_fit(product.price)
            + 0.1 * (product.rating or 0.0) / 5.0 - seen_penalty)


def diversify(products: Sequence[Product], scores: np.ndarray, vectors: np.ndarray,
              limit: int) -> list[int]:
    """Indices of a varied top list: MMR over product vectors with brand/category caps."""
    chosen: list[int] = []
    brands: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    remaining = list(np.argsort(-scores, kind="stable"))
    while remaining and len(chosen) < limit:
        best, best_value = None, -np.inf
        for i in remaining:
            p = products[i]
            if (p.brand and brands[p.brand] >= PER_BRAND) or categories[p.category] >= PER_CATEGORY:
                continue
            redundancy = max((float(vectors[i] @ vectors[j]) for j in chosen), default=0.0)
            if redundancy >= DUPLICATE_SIMILARITY:
                continue
            value = MMR_LAMBDA * scores[i] - (1 - MMR_LAMBDA) * redundancy
            if value > best_value:
                best, best_value = i, value
        if best is None:
            break
        chosen.append(best)
        remaining.remove(best)
        brands[products[best].brand] += 1
        categories[products[best].category] += 1
    return chosen


class Recommender:
    """Builds pick lists for one profile snapshot against the catalog."""

    def __init__(self, catalog: SearchableCatalog, explainer: Explainer,
                 excluded: set[str]) -> None:
        self.catalog = catalog
        self.explainer = explainer
        self.excluded = excluded

    def for_you(self, anchors: Sequence[str], limit: int) -> list[Pick]:
        """The "For you" feed from recently engaged products and favourite categories."""
        leads: dict[str, str] = {}
        for anchor in anchors:
            for hit in self.catalog.similar(anchor, NEIGHBOURS):
                leads.setdefault(hit.product.id, anchor)
        snap = self.explainer.snap
        favourites = sorted(snap.shares["category"].items(), key=lambda s: -s[1])[:TOP_CATEGORIES]
        for category, _ in favourites:
            result = self.catalog.search("", filters=SearchFilters(category=category),
                                         sort="rating", limit=NEIGHBOURS)
            for hit in result.hits:
                leads.setdefault(hit.product.id, "")
        titles = {p.id: p.title for p in self.catalog.get_many(list(anchors))}
        return self._picks(list(leads), limit, "for_you",
                           lambda pid: self.explainer.because_lead(titles.get(leads[pid], "")))

    def similar_to(self, product_id: str, limit: int) -> list[Pick]:
        """Products like this one, personal fit as a tie-breaker."""
        hits = self.catalog.similar(product_id, limit * 3)
        source = self.catalog.get_many([product_id])
        lead = self.explainer.similar_lead(source[0].title) if source else None
        base = {h.product.id: 0.5 * h.score for h in hits}
        return self._picks(list(base), limit, "similar", lambda _: lead, base)

    def because_you_viewed(self, viewed: str, limit: int) -> list[Pick]:
        picks = self.similar_to(viewed, limit)
        source = self.catalog.get_many([viewed])
        lead = self.explainer.because_lead(source[0].title) if source else None
        return [Pick(p.product, self.explainer.explain(p.product, lead), p.score, "because_viewed")
                for p in picks]

    def _picks(self, ids: list[str], limit: int, source: str, lead_of: Callable[[str], str | None],
               base: dict[str, float] | None = None) -> list[Pick]:
        ids = [i for i in ids if i not in self.excluded]
        products = self.catalog.get_many(ids)
        if not products:
            return []
        vectors = self.catalog.vectors([p.id for p in products])
        taste = self.explainer.profile.taste_unit()
        similarity = np.zeros(len(products))
        if taste is not None and taste.shape[0] == vectors.shape[1]:
            similarity = vectors @ taste
        base = base or {}
        scores = np.array([personal_score(p, self.explainer.snap, float(s)) + base.get(p.id, 0.0)
                           for p, s in zip(products, similarity, strict=True)])
        chosen = diversify(products, scores, vectors, limit)
        return [Pick(products[i], self.explainer.explain(products[i], lead_of(products[i].id)),
                     float(scores[i]), source) for i in chosen]

