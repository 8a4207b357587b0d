"""The engine objects behind one :class:`engine.app.Aisle`, created on first use.

Only the facade's operation modules use these; the objects never leave the engine. One lock
guards creating and replacing them, since the GUI calls the facade from several threads.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path

from engine import paths
from engine.assistant.assistant import Assistant
from engine.assistant.chat_store import ChatStore
from engine.assistant.search_translation import SearchTranslator
from engine.catalog import Catalog
from engine.catalog_library import CatalogLibrary
from engine.llm.host import ModelHost
from engine.llm.model_files import physical_cores
from engine.llm.registry import ModelRegistry
from engine.llm.runtime import ModelSettings
from engine.personalization.explain import reason_language
from engine.personalization.personalizer import Personalizer
from engine.price_history import PriceHistory
from engine.records import PriceDrop
from engine.settings import Settings, load_settings, save_settings
from engine.shopping_lists import ListStore

log = logging.getLogger(__name__)


class Parts:
    """Catalog, chat model host, assistant and personalizer for one data directory."""

    def __init__(self, data_dir: Path | str | None) -> None:
        self.data_dir = paths.data_dir(data_dir)
        self.library = CatalogLibrary(self.data_dir)
        self.settings, self.settings_message = load_settings(self.data_dir)
        self.registry = ModelRegistry(self.data_dir)
        self.lock = threading.RLock()
        self._catalog: Catalog | None = None
        self._host: ModelHost | None = None
        self._assistant: Assistant | None = None
        self._translator: SearchTranslator | None = None
        self._personalizer: Personalizer | None = None
        self._chats: ChatStore | None = None
        self._lists: ListStore | None = None
        self._prices: PriceHistory | None = None

    def catalog(self) -> Catalog:
        """The active catalog (opened on first use, re-opened after a switch)."""
        with self.lock:
            directory = self.library.active_dir()
            if self._catalog is None or self._catalog.directory != directory:
                self.close_catalog()
                self._catalog = Catalog.open(directory)
            return self._catalog

    def host(self) -> ModelHost:
        """Keeps at most one chat model loaded, with the user's model settings."""
        with self.lock:
            if self._host is None:
                self._host = ModelHost(self.registry, self.model_settings())
            return self._host

    def assistant(self) -> Assistant:
        """The shopping assistant over the active catalog (the model loads on first answer)."""
        with self.lock:
            catalog = self.catalog()
            if self._assistant is None or self._assistant.catalog is not catalog:
                self._assistant = Assistant(catalog, self.host())
            return self._assistant

    def search_translator(self) -> SearchTranslator:
        """The chat model's translations of search queries (remembered for the session)."""
        with self.lock:
            if self._translator is None:
                self._translator = SearchTranslator(self.host())
            return self._translator

    def personalizer(self) -> Personalizer:
        """The shopper's local history, profile and recommendations over the active catalog."""
        with self.lock:
            catalog = self.catalog()
            if self._personalizer is None:
                self._personalizer = Personalizer.open(self.data_dir, catalog)
            self._personalizer.catalog = catalog
            self._personalizer.language = reason_language(self.settings.language)
            return self._personalizer

    def chats(self) -> ChatStore:
        """The shopper's saved chats (``chats.db``, opened on first use)."""
        with self.lock:
            if self._chats is None:
                self._chats = ChatStore(self.data_dir)
            return self._chats

    def lists(self) -> ListStore:
        """The saved list and the cart (``lists.db``, opened on first use)."""
        with self.lock:
            if self._lists is None:
                self._lists = ListStore(self.data_dir)
            return self._lists

    def prices(self) -> PriceHistory:
        """The local price history (``prices.db``, opened on first use)."""
        with self.lock:
            if self._prices is None:
                self._prices = PriceHistory(self.data_dir)
            return self._prices

    def price_drops(self, product_ids: Sequence[str]) -> tuple[PriceDrop, ...]:
        """Of these products, those the newest installed catalog version made cheaper."""
        drops = self.prices().drops(product_ids)
        titles = {p.id: p.title for p in self.catalog().get_many(list(drops))}
        return tuple(PriceDrop(pid, titles.get(pid, pid), before, now, currency)
                     for pid, (before, now, currency) in drops.items())

    def model_settings(self) -> ModelSettings:
        s = self.settings
        return ModelSettings(
            n_ctx=s.model_context,
            n_threads=s.model_threads or physical_cores(),
            adapt_threads=not s.model_threads,
            n_gpu_layers=None if s.model_gpu_layers == -2 else s.model_gpu_layers,
        )

    def save_settings(self, settings: Settings) -> None:
        """Save and adopt ``settings`` (model settings apply at the next load)."""
        save_settings(self.data_dir, settings)
        with self.lock:
            self.settings = settings
            if self._host is not None:
                self._host.settings = self.model_settings()

    def close_catalog(self) -> None:
        """Close the open catalog (it is opened again on next use)."""
        with self.lock:
            if self._catalog is not None:
                self._catalog.close()
                self._catalog = None
            self._assistant = None

    def close(self) -> None:
        """Release the model and the databases."""
        with self.lock:
            self.close_catalog()
            if self._host is not None:
                self._host.close()
                self._host = None
            if self._personalizer is not None:
                self._personalizer.close()
                self._personalizer = None
            if self._chats is not None:
                self._chats.close()
                self._chats = None
            if self._lists is not None:
                self._lists.close()
                self._lists = None
            if self._prices is not None:
                self._prices.close()
                self._prices = None
