"""What several parts of the facade share, each opened on first use under the facade's one lock
(the GUI calls from several threads) and closed with it: the active catalog, the shopper's
personalizer, and the data directory's stores."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from engine.catalog import Catalog
from engine.catalog_library import CatalogLibrary
from engine.personalization.explain import reason_language
from engine.personalization.personalizer import Personalizer
from engine.price_history import PriceHistory
from engine.records import PriceDrop


class _Closable(Protocol):
    def close(self) -> None: ...


S = TypeVar("S", bound=_Closable)


class Opened(Generic[S]):
    """A store of the data directory (chats, lists, prices), opened on first call."""

    def __init__(self, open_store: Callable[[], S], lock: threading.RLock) -> None:
        self._open = open_store
        self._lock = lock
        self._store: S | None = None

    def __call__(self) -> S:
        with self._lock:
            if self._store is None:
                self._store = self._open()
            return self._store

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


class ActiveCatalog:
    """The catalog in the library's active slot: opened on first call, and opened again after
    an install or a rollback switched the slot."""

    def __init__(self, library: CatalogLibrary, lock: threading.RLock) -> None:
        self.library = library
        self.lock = lock
        self._opened = Opened(lambda: Catalog.open(library.active_dir()), lock)

    def __call__(self) -> Catalog:
        with self.lock:
            catalog = self._opened()
            if catalog.directory != self.library.active_dir():
                self._opened.close()
                catalog = self._opened()
            return catalog

    def close(self) -> None:
        """Close the open catalog (it is opened again on next use)."""
        self._opened.close()


class ShopperProfile:
    """The shopper's personalizer (history, profile, recommendations), over whichever catalog
    is active and explaining itself in the language of the settings at each call."""

    def __init__(self, data_dir: Path, catalog: ActiveCatalog, language: Callable[[], str]) -> None:
        self._catalog = catalog
        self._language = language
        self._opened = Opened(lambda: Personalizer.open(data_dir, catalog()), catalog.lock)

    def __call__(self) -> Personalizer:
        with self._catalog.lock:
            person = self._opened()
            person.catalog = self._catalog()
            person.language = reason_language(self._language())
            return person

    def close(self) -> None:
        self._opened.close()


def price_drops(prices: PriceHistory, catalog: Catalog,
                product_ids: Sequence[str]) -> tuple[PriceDrop, ...]:
    """Of these products, those the newest installed catalog version made cheaper."""
    drops = prices.drops(product_ids)
    titles = {p.id: p.title for p in catalog.get_many(list(drops))}
    return tuple(PriceDrop(pid, titles.get(pid, pid), before, now, currency)
                 for pid, (before, now, currency) in drops.items())
