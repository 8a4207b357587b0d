"""The learned profile: decayed category, brand and price-band affinities plus a taste vector.

Every affinity is stored as ``(value, updated)``: an update first decays the old value to the
event's time (half-life :data:`HALF_LIFE_DAYS`) and then adds the event's weight, so keeping
the profile current costs O(1) per event and never needs a rescan. Reads decay to "now".
The same :class:`Profile` replays a whole history (after a delete, or to build the ranker's
training data as of each past search).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

import numpy as np

from engine.records import Event, ProductSnapshot

HALF_LIFE_DAYS = 14.0
DAY = 86400.0
RECENT_DAYS = 7.0
KEEP_VIEWS_DAYS = 30.0

EVENT_WEIGHTS = {
    "view": 1.0, "click": 2.0, "save": 3.0, "unsave": -2.0,
    "cart": 4.0, "bought": 5.0, "dismiss": -3.0,
}
MAX_DWELL_BONUS = 2.0
PRICE_EDGES = (0.0, 10.0, 25.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0)
AFFINITY_KINDS = ("category", "brand", "band")


def decay(seconds: float) -> float:
    """Weight left after ``seconds`` (1.0 now, 0.5 after one half-life)."""
    return float(0.5 ** (max(seconds, 0.0) / (HALF_LIFE_DAYS * DAY)))


def price_band(price: float | None) -> int | None:
    """Index of the price band a price falls in (None for unknown prices)."""
    if price is None or price < 0:
        return None
    return bisect_right(PRICE_EDGES, price) - 1


def band_bounds(band: int) -> tuple[float, float | None]:
    """(low, high) of a band; ``high`` is None for the open-ended top band."""
    high = PRICE_EDGES[band + 1] if band + 1 < len(PRICE_EDGES) else None
    return PRICE_EDGES[band], high


def category_levels(category: str) -> list[str]:
    """Every prefix of a category path: "A > B > C" -> ["A", "A > B", "A > B > C"]."""
    parts = [p.strip() for p in category.split(">") if p.strip()]
    return [" > ".join(parts[: i + 1]) for i in range(len(parts))]


def event_weight(event: Event) -> float:
    """How much an event says about taste; a long look at a product counts more."""
    weight = EVENT_WEIGHTS.get(event.kind, 0.0)
    if event.kind == "view" and event.dwell:
        weight += min(event.dwell / 30.0, MAX_DWELL_BONUS)
    return weight


def affinity_keys(product: ProductSnapshot) -> list[tuple[str, str]]:
    """The (kind, key) affinities one product's events update."""
    keys = [("category", level) for level in category_levels(product.category)]
    if product.brand:
        keys.append(("brand", product.brand))
    band = price_band(product.price)
    if band is not None:
        keys.append(("band", str(band)))
    return keys


@dataclass
class Affinity:
    value: float = 0.0
    updated: float = 0.0
    count: int = 0

    def at(self, now: float) -> float:
        return self.value * decay(now - self.updated)

    def add(self, weight: float, ts: float) -> None:
        self.value = self.at(ts) + weight
        self.updated = max(ts, self.updated)
        self.count += 1


@dataclass
class Profile:
    """What the history says about the shopper, as of the latest event applied."""

    affinities: dict[tuple[str, str], Affinity] = field(default_factory=dict)
    taste: np.ndarray | None = None
    taste_updated: float = 0.0
    views: dict[str, list[tuple[float, str]]] = field(default_factory=dict)
    """Per category, (ts, product_id) of recent views and clicks, oldest first."""
    last_seen: dict[str, float] = field(default_factory=dict)
    """When each product was last viewed or clicked."""

    def apply(self, event: Event, vector: np.ndarray | None = None) -> set[tuple[str, str]]:
        """Fold one event in; return the affinity keys it changed."""
        weight = event_weight(event)
        if event.product is None or weight == 0.0:
            return set()
        keys = affinity_keys(event.product)
        for key in keys:
            self.affinities.setdefault(key, Affinity()).add(weight, event.ts)
        if vector is not None and weight > 0 and vector.any():
            self._add_taste(vector, weight, event.ts)
        if event.kind in ("view", "click") and event.product_id:
            self.add_view(event.ts, event.product.category, event.product_id)
        return set(keys)

    def add_view(self, ts: float, category: str, product_id: str) -> None:
        """Remember a view (events arrive in time order, so the lists stay sorted)."""
        self.views.setdefault(category, []).append((ts, product_id))
        self.last_seen[product_id] = max(ts, self.last_seen.get(product_id, ts))

    def _add_taste(self, vector: np.ndarray, weight: float, ts: float) -> None:
        vector = np.asarray(vector, dtype=np.float32)
        if self.taste is None or self.taste.shape != vector.shape:
            self.taste = np.zeros_like(vector)
        self.taste = self.taste * decay(ts - self.taste_updated) + weight * vector
        self.taste_updated = max(ts, self.taste_updated)

    def shares(self, kind: str, now: float) -> dict[str, float]:
        """Each key's part of all positive affinity of its kind (0..1), decayed to ``now``."""
        values = {key: max(a.at(now), 0.0) for (k, key), a in self.affinities.items() if k == kind}
        total = sum(values.values())
        return {key: v / total for key, v in values.items() if v > 0} if total > 0 else {}

    def top(self, kind: str, now: float, n: int = 5) -> list[tuple[str, float]]:
        """The strongest positive affinities of a kind, as (key, share)."""
        return sorted(self.shares(kind, now).items(), key=lambda s: -s[1])[:n]

    def taste_unit(self) -> np.ndarray | None:
        if self.taste is None:
            return None
        norm = float(np.linalg.norm(self.taste))
        return self.taste / norm if norm > 0 else None

    def usual_price_range(self, now: float) -> tuple[float, float | None] | None:
        """The shopper's usual price range: the span of bands holding most of their interest."""
        shares = self.top("band", now, n=len(PRICE_EDGES))
        if not shares:
            return None
        strong = [int(key) for key, share in shares if share >= shares[0][1] * 0.5]
        return band_bounds(min(strong))[0], band_bounds(max(strong))[1]

    def recent_views(self, category: str, now: float,
                     days: float = RECENT_DAYS) -> list[tuple[float, str]]:
        """(ts, product_id) of views in this category within ``days`` before ``now``."""
        log = self.views.get(category, [])
        return log[bisect_left(log, (now - days * DAY,)) : bisect_right(log, (now, "\uffff"))]

    def forget_old_views(self, now: float) -> None:
        """Keep the view log short; only recent views matter for features and explanations."""
        cutoff = (now - KEEP_VIEWS_DAYS * DAY,)
        self.views = {c: log[bisect_left(log, cutoff):] for c, log in self.views.items()}
