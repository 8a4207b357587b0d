"""The facade the CLI and the GUI share: one object per data directory.

It opens the active catalog lazily and installs the bundled demo catalog on first run, so a
new user has something to search before importing or downloading anything.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path

from engine import network_guard, paths
from engine.catalog import Catalog
from engine.catalog_library import CatalogLibrary
from engine.instance_lock import InstanceLock
from engine.progress import NEVER_CANCELLED, CancelToken, ProgressCallback, no_progress
from engine.records import ImportReport
from engine.settings import Settings, load_settings, save_settings
from engine.startup_check import StartupProblem, run_startup_checks

log = logging.getLogger(__name__)

DEMO_FEED = ("demo", "catalog.jsonl")
DEMO_INFO = ("demo", "catalog.json")


class Aisle:
    """Entry point to the engine for one data directory."""

    def __init__(self, data_dir: Path | str | None = None) -> None:
        self.data_dir = paths.data_dir(data_dir)
        self.library = CatalogLibrary(self.data_dir)
        self.settings, _ = load_settings(self.data_dir)
        self.startup_problems: list[StartupProblem] = []
        self._catalog: Catalog | None = None
        self._lock = threading.Lock()
        self._instance_lock: InstanceLock | None = None

    def start(self) -> list[StartupProblem]:
        """What a desktop app does first: claim the data dir, guard the network, check files.

        Raises:
            AlreadyRunning: another Aisle window uses this data directory.
        """
        self._instance_lock = InstanceLock(self.data_dir)
        self._instance_lock.acquire()
        network_guard.install(self.data_dir)
        self.startup_problems = run_startup_checks(self.data_dir)
        self.settings, _ = load_settings(self.data_dir)
        return self.startup_problems

    def update_settings(self, **changes: object) -> Settings:
        """Validate, save and adopt new settings."""
        self.settings = self.settings.with_changes(**changes)
        save_settings(self.data_dir, self.settings)
        return self.settings

    @property
    def catalog(self) -> Catalog:
        """The active catalog (opened on first use, re-opened after a switch)."""
        with self._lock:
            directory = self.library.active_dir()
            if self._catalog is None or self._catalog.directory != directory:
                if self._catalog is not None:
                    self._catalog.close()
                self._catalog = Catalog.open(directory)
            return self._catalog

    def reopen_catalog(self) -> Catalog:
        """Drop the open catalog (after an install or rollback) and open the active one."""
        with self._lock:
            if self._catalog is not None:
                self._catalog.close()
                self._catalog = None
        return self.catalog

    def needs_demo_catalog(self) -> bool:
        return not self.library.has_catalog() or self.catalog.info().product_count == 0

    def install_demo_catalog(
        self, progress: ProgressCallback = no_progress, cancel: CancelToken = NEVER_CANCELLED
    ) -> ImportReport:
        """Import the bundled demo catalog into the active slot (first run)."""
        feed = paths.resource_path(*DEMO_FEED)
        report = self.catalog.import_feed(feed, format="jsonl", progress=progress, cancel=cancel)
        info = json.loads(paths.resource_path(*DEMO_INFO).read_text(encoding="utf-8"))
        self.catalog.set_info(
            name=info.get("name", "Aisle demo catalog"),
            version=info.get("version", ""),
            snapshot_date=info.get("snapshot_date", ""),
        )
        return report

    def ensure_catalog(
        self, progress: ProgressCallback = no_progress, cancel: CancelToken = NEVER_CANCELLED
    ) -> Catalog:
        """The active catalog, installing the demo catalog first if there is none yet."""
        if self.needs_demo_catalog():
            log.info("no catalog yet: installing the demo catalog")
            self.install_demo_catalog(progress, cancel)
        return self.catalog

    def close(self) -> None:
        with self._lock:
            if self._catalog is not None:
                self._catalog.close()
                self._catalog = None
        if self._instance_lock is not None:
            self._instance_lock.release()
            self._instance_lock = None
