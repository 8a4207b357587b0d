"""Offline evaluation: simulated shoppers with hidden tastes, personal vs. normal ranking.

Each simulated shopper secretly likes two categories, two brands and one price band. They
search the catalog (mostly for things they like), look at the top of the list and click what
fits their taste, through the real :class:`Personalizer` API into a private in-memory history.
Their ranker is then trained and gated exactly as in the app, and both orders are scored on
later held-out searches against what the shopper would want. Same seed, same numbers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from engine.catalog.protocol import SearchableCatalog
from engine.errors import CatalogError
from engine.personalization.personalizer import Personalizer
from engine.personalization.profile import category_levels, price_band
from engine.personalization.store import HistoryStore
from engine.progress import ProgressCallback, no_progress
from engine.records import Product, SearchResult

START = 1_700_000_000.0
SESSION_GAP = 8 * 3600.0
POOL = 50
SHOWN = 20
RELEVANT_UTILITY = 2.0
MAX_CLICKS = 3


@dataclass(frozen=True)
class SimUser:
    """A shopper's hidden preferences."""

    categories: tuple[str, ...]
    brands: tuple[str, ...]
    band: int

    def utility(self, p: Product) -> float:
        band = price_band(p.price)
        near = band is not None and abs(band - self.band) == 1
        price = 1.0 if band == self.band else 0.3 if near else 0.0
        return float(p.category in self.categories) + float(p.brand in self.brands) + price


@dataclass(frozen=True)
class SimConfig:
    users: int = 20
    train_sessions: int = 40
    eval_sessions: int = 10
    seed: int = 0


def make_user(products: Sequence[Product], rng: np.random.Generator) -> SimUser:
    """Two favourite leaf categories, two brands found in them, and a price band of theirs."""
    by_category: dict[str, list[Product]] = {}
    for p in products:
        by_category.setdefault(p.category, []).append(p)
    common = sorted(c for c, ps in by_category.items() if len(ps) >= 3 and c)
    if len(common) < 2:
        raise CatalogError("The catalog is too small to simulate shoppers (need 2+ categories "
                           "with 3+ products each).")
    categories = tuple(str(c) for c in rng.choice(common, size=2, replace=False))
    liked = [p for c in categories for p in by_category[c]]
    brands = sorted({p.brand for p in liked if p.brand})
    chosen = tuple(str(b) for b in rng.choice(brands, size=min(2, len(brands)), replace=False))
    prices = [p for p in liked if price_band(p.price) is not None]
    band = price_band(prices[int(rng.integers(len(prices)))].price) if prices else 0
    return SimUser(categories, chosen, band or 0)


def query_for(category: str, rng: np.random.Generator) -> str:
    """What a shopper types: the category's own name or its broader parent's."""
    levels = [lvl.split(">")[-1].strip().lower() for lvl in category_levels(category)]
    return levels[-2] if len(levels) > 1 and rng.random() < 0.5 else levels[-1]


class Simulation:
    """Runs simulated shoppers over one catalog; searches are cached (they are deterministic)."""

    def __init__(self, catalog: SearchableCatalog, config: SimConfig) -> None:
        self.catalog = catalog
        self.config = config
        self.products = all_products(catalog)
        self.categories = sorted({p.category for p in self.products if p.category})
        self._searches: dict[str, SearchResult] = {}

    def search(self, query: str) -> SearchResult:
        if query not in self._searches:
            self._searches[query] = self.catalog.search(query, limit=POOL)
        return self._searches[query]

    def session_query(self, user: SimUser, rng: np.random.Generator) -> str:
        pool = list(user.categories) if rng.random() < 0.7 else self.categories
        return query_for(pool[int(rng.integers(len(pool)))], rng)

    def browse(self, person: Personalizer, user: SimUser, rng: np.random.Generator,
               now: float) -> None:
        """One training session: search, scan the top of the list, click and act on what fits."""
        result = self.search(self.session_query(user, rng))
        shown = result.hits[:SHOWN]
        ref = person.record_search(SearchResult(result.query, shown, len(shown), {}, 0.0), ts=now)
        clicks = 0
        for position, hit in enumerate(shown):
            if clicks >= MAX_CLICKS or rng.random() > 1.0 / (1.0 + 0.25 * position):
                continue
            utility = user.utility(hit.product)
            if rng.random() < 1.0 / (1.0 + math.exp(-2.5 * (utility - 1.5))):
                clicks += 1
                t = now + 10.0 * clicks
                person.record("click", hit.product.id, context="search", ref=ref, ts=t)
                person.record("view", hit.product.id, context="search",
                              dwell=10 + 20 * utility, ts=t + 1)
                if utility >= 2.5 and rng.random() < 0.3:
                    person.record("save", hit.product.id, context="product", ref=ref, ts=t + 2)

    def score(self, person: Personalizer, user: SimUser,
              rng: np.random.Generator) -> list[tuple[float, ...]]:
        """(hit@10, nDCG@10) personalised and baseline for each held-out search."""
        out: list[tuple[float, ...]] = []
        for _ in range(self.config.eval_sessions):
            result = self.search(self.session_query(user, rng))
            relevant = {h.product.id for h in result.hits
                        if user.utility(h.product) >= RELEVANT_UTILITY}
            if not relevant:
                continue
            personal = [h.product.id for h in person.personalize(result).result.hits]
            baseline = [h.product.id for h in result.hits]
            out.append((*_metrics(personal, relevant), *_metrics(baseline, relevant)))
        return out

    def run_user(self, index: int) -> tuple[list[tuple[float, ...]], bool]:
        rng = np.random.default_rng([self.config.seed, index])
        user = make_user(self.products, rng)
        clock = [START]
        person = Personalizer(HistoryStore(":memory:"), self.catalog, clock=lambda: clock[0])
        try:
            for _ in range(self.config.train_sessions):
                clock[0] += SESSION_GAP * (0.5 + rng.random())
                self.browse(person, user, rng, clock[0])
            report = person.train(seed=self.config.seed)
            clock[0] += SESSION_GAP
            return self.score(person, user, rng), report.enabled
        finally:
            person.close()


def all_products(catalog: SearchableCatalog, page: int = 1000) -> list[Product]:
    """Every product of the catalog, browsed page by page."""
    products: list[Product] = []
    while True:
        hits = catalog.search("", limit=page, offset=len(products)).hits
        products += [h.product for h in hits]
        if len(hits) < page:
            return products


def _metrics(ranking: list[str], relevant: set[str]) -> tuple[float, float]:
    top = ranking[:10]
    dcg = sum(1.0 / math.log2(i + 2) for i, pid in enumerate(top) if pid in relevant)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(len(relevant), 10)))
    return float(any(pid in relevant for pid in top)), dcg / ideal


def _scores(hit_rate: float, ndcg: float) -> dict[str, float]:
    return {"hit_rate@10": round(float(hit_rate), 4), "ndcg@10": round(float(ndcg), 4)}


def evaluate_personalization(catalog: SearchableCatalog, config: SimConfig = SimConfig(),
                             progress: ProgressCallback = no_progress) -> dict[str, Any]:
    """Hit rate@10 and nDCG@10 of personalised vs. unpersonalised ranking on simulated shoppers."""
    sim = Simulation(catalog, config)
    rows: list[tuple[float, ...]] = []
    enabled = 0
    for index in range(config.users):
        progress(index, config.users, "Simulating shoppers")
        user_rows, on = sim.run_user(index)
        rows += user_rows
        enabled += int(on)
    progress(config.users, config.users, "Simulating shoppers")
    mean = np.mean(np.array(rows), axis=0) if rows else np.zeros(4)
    return {
        "personalized": _scores(mean[0], mean[1]),
        "baseline": _scores(mean[2], mean[3]),
        "seed": config.seed,
        "users": config.users,
        "heldout_searches": len(rows),
        "rankers_enabled": enabled,
    }
