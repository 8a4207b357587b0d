"""``Personalizer``: the one object the GUI and CLI use for history, profile, ranker and picks.

Everything runs synchronously; the GUI calls it from a worker. Nothing leaves the computer:
events, profile and model all live in ``history.db`` beside the catalog.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from engine.catalog.protocol import SearchableCatalog
from engine.errors import HistoryError
from engine.personalization.events import POSITIVE_KINDS
from engine.personalization.explain import Explainer, price_range_text
from engine.personalization.features import Candidate, feature_matrix
from engine.personalization.profile import Profile
from engine.personalization.ranker import RankerModel, TrainReport, build_lists, train
from engine.personalization.recommend import Pick, Recommender
from engine.personalization.store import HistoryStore
from engine.records import Event, ProductSnapshot, SearchHit, SearchResult, ShownItem

log = logging.getLogger(__name__)

SHOWN_LIMIT = 50
ANCHORS = 5


@dataclass(frozen=True)
class PersonalizedResult:
    """A search result in personal order; ``reasons`` explains the products moved up."""

    result: SearchResult
    personalized: bool
    reasons: dict[str, str]


@dataclass(frozen=True)
class ProfileSummary:
    """What the shopper can see of what Aisle learned."""

    events: int
    paused: bool
    categories: list[tuple[str, float]]
    brands: list[tuple[str, float]]
    price_range: str | None
    ranker: dict[str, Any] | None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class Personalizer:
    """History, profile, ranker and recommendations for one shopper over one catalog."""

    def __init__(self, store: HistoryStore, catalog: SearchableCatalog,
                 clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self.catalog = catalog
        self.clock = clock
        self.language = "en"  # of the reasons ("en" or "zh"), the shopper's UI language
        self._model: RankerModel | None = None
        self._model_loaded = False

    @classmethod
    def open(cls, data_dir: Path | str, catalog: SearchableCatalog) -> Personalizer:
        return cls(HistoryStore.open(data_dir), catalog)

    def close(self) -> None:
        self.store.close()

    # ----- recording ------------------------------------------------------------------------

    @property
    def paused(self) -> bool:
        return self.store.paused

    def pause(self) -> None:
        self.store.set_paused(True)

    def resume(self) -> None:
        self.store.set_paused(False)

    def record(self, kind: str, product_id: str | None = None, *, context: str = "",
               query: str | None = None, dwell: float | None = None, ref: int | None = None,
               ts: float | None = None) -> int | None:
        """Record one action on a product (view, click, save, unsave, cart, bought, dismiss).

        Args:
            context: where it happened ("search", "chat", "for_you", "product", ...).
            ref: id of the search event the product was clicked from, if any.

        Returns:
            The event id, or None when recording is paused.

        Raises:
            HistoryError: unknown kind, missing product, or the database cannot be written.
        """
        snapshot, vector = None, None
        if product_id:
            products = self.catalog.get_many([product_id])
            snapshot = ProductSnapshot.of(products[0]) if products else ProductSnapshot()
            vector = self.catalog.vectors([product_id])[0] if products else None
        event = Event(kind, self.clock() if ts is None else ts, product_id, query, context or None,
                      dwell, ref, (), snapshot)
        return self.store.append(event, vector)

    def record_search(self, result: SearchResult, *, context: str = "search",
                      ts: float | None = None) -> int | None:
        """Record a search with the list shown, so skipped products can teach the ranker."""
        shown = tuple(ShownItem(h.product.id, h.score, h.keyword_rank, h.dense_rank)
                      for h in result.hits[:SHOWN_LIMIT])
        event = Event("search", self.clock() if ts is None else ts, None, result.query,
                      context, None, None, shown)
        return self.store.append(event)

    # ----- seeing and controlling -----------------------------------------------------------

    def history(self, *, since: float | None = None, until: float | None = None,
                limit: int | None = None) -> list[Event]:
        """Recorded events, newest first."""
        return self.store.events(since=since, until=until, limit=limit, newest_first=True)

    def profile(self) -> Profile:
        return self.store.load_profile(self.clock())

    def summary(self) -> ProfileSummary:
        now = self.clock()
        profile = self.store.load_profile(now)
        usual = profile.usual_price_range(now)
        currency = self.catalog.currency()
        ranker = self.store.load_ranker()
        return ProfileSummary(
            events=self.store.count(), paused=self.store.paused,
            categories=[(k, round(v, 3)) for k, v in profile.top("category", now, 8)],
            brands=[(k, round(v, 3)) for k, v in profile.top("brand", now, 8)],
            price_range=price_range_text(usual[0], usual[1], currency) if usual else None,
            ranker=ranker[1] if ranker else None,
        )

    def delete(self, *, ids: Sequence[int] = (), since: float | None = None,
               until: float | None = None) -> int:
        """Delete some events; the profile is rebuilt from the rest, the model dropped."""
        deleted = self.store.delete(ids=ids, since=since, until=until)
        self._forget_model()
        self.rebuild_profile()
        return deleted

    def delete_all(self) -> int:
        """Delete every event, the profile and the model, leaving nothing in the file."""
        deleted = self.store.delete(everything=True)
        self._forget_model()
        return deleted

    def export(self) -> dict[str, Any]:
        return self.store.export()

    def export_to(self, path: Path | str) -> int:
        """Write the whole history as JSON; return the number of events written."""
        data = self.export()
        Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        return len(data["events"])

    def import_from(self, source: Path | str | dict[str, Any]) -> int:
        """Restore events from an export (file path or data); return how many were added."""
        if isinstance(source, dict):
            data = source
        else:
            try:
                data = json.loads(Path(source).read_text(encoding="utf-8"))
            except (OSError, ValueError) as err:
                raise HistoryError("Cannot read the history file {source}: {reason}",
                                   source=source, reason=str(err)) from err
        added = self.store.import_events(data)
        self._forget_model()
        self.rebuild_profile()
        return added

    def rebuild_profile(self) -> Profile:
        """Recompute the stored profile from all remaining events (after deletes or imports)."""
        events = self.store.events()
        ids = sorted({e.product_id for e in events if e.product_id})
        vectors = dict(zip(ids, self.catalog.vectors(ids), strict=True)) if ids else {}
        profile = Profile()
        for event in events:
            profile.apply(event, vectors.get(event.product_id or ""))
        self.store.replace_profile(profile)
        return profile

    # ----- ranker ---------------------------------------------------------------------------

    def train(self, *, seed: int = 0) -> TrainReport:
        """Train the re-ranker on this history; it is switched on only if it won on held-out."""
        started = time.perf_counter()
        lists = build_lists(self.store.events(), self.catalog)
        model, report = train(lists, seed=seed)
        report.seconds = round(time.perf_counter() - started, 3)
        report.events = self.store.count()
        weights = model.to_bytes() if model else None
        self.store.save_ranker(weights, report.to_dict(), report.enabled)
        self._model, self._model_loaded = (model if report.enabled else None), True
        return report

    def train_if_due(self, *, min_new_events: int = 50, seed: int = 0) -> TrainReport | None:
        """Retrain when enough events arrived since the last training; None when not due."""
        stored = self.store.load_ranker()
        trained_on = int(stored[1].get("events", 0)) if stored else 0
        if self.store.count() - trained_on < min_new_events:
            return None
        return self.train(seed=seed)

    def _ranker(self) -> RankerModel | None:
        if not self._model_loaded:
            stored = self.store.load_ranker()
            self._model = None
            if stored and stored[2] and stored[0]:
                try:
                    self._model = RankerModel.from_bytes(stored[0])
                except (ValueError, KeyError, OSError) as err:
                    log.warning("ignoring a stored ranker that cannot be read: %s", err)
            self._model_loaded = True
        return self._model

    def _forget_model(self) -> None:
        self._model, self._model_loaded = None, True

    @property
    def ranking_enabled(self) -> bool:
        """Whether a personal ranker has earned its place (trained and better than normal)."""
        return self._ranker() is not None

    def rerank(self, hits: Sequence[SearchHit]) -> tuple[list[SearchHit], dict[str, str]]:
        """``hits`` in this shopper's order (dismissed products last), and why products moved
        up; unchanged while no ranker is enabled. Works on a whole result pool, before paging.
        """
        model = self._ranker()
        if model is None or len(hits) < 2:
            return list(hits), {}
        now = self.clock()
        profile = self.store.load_profile(now)
        cands = [Candidate(h.product, h.score, h.keyword_rank, h.dense_rank, i)
                 for i, h in enumerate(hits)]
        vectors = self.catalog.vectors([h.product.id for h in hits])
        scores = model.score(feature_matrix(cands, profile, now, vectors))
        dismissed = self._dismissed()
        order = sorted(range(len(hits)),
                       key=lambda i: (hits[i].product.id in dismissed, -scores[i], i))
        explainer = Explainer.of(profile, now, self.language)
        reasons = {hits[i].product.id: explainer.explain(hits[i].product)
                   for new, i in enumerate(order) if new < i}
        return [hits[i] for i in order], reasons

    def personalize(self, result: SearchResult, *, enabled: bool = True) -> PersonalizedResult:
        """Re-order a search result for this shopper (unchanged when off or not yet earned)."""
        if not enabled or len(result.hits) < 2 or not self.ranking_enabled:
            return PersonalizedResult(result, False, {})
        hits, reasons = self.rerank(result.hits)
        return PersonalizedResult(replace(result, hits=hits), True, reasons)

    def _dismissed(self) -> set[str]:
        return {e.product_id for e in self.store.events(kinds=["dismiss"]) if e.product_id}

    # ----- recommendations ------------------------------------------------------------------

    def _recommender(self) -> Recommender:
        now = self.clock()
        return Recommender(self.catalog,
                           Explainer.of(self.store.load_profile(now), now, self.language),
                           self.store.excluded_products())

    def _anchors(self) -> list[str]:
        """Recently engaged products, newest first, that the feed grows from."""
        anchors: list[str] = []
        recent = self.store.events(kinds=["view", *POSITIVE_KINDS], limit=200, newest_first=True)
        for event in recent:
            if event.product_id and event.product_id not in anchors:
                anchors.append(event.product_id)
        excluded = self.store.excluded_products()
        return [a for a in anchors if a not in excluded][:ANCHORS]

    def recommend(self, limit: int = 10) -> list[Pick]:
        """The "For you" feed; empty until the shopper has viewed or saved something."""
        anchors = self._anchors()
        recommender = self._recommender()
        if not anchors and not recommender.explainer.snap.shares["category"]:
            return []
        return recommender.for_you(anchors, limit)

    def similar_to(self, product_id: str, limit: int = 10) -> list[Pick]:
        return self._recommender().similar_to(product_id, limit)

    def last_view(self, *, besides: str | None = None) -> Event | None:
        """The most recent view of a product still recommendable, other than ``besides``."""
        views = self.store.events(kinds=["view"], limit=50, newest_first=True)
        excluded = self.store.excluded_products()
        return next((e for e in views if e.product_id and e.product_id not in excluded
                     and e.product_id != besides), None)

    def because_you_viewed(self, limit: int = 10, *, besides: str | None = None) -> list[Pick]:
        """Products like the one viewed most recently (empty without views).

        Args:
            besides: the product on screen: not the one to start from, and never picked.
        """
        viewed = self.last_view(besides=besides)
        if viewed is None or not viewed.product_id:
            return []
        wanted = limit + (besides is not None)
        picks = self._recommender().because_you_viewed(viewed.product_id, wanted)
        return [p for p in picks if p.product.id != besides][:limit]
