"""The facade the CLI and the GUI share: one :class:`Aisle` per data directory.

Every operation takes plain values and returns records from :mod:`engine.records` (errors
from :mod:`engine.errors`); the engine's own objects (catalog, model host, assistant,
personalizer) stay inside. An :class:`Aisle` composes one part per area (``engine.facade``),
each built from the pieces it needs, the way Anki's ``Collection`` holds ``decks`` and
``models``:

- ``aisle.catalog`` (:class:`~engine.facade.catalog_ops.CatalogOps`): ``ensure``, ``info``,
  ``import_feed``, ``search``, ``product``, ``product_page``, ``compare``, ``install_bundle``,
  ``install_update``, ``roll_back``, ``check_updates``;
- ``aisle.assistant`` (:class:`~engine.facade.assistant_ops.AssistantOps`): ``conversation``,
  ``save_conversation``, ``ask`` (events), ``answer`` (blocking), ``ask_about``,
  ``compare_verdict``, and the saved chats: ``chats``, ``rename_chat``, ``delete_chat``,
  ``delete_all_chats``;
- ``aisle.history`` (:class:`~engine.facade.history_ops.HistoryOps`): ``record``,
  ``record_click``, ``recommend``, ``events``, ``privacy``, ``network_log``, ``pause``,
  ``delete``, ``delete_everything`` (history, chats and lists), ``export``, ``restore``;
- ``aisle.lists`` (:class:`~engine.facade.list_ops.ListOps`): ``shopping_list``,
  ``item_states``, ``save_product``, ``add_to_cart``, ``set_quantity``, ``remove_from_list``,
  ``export_list``;
- ``aisle.models`` (:class:`~engine.facade.model_ops.ModelOps`): ``entries``, ``add``, ``use``,
  ``install``, ``load``, ``unload``, ``cpu_mode``;
- ``aisle.evaluation`` (:class:`~engine.facade.evaluation_ops.EvaluationOps`):
  ``evaluate_search``, ``evaluate_assistant``, ``evaluate_dialogs``,
  ``evaluate_personalization``, ``cross_validate_ranking``;

and on the facade itself: ``start``, ``settings``, ``update_settings``, ``warm_up``, ``close``.
The bundled demo catalog is installed on first use, so a new shopper has something to search
right away. Publishing catalog bundles needs no data directory: :mod:`engine.publish`.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from types import TracebackType

from engine import network_guard, paths
from engine.assistant.chat_store import ChatStore
from engine.assistant.conversation import Conversation
from engine.assistant.search_translation import SearchTranslator
from engine.catalog import CatalogInfo
from engine.catalog_library import CatalogLibrary
from engine.crosslingual import warm_up as warm_glossary
from engine.embedders import EMBEDDERS
from engine.facade.assistant_ops import AssistantOps
from engine.facade.catalog_ops import MAX_COMPARE, CatalogOps
from engine.facade.evaluation_ops import EvaluationOps
from engine.facade.history_ops import HistoryOps
from engine.facade.list_ops import ListOps
from engine.facade.model_ops import ModelOps, model_settings
from engine.facade.shared import ActiveCatalog, Opened, ShopperProfile
from engine.importers import FORMATS, parse_mapping
from engine.instance_lock import InstanceLock
from engine.llm.host import ChatModelHost, ModelHost
from engine.llm.registry import ModelRegistry
from engine.paths import resource_path
from engine.price_history import PriceHistory
from engine.settings import Settings, load_settings, save_settings
from engine.shopping_lists import ListStore
from engine.startup_check import StartupProblem, run_startup_checks

# Types of what some operations take or return, besides the records of engine.records:
# a chat's state (passed back to ``ask``), catalog info, settings, a model host to pass in.
__all__ = [
    "EMBEDDER_IDS", "FEED_FORMATS", "MAX_COMPARE", "Aisle", "CatalogInfo", "ChatModelHost",
    "Conversation", "Settings", "StartupProblem", "install_network_guard", "parse_mapping",
    "resource_path",
]

log = logging.getLogger(__name__)

FEED_FORMATS = ("auto", *FORMATS)
"""Feed formats ``catalog.import_feed`` reads ("auto" sniffs the file)."""
EMBEDDER_IDS = tuple(sorted(EMBEDDERS))
"""Embedding models a catalog can be built with."""


def install_network_guard(data_dir: Path | str | None = None) -> None:
    """Refuse and log every network connection from this process, except downloads the user
    starts; attempts are logged in the data directory (``aisle.history.network_log``)."""
    network_guard.install(paths.data_dir(data_dir))


class Aisle:
    """Entry point to the engine for one data directory."""

    def __init__(self, data_dir: Path | str | None = None, *,
                 model_host: ChatModelHost | None = None) -> None:
        """Args:
            model_host: the chat model to answer with (a test's scripted one, say) instead of
                the registry's active model in a worker process. Its owner closes it:
                :meth:`close` leaves it running, and the settings do not change it.
        """
        self.data_dir = paths.data_dir(data_dir)
        self._settings, self._settings_message = load_settings(self.data_dir)
        self._lock = threading.RLock()  # the GUI calls from several threads
        self._instance_lock: InstanceLock | None = None
        self.startup_problems: list[StartupProblem] = []
        registry = ModelRegistry(self.data_dir)
        self._own_host: ModelHost | None = None
        host = model_host if model_host is not None else self._start_host(registry)
        self._active = ActiveCatalog(CatalogLibrary(self.data_dir), self._lock)
        self._person = ShopperProfile(self.data_dir, self._active,
                                      lambda: self._settings.language)
        self._chats = Opened(lambda: ChatStore(self.data_dir), self._lock)
        self._lists = Opened(lambda: ListStore(self.data_dir), self._lock)
        self._prices = Opened(lambda: PriceHistory(self.data_dir), self._lock)
        translator = SearchTranslator(host)
        self.catalog = CatalogOps(
            self._active, personalizer=self._person, prices=self._prices, lists=self._lists,
            translator=translator, settings=lambda: self._settings, data_dir=self.data_dir)
        self.assistant = AssistantOps(self._active, host, self._chats)
        self.history = HistoryOps(self._person, host=host, chats=self._chats,
                                  lists=self._lists, data_dir=self.data_dir)
        self.lists = ListOps(self._lists, catalog=self._active, personalizer=self._person,
                             prices=self._prices)
        self.models = ModelOps(registry, host)
        self.evaluation = EvaluationOps(self.data_dir, host=host, registry=registry,
                                        translator=translator, catalog=self.catalog,
                                        active=self._active)

    def _start_host(self, registry: ModelRegistry) -> ModelHost:
        """The facade's own model host (closed with it), with the shopper's model settings."""
        self._own_host = ModelHost(registry, model_settings(self._settings))
        return self._own_host

    @property
    def settings(self) -> Settings:
        """The shopper's settings (change them with :meth:`update_settings`)."""
        return self._settings

    def start(self) -> list[StartupProblem]:
        """What a desktop app does first: claim the data dir, guard the network, check files.

        Returns:
            The broken files found (set aside or rebuilt), each with a message for the user.

        Raises:
            AlreadyRunning: another Aisle window uses this data directory.
        """
        self._instance_lock = InstanceLock(self.data_dir)
        self._instance_lock.acquire()
        install_network_guard(self.data_dir)
        self.startup_problems = run_startup_checks(
            self.data_dir, settings_message=self._settings_message)
        self._settings_message = None
        self._settings, _ = load_settings(self.data_dir)
        return self.startup_problems

    def warm_up(self) -> None:
        """Load the Chinese-English glossary in the background, so the first Chinese search
        does not wait for it. A desktop app calls this once the catalog is open, not before:
        its second of parsing would hold the interpreter while the shopper waits."""
        warm_glossary()

    def update_settings(self, **changes: object) -> Settings:
        """Validate, save and adopt new settings (model settings apply at the next load).

        Raises:
            SettingsError: a value is invalid (nothing is changed).
        """
        settings = self.settings.with_changes(**changes)
        save_settings(self.data_dir, settings)
        with self._lock:
            self._settings = settings
            if self._own_host is not None:
                self._own_host.settings = model_settings(settings)
        return settings

    def close(self) -> None:
        """Release the model (unless it was passed in), the databases and the data-dir lock."""
        with self._lock:
            self._active.close()
            if self._own_host is not None:
                self._own_host.close()
            for part in (self._person, self._chats, self._lists, self._prices):
                part.close()
        if self._instance_lock is not None:
            self._instance_lock.release()
            self._instance_lock = None

    def __enter__(self) -> Aisle:
        return self

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
