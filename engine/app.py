"""The facade the CLI and the GUI share: one :class:`Aisle` per data directory.

Every operation takes plain values and returns records from :mod:`engine.records` (errors
from :mod:`engine.errors`); the engine's own objects (catalog, model host, assistant,
personalizer) stay inside. The operations are grouped by area in ``engine.facade``:

- catalog (:class:`~engine.facade.catalog_ops.CatalogOps`): ``ensure_catalog``,
  ``catalog_info``, ``import_feed``, ``search``, ``product``, ``product_page``, ``compare``,
  ``install_bundle``, ``rollback_catalog``, ``check_updates``;
- assistant (:class:`~engine.facade.assistant_ops.AssistantOps`): ``conversation``,
  ``save_conversation``, ``ask`` (events), ``answer`` (blocking);
- assistant (saved chats): ``chats``, ``rename_chat``, ``delete_chat``, ``delete_all_chats``;
- history (:class:`~engine.facade.history_ops.HistoryOps`): ``record``, ``record_click``,
  ``recommend``, ``history``, ``privacy``, ``network_log``, pause, delete (``delete_everything``:
  history, chats and lists), export, import;
- lists (:class:`~engine.facade.list_ops.ListOps`): ``shopping_list``, ``item_states``,
  ``save_product``, ``add_to_cart``, ``set_quantity``, ``remove_from_list``, ``export_list``;
- models (:class:`~engine.facade.model_ops.ModelOps`): ``models``, ``add_model``,
  ``use_model``, ``install_model``, ``load_model``, ``unload_model``, ``cpu_mode``;
- evaluation (:class:`~engine.facade.tools.EvaluationOps`): ``evaluate_search``,
  ``evaluate_assistant``, ``evaluate_personalization``, ``cross_validate_ranking``;

and here: ``start``, ``settings``, ``update_settings``, ``close``. The bundled demo catalog is
installed on first use, so a new shopper has something to search right away.
"""

from __future__ import annotations

import logging
from pathlib import Path
from types import TracebackType

from engine import network_guard, paths
from engine.assistant.conversation import Conversation
from engine.catalog import CatalogInfo
from engine.crosslingual import warm_up as warm_glossary
from engine.embedders import EMBEDDERS
from engine.facade.assistant_ops import AssistantOps
from engine.facade.catalog_ops import MAX_COMPARE
from engine.facade.history_ops import HistoryOps
from engine.facade.list_ops import ListOps
from engine.facade.model_ops import ModelOps
from engine.facade.parts import Parts
from engine.facade.tools import (
    BUILD_ENGINES,
    EvaluationOps,
    build_bundle,
    build_delta,
    generate_keypair,
)
from engine.importers import FORMATS, parse_mapping
from engine.instance_lock import InstanceLock
from engine.paths import resource_path
from engine.settings import Settings, load_settings
from engine.startup_check import StartupProblem, run_startup_checks

# Types of what some operations take or return, besides the records of engine.records:
# a chat's state (passed back to ``ask``), catalog info, settings.
__all__ = [
    "BUILD_ENGINES", "EMBEDDER_IDS", "FEED_FORMATS", "MAX_COMPARE", "Aisle", "CatalogInfo",
    "Conversation",
    "Settings", "StartupProblem", "build_bundle", "build_delta", "generate_keypair",
    "install_network_guard",
    "parse_mapping", "resource_path",
]

log = logging.getLogger(__name__)

FEED_FORMATS = ("auto", *FORMATS)
"""Feed formats ``import_feed`` reads ("auto" sniffs the file)."""
EMBEDDER_IDS = tuple(sorted(EMBEDDERS))
"""Embedding models a catalog can be built with."""


def install_network_guard(data_dir: Path | str | None = None) -> None:
    """Refuse and log every network connection from this process, except downloads the user
    starts; attempts are logged in the data directory (``Aisle.network_log``)."""
    network_guard.install(paths.data_dir(data_dir))


class Aisle(EvaluationOps, AssistantOps, HistoryOps, ListOps, ModelOps):
    """Entry point to the engine for one data directory."""

    def __init__(self, data_dir: Path | str | None = None) -> None:
        self._parts = Parts(data_dir)
        self._instance_lock: InstanceLock | None = None
        self.startup_problems: list[StartupProblem] = []

    @property
    def data_dir(self) -> Path:
        return self._parts.data_dir

    @property
    def settings(self) -> Settings:
        """The shopper's settings (change them with :meth:`update_settings`)."""
        return self._parts.settings

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
            self.data_dir, settings_message=self._parts.settings_message)
        self._parts.settings_message = None
        self._parts.settings, _ = load_settings(self.data_dir)
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
        self._parts.save_settings(settings)
        return settings

    def close(self) -> None:
        """Release the model, the databases and the data-dir lock."""
        self._parts.close()
        if self._instance_lock is not None:
            self._instance_lock.release()
            self._instance_lock = None

    def __enter__(self) -> Aisle:
        return self

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
