"""Keeps at most one chat model running and hands it to the assistant (its model provider).

The model runs in a worker process (``engine.llm.worker``), started on first use and reused.
A model that failed to load is not retried on every message (the error is remembered until
the user picks another model); a worker that died is replaced by a fresh one with the next
message, and after a native crash the start-up probe runs again.
"""

from __future__ import annotations

import logging
import threading
from typing import Protocol

from engine import network_seal
from engine.errors import ModelError
from engine.llm import worker_factory
from engine.llm.chat_api import ChatAPI
from engine.llm.registry import ModelRegistry
from engine.llm.runtime import ModelSettings
from engine.llm.worker_client import NATIVE_CRASH_SIGNALS, WorkerModel
from engine.llm.worker_factory import CpuMode
from engine.progress import ProgressCallback, no_progress

log = logging.getLogger(__name__)


class ChatModelHost(Protocol):
    """What the facade needs of a model host: :class:`ModelHost`, or a caller's own (a test's
    scripted model) passed as ``Aisle(model_host=...)``."""

    @property
    def cpu_mode(self) -> CpuMode | None:
        """How the last model started (None: not yet)."""

    def __call__(self, progress: ProgressCallback = no_progress) -> ChatAPI:
        """The running active model (``progress``: shown while a built-in one is joined).

        Raises:
            ModelError: there is no usable model.
        """

    def use(self, name: str) -> None:
        """Make ``name`` the active model, ending the running one first."""

    def network_seal(self) -> str:
        """How the model's network is closed."""

    def close(self) -> None:
        """End the running model; the next call starts it again."""


class ModelHost:
    """Callable model provider: ``host()`` returns the running active model or raises ModelError."""

    def __init__(self, registry: ModelRegistry, settings: ModelSettings | None = None) -> None:
        self.registry = registry
        self.settings = settings or ModelSettings()
        self._model: WorkerModel | None = None
        self._loaded_name = ""
        self._failed: tuple[str, ModelError] | None = None
        self._lock = threading.Lock()
        self.cpu_mode: CpuMode | None = None  # how the last model started (None: not yet)

    def __call__(self, progress: ProgressCallback = no_progress) -> WorkerModel:
        """The running active model, started on first use (``progress``: shown while a
        built-in model is joined from its packages).

        Raises:
            ModelError: the model is missing, damaged or cannot be loaded.
        """
        with self._lock:
            name = self.registry.active().name
            if self._failed and self._failed[0] == name:
                raise self._failed[1]
            if self._model is not None and self._loaded_name == name:
                if self._model.alive:
                    return self._model
                self._after_death(self._model)
            self._unload()
            try:
                path = self.registry.model_path(name, progress=progress)
                self._model, self.cpu_mode = worker_factory.start_model(path, self.settings)
            except ModelError as err:
                self._failed = (name, err)
                raise
            self._loaded_name = name
            return self._model

    def network_seal(self) -> str:
        """How the running worker's network is closed; for a worker yet to start, how it will be."""
        with self._lock:
            model = self._model
        if model is not None and model.alive:
            return model.network_seal
        return network_seal.available()

    def _after_death(self, model: WorkerModel) -> None:
        log.warning("model worker %d ended (%s); starting a fresh one", model.pid,
                    model.exit_signal.name if model.exit_signal else "no signal")
        if model.exit_signal in NATIVE_CRASH_SIGNALS:
            worker_factory.forget(model.path)

    def _unload(self) -> None:
        if self._model is not None:
            self._model.close()
            self._model = None

    def use(self, name: str) -> None:
        """Switch models: the old worker process ends first, so two are never in memory."""
        with self._lock:
            self.registry.use(name)
            self._failed = None
            self._unload()

    def close(self) -> None:
        with self._lock:
            self._unload()
