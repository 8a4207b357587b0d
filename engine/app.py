"""The facade the CLI and the GUI share: one object per data directory.

It opens the active catalog lazily and installs the bundled demo catalog on first run, so a
new user has something to search before importing or downloading anything.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from engine import demo_catalog, network_guard, paths
from engine.assistant.assistant import Assistant
from engine.catalog import Catalog
from engine.catalog_library import CatalogLibrary
from engine.instance_lock import InstanceLock
from engine.llm.host import ModelHost
from engine.llm.model_files import physical_cores
from engine.llm.registry import ModelRegistry
from engine.llm.runtime import ModelSettings
from engine.personalization.personalizer import Personalizer
from engine.progress import NEVER_CANCELLED, CancelToken, ProgressCallback, no_progress
from engine.settings import Settings, load_settings, save_settings
from engine.startup_check import StartupProblem, run_startup_checks

log = logging.getLogger(__name__)


class Aisle:
    """Entry point to the engine for one data directory."""

    def __init__(self, data_dir: Path | str | None = None) -> None:
        self.data_dir = paths.data_dir(data_dir)
        self.library = CatalogLibrary(self.data_dir)
        self.settings, self._settings_message = load_settings(self.data_dir)
        self.startup_problems: list[StartupProblem] = []
        self._catalog: Catalog | None = None
        self._lock = threading.RLock()
        self._instance_lock: InstanceLock | None = None
        self.models = ModelRegistry(self.data_dir)
        self._model_host: ModelHost | None = None
        self._assistant: Assistant | None = None
        self._history: Personalizer | None = None

    def start(self) -> list[StartupProblem]:
        """What a desktop app does first: claim the data dir, guard the network, check files.

        Raises:
            AlreadyRunning: another Aisle window uses this data directory.
        """
        self._instance_lock = InstanceLock(self.data_dir)
        self._instance_lock.acquire()
        network_guard.install(self.data_dir)
        self.startup_problems = run_startup_checks(self.data_dir,
                                                   settings_message=self._settings_message)
        self._settings_message = None
        self.settings, _ = load_settings(self.data_dir)
        return self.startup_problems

    def update_settings(self, **changes: object) -> Settings:
        """Validate, save and adopt new settings (model settings apply at the next load)."""
        self.settings = self.settings.with_changes(**changes)
        save_settings(self.data_dir, self.settings)
        with self._lock:
            if self._model_host is not None:
                self._model_host.settings = self._model_settings()
        return self.settings

    @property
    def catalog(self) -> Catalog:
        """The active catalog (opened on first use, re-opened after a switch)."""
        with self._lock:
            directory = self.library.active_dir()
            if self._catalog is None or self._catalog.directory != directory:
                self._close_catalog()
                self._catalog = Catalog.open(directory)
            return self._catalog

    def reopen_catalog(self) -> Catalog:
        """Drop the open catalog (after an install or rollback) and open the active one."""
        with self._lock:
            self._close_catalog()
        return self.catalog

    @property
    def model_host(self) -> ModelHost:
        """Keeps at most one chat model loaded, with the user's model settings."""
        with self._lock:
            if self._model_host is None:
                self._model_host = ModelHost(self.models, self._model_settings())
            return self._model_host

    def _model_settings(self) -> ModelSettings:
        s = self.settings
        return ModelSettings(
            n_ctx=s.model_context,
            n_threads=s.model_threads or physical_cores(),
            n_gpu_layers=None if s.model_gpu_layers == -2 else s.model_gpu_layers,
        )

    @property
    def assistant(self) -> Assistant:
        """The shopping assistant over the active catalog (the model loads on first answer)."""
        with self._lock:
            catalog = self.catalog
            if self._assistant is None or self._assistant.catalog is not catalog:
                self._assistant = Assistant(catalog, self.model_host)
            return self._assistant

    @property
    def history(self) -> Personalizer:
        """The shopper's local history, profile and recommendations."""
        with self._lock:
            catalog = self.catalog
            if self._history is None:
                self._history = Personalizer.open(self.data_dir, catalog)
            self._history.catalog = catalog
            return self._history

    def needs_demo_catalog(self) -> bool:
        return not self.library.has_catalog() or self.catalog.info().product_count == 0

    def install_demo_catalog(
        self, progress: ProgressCallback = no_progress, cancel: CancelToken = NEVER_CANCELLED
    ) -> None:
        """Put the bundled demo catalog into the active slot.

        First run; embedded once per machine.
        """
        prepared = demo_catalog.prepare(progress, cancel)
        with self._lock:
            self._close_catalog()
            demo_catalog.copy_into(prepared, self.library.active_dir())

    def ensure_catalog(
        self, progress: ProgressCallback = no_progress, cancel: CancelToken = NEVER_CANCELLED
    ) -> Catalog:
        """The active catalog, installing the demo catalog first if there is none yet."""
        if self.needs_demo_catalog():
            log.info("no catalog yet: installing the demo catalog")
            self.install_demo_catalog(progress, cancel)
        return self.catalog

    def _close_catalog(self) -> None:
        if self._catalog is not None:
            self._catalog.close()
            self._catalog = None
        self._assistant = None

    def close(self) -> None:
        """Release the model, the databases and the data-dir lock."""
        with self._lock:
            self._close_catalog()
            if self._model_host is not None:
                self._model_host.close()
                self._model_host = None
            if self._history is not None:
                self._history.close()
                self._history = None
        if self._instance_lock is not None:
            self._instance_lock.release()
            self._instance_lock = None
